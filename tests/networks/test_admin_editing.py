"""A network profile is fully editable in the Wagtail admin, in Spanish."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from networks.models import NetworkPage
from tests.admin_forms import as_post, form_data
from tests.factories import SchoolFactory, network_index

pytestmark = pytest.mark.django_db


def test_an_editor_creates_a_network_with_member_schools(admin_client):
    index = network_index()
    schools = [SchoolFactory(name="ESCUELA ESPAÑA"), SchoolFactory(name="ESCUELA TUCAPEL")]
    add_url = f"/admin/pages/add/networks/networkpage/{index.pk}/"
    response = admin_client.get(add_url)
    assert response.status_code == 200
    text = response.content.decode()
    # Spanish labels from the model.
    for label in ["Resumen", "Funciona desde", "Tipo de red", "Establecimientos miembros", "Idea fuerza"]:
        assert label in text
    data = form_data(text)
    data.update(
        nested_form_data(
            {
                "title": "Red Ligua Aprende",
                "slug": "red-ligua-aprende",
                "summary": "Red de escuelas de La Ligua.",
                "region": "5",
                "province": "54",
                "since_year": "2015",
                "network_type": "communal",
                "objective": rich_text("<p>Mejorar la lectura.</p>"),
                "key_idea": "Aprender juntos.",
                "mobilisation": streamfield([("item", "Observan clases."), ("item", "Comparten pautas.")]),
                "collaboration": streamfield([]),
                "learnings": streamfield([("item", "Una pauta común.")]),
                "projections": streamfield([]),
                "memberships": inline_formset(
                    [
                        {"school": str(schools[0].rbd), "roles": "director"},
                        {"school": str(schools[1].rbd), "roles": "utp"},
                    ]
                ),
                "participants": inline_formset([{"role": "deprov_supervisor", "description": "Supervisión DEPROV"}]),
                "action-publish": "action-publish",
            }
        )
    )
    data.setlist("levels", ["basica", "media_tp"])
    response = admin_client.post(add_url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]

    page = NetworkPage.objects.get(slug="red-ligua-aprende")
    assert page.live and page.region_id == 5 and page.province_id == 54
    assert page.levels == ["basica", "media_tp"]
    assert [block.value for block in page.mobilisation] == ["Observan clases.", "Comparten pautas."]
    assert [(m.school.name, m.roles) for m in page.memberships.order_by("sort_order")] == [
        ("ESCUELA ESPAÑA", ["director"]),
        ("ESCUELA TUCAPEL", ["utp"]),
    ]
    assert page.participants.get().role == "deprov_supervisor"
    # And the public page shows it.
    public = admin_client.get(page.url)
    assert "Escuela España" in public.content.decode()


def test_a_province_outside_the_region_is_refused_with_a_message(admin_client):
    index = network_index()
    add_url = f"/admin/pages/add/networks/networkpage/{index.pk}/"
    data = form_data(admin_client.get(add_url).content.decode())
    data.update(
        nested_form_data(
            {
                "title": "Red mal ubicada",
                "slug": "red-mal-ubicada",
                "summary": "x",
                "region": "15",
                "province": "103",  # Osorno, in Los Lagos
                "since_year": "2016",
                "network_type": "communal",
                **{name: streamfield([]) for name in ("mobilisation", "collaboration", "learnings", "projections")},
                "memberships": inline_formset([]),
                "participants": inline_formset([]),
            }
        )
    )
    response = admin_client.post(add_url, as_post(data))
    assert response.status_code == 200
    assert "La provincia no pertenece a la región elegida." in response.content.decode()
    assert not NetworkPage.objects.filter(slug="red-mal-ubicada").exists()


def test_the_school_chooser_finds_schools_without_accents_or_by_rbd(admin_client):
    espana = SchoolFactory(name="ESCUELA ESPAÑA", rbd=38, check_digit="0")
    SchoolFactory(name="LICEO POLITÉCNICO", rbd=1, check_digit="9")

    response = admin_client.get("/admin/school_chooser/results/", {"q": "espana escuela"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "ESCUELA ESPAÑA" in text and "LICEO" not in text

    # Words may name the commune too (the factory's schools are in Arica).
    response = admin_client.get("/admin/school_chooser/results/", {"q": "espana arica"})
    assert "ESCUELA ESPAÑA" in response.content.decode()

    response = admin_client.get("/admin/school_chooser/results/", {"q": "politecnico"})
    assert "LICEO POLITÉCNICO" in response.content.decode()

    response = admin_client.get("/admin/school_chooser/results/", {"q": f"{espana.rbd}-{espana.check_digit}"})
    assert "ESCUELA ESPAÑA" in response.content.decode()

    response = admin_client.get("/admin/school_chooser/results/", {"q": "espana", "region": "10"})
    assert "ESCUELA ESPAÑA" not in response.content.decode()

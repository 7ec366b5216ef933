"""The PME is edited in the Wagtail admin, in Spanish."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from pme.models import PlanAction
from tests.admin_forms import as_post, form_data
from tests.factories import SchoolFactory, make_action

pytestmark = pytest.mark.django_db


def test_plans_and_actions_are_listed_and_edited(admin_client):
    action = make_action(SchoolFactory(name="ESCUELA ESPAÑA"), "Talleres con familias", progresses=[100, 0])
    listing = admin_client.get("/admin/snippets/pme/planaction/")
    assert listing.status_code == 200 and "Talleres con familias" in listing.content.decode()
    assert admin_client.get("/admin/snippets/pme/improvementplan/").status_code == 200
    assert admin_client.get(f"/admin/snippets/pme/improvementplan/edit/{action.plan_id}/").status_code == 200

    edit_url = f"/admin/snippets/pme/planaction/edit/{action.pk}/"
    response = admin_client.get(edit_url)
    html = response.content.decode()
    assert "Hitos de progreso" in html and "Medios de verificación" in html
    data = form_data(html, form_id="w-editor-form")
    data.update(
        nested_form_data(
            {
                "responsible": "Encargada de convivencia",
                "evidence": inline_formset([{"title": "Lista de asistencia", "url": "https://example.org/lista"}]),
            }
        )
    )
    response = admin_client.post(edit_url, as_post(data))
    errors = [line for line in response.content.decode().splitlines() if "error" in line]
    assert response.status_code == 302, errors[:20]
    action = PlanAction.objects.get(pk=action.pk)
    assert action.responsible == "Encargada de convivencia"
    assert action.evidence.get().title == "Lista de asistencia"
    assert action.progress == 50  # milestones untouched

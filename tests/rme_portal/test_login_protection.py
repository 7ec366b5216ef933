"""Wrong passwords lock out one user from one address, for a while, with a
Spanish page; the same for Wagtail's page and document password forms.

Everything goes through real HTTP posts to the real forms. The cool-off is
passed by moving the recorded failures back in time in the database (what
axes compares with the clock), not by sleeping.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import UserFactory, make_network

PASSWORD = "clave-de-prueba"  # UserFactory's
SCHOOL_NAT = "200.1.1.1"  # a school's shared address
ELSEWHERE = "190.2.2.2"
LIMIT = 5
COOL_OFF = timedelta(minutes=15)


def test_settings_are_the_documented_ones():
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME == COOL_OFF
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def admin_login(username, password, ip, **extra):
    """A fresh browser posting the admin's sign-in form."""
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)
    return client, response


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def fail_admin_login(username, ip, times, **extra):
    return [admin_login(username, "equivocada", ip, **extra)[1].status_code for _ in range(times)]


def travel_past_cool_off(minutes=15, seconds=1):
    """Move every recorded failure back, as if that much time had passed."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes, seconds=seconds)
        attempt.save(update_fields=["attempt_time"])


@pytest.fixture
def editor(db):
    return UserFactory(username="coordinadora", is_staff=True, is_superuser=True)


@pytest.fixture
def colleague(db):
    return UserFactory(username="director", is_staff=True, is_superuser=True)


def test_a_correct_password_signs_in(editor):
    client, response = admin_login("coordinadora", PASSWORD, SCHOOL_NAT)
    assert response.status_code == 302 and signed_in(client)


def test_the_fifth_wrong_password_locks_and_then_the_right_one_is_refused(editor):
    assert fail_admin_login("coordinadora", SCHOOL_NAT, LIMIT) == [200, 200, 200, 200, 429]
    client, response = admin_login("coordinadora", PASSWORD, SCHOOL_NAT)
    assert response.status_code == 429
    assert not signed_in(client)


def test_the_lock_is_for_that_user_from_that_address_only(editor, colleague):
    fail_admin_login("coordinadora", SCHOOL_NAT, LIMIT)
    # The same user from home still signs in …
    client, response = admin_login("coordinadora", PASSWORD, ELSEWHERE)
    assert response.status_code == 302 and signed_in(client)
    # … and a colleague behind the same school address too.
    client, response = admin_login("director", PASSWORD, SCHOOL_NAT)
    assert response.status_code == 302 and signed_in(client)


def test_the_lockout_page_says_what_happened_and_when_in_spanish(editor):
    fail_admin_login("coordinadora", SCHOOL_NAT, LIMIT)
    _client, response = admin_login("coordinadora", PASSWORD, SCHOOL_NAT)
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="es-CL">' in html
    assert "Demasiados intentos" in html
    assert "Hubo 5 intentos fallidos de iniciar sesión como «coordinadora» desde su conexión" in html
    assert "Podrá intentarlo de nuevo a las " in html and "(en 15 minutos)" in html
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60


def test_attempts_during_the_lockout_do_not_extend_it(editor):
    fail_admin_login("coordinadora", SCHOOL_NAT, LIMIT)
    travel_past_cool_off(minutes=10, seconds=0)
    assert fail_admin_login("coordinadora", SCHOOL_NAT, 3) == [429, 429, 429]
    _client, response = admin_login("coordinadora", PASSWORD, SCHOOL_NAT)
    assert response.status_code == 429 and int(response["Retry-After"]) <= 5 * 60
    travel_past_cool_off(minutes=5)
    client, response = admin_login("coordinadora", PASSWORD, SCHOOL_NAT)
    assert response.status_code == 302 and signed_in(client)


def test_after_the_cool_off_the_right_password_works_again(editor):
    fail_admin_login("coordinadora", SCHOOL_NAT, LIMIT)
    travel_past_cool_off(minutes=14, seconds=0)
    assert admin_login("coordinadora", PASSWORD, SCHOOL_NAT)[1].status_code == 429
    travel_past_cool_off(minutes=1)
    client, response = admin_login("coordinadora", PASSWORD, SCHOOL_NAT)
    assert response.status_code == 302 and signed_in(client)


def test_a_success_resets_the_count(editor):
    assert fail_admin_login("coordinadora", SCHOOL_NAT, LIMIT - 1) == [200] * 4
    assert admin_login("coordinadora", PASSWORD, SCHOOL_NAT)[1].status_code == 302
    assert AccessAttempt.objects.count() == 0
    assert fail_admin_login("coordinadora", SCHOOL_NAT, LIMIT - 1) == [200] * 4
    assert admin_login("coordinadora", PASSWORD, SCHOOL_NAT)[1].status_code == 302


def test_the_front_end_login_is_protected_too(editor):
    def post(password):
        data = {"username": "coordinadora", "password": password}
        return Client().post("/_util/login/", data, REMOTE_ADDR=SCHOOL_NAT).status_code

    assert [post("equivocada") for _ in range(LIMIT)] == [200, 200, 200, 200, 429]
    assert post(PASSWORD) == 429


# --- behind the reverse proxy -------------------------------------------------------
PROXY = "172.30.0.10"


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(editor):
    statuses = [
        admin_login("coordinadora", "equivocada", SCHOOL_NAT, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")[1].status_code
        for n in range(LIMIT)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {SCHOOL_NAT}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(editor, colleague):
    # The client prepends forged entries; the proxy appends the address it saw.
    forged = [f"10.9.9.{n}, {SCHOOL_NAT}" for n in range(LIMIT)]
    statuses = [
        admin_login("coordinadora", "equivocada", PROXY, HTTP_X_FORWARDED_FOR=chain)[1].status_code for chain in forged
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {SCHOOL_NAT}
    # Everyone arrives from the proxy's address; only that school's editor is locked.
    assert admin_login("coordinadora", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=SCHOOL_NAT)[1].status_code == 429
    assert admin_login("coordinadora", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=ELSEWHERE)[1].status_code == 302
    assert admin_login("director", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=SCHOOL_NAT)[1].status_code == 302


# --- Wagtail's page and document passwords ---------------------------------------------
@pytest.fixture
def private_network(db):
    network = make_network("Red con clave", summary="Contenido solo para la red.")
    restriction = PageViewRestriction.objects.create(page=network, restriction_type="password", password="clave-red")
    return network, restriction


def page_password(network, restriction, password, ip, client=None):
    client = client or Client()
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{network.pk}/",
        {"password": password, "return_url": network.url},
        REMOTE_ADDR=ip,
    )
    return client, response


def sees_page(client, network, ip) -> bool:
    return "Contenido solo para la red." in client.get(network.url, REMOTE_ADDR=ip).content.decode()


def test_the_page_password_opens_the_page(private_network):
    network, restriction = private_network
    client, response = page_password(network, restriction, "clave-red", SCHOOL_NAT)
    assert response.status_code == 302 and sees_page(client, network, SCHOOL_NAT)


def test_wrong_page_passwords_lock_that_page_for_that_address(private_network):
    network, restriction = private_network
    statuses = [page_password(network, restriction, f"intento{n}", SCHOOL_NAT)[1].status_code for n in range(LIMIT)]
    assert statuses == [200, 200, 200, 200, 429]
    client, response = page_password(network, restriction, "clave-red", SCHOOL_NAT)
    assert response.status_code == 429
    assert not sees_page(client, network, SCHOOL_NAT)
    html = response.content.decode()
    assert "La contraseña de esta página se ingresó mal demasiadas veces" in html
    assert f'href="{network.url}"' in html  # back to the page, after the wait
    # Another address is not locked.
    client, response = page_password(network, restriction, "clave-red", ELSEWHERE)
    assert response.status_code == 302 and sees_page(client, network, ELSEWHERE)


def test_the_page_password_lock_is_per_page(private_network):
    network, restriction = private_network
    other = make_network("Otra red con clave", summary="Otro contenido reservado.")
    other_restriction = PageViewRestriction.objects.create(page=other, restriction_type="password", password="otra")
    for n in range(LIMIT):
        page_password(network, restriction, f"intento{n}", SCHOOL_NAT)
    assert page_password(other, other_restriction, "otra", SCHOOL_NAT)[1].status_code == 302


def test_the_page_password_works_again_after_the_cool_off_and_resets(private_network):
    network, restriction = private_network
    for n in range(LIMIT):
        page_password(network, restriction, f"intento{n}", SCHOOL_NAT)
    travel_past_cool_off()
    client, response = page_password(network, restriction, "clave-red", SCHOOL_NAT)
    assert response.status_code == 302 and sees_page(client, network, SCHOOL_NAT)
    assert AccessAttempt.objects.count() == 0


def test_the_page_password_lock_does_not_touch_user_logins(private_network, editor):
    network, restriction = private_network
    for n in range(LIMIT):
        page_password(network, restriction, f"intento{n}", SCHOOL_NAT)
    assert admin_login("coordinadora", PASSWORD, SCHOOL_NAT)[1].status_code == 302


def test_wrong_document_collection_passwords_lock_too(db):
    collection = Collection.get_first_root_node().add_child(name="Reservados")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="clave-docs"
    )
    Document.objects.create(title="Acta reservada", collection=collection)
    url = f"/documentos/authenticate_with_password/{restriction.pk}/"

    def post(password):
        return Client().post(url, {"password": password, "return_url": "/"}, REMOTE_ADDR=SCHOOL_NAT).status_code

    assert [post(f"intento{n}") for n in range(LIMIT)] == [200, 200, 200, 200, 429]
    assert post("clave-docs") == 429
    travel_past_cool_off()
    assert post("clave-docs") == 302

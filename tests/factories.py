"""Test data builders, in one place. Territories come from the migrations
(the real 346 communes), so factories refer to real CUT codes."""

import factory
from django.contrib.auth import get_user_model

from home.models import HomePage
from networks.models import NetworkIndexPage, NetworkMembership, NetworkPage
from schools.models import Dependency, School
from schools.rbd import rbd_check_digit

ARICA = 15101
CALAMA = 2201
OSORNO = 10301


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    rbd = factory.Sequence(lambda n: 90000 + n)
    check_digit = factory.LazyAttribute(lambda school: rbd_check_digit(school.rbd))
    name = factory.Sequence(lambda n: f"ESCUELA DE PRUEBA {n}")
    commune_id = ARICA
    deprov_id = 151
    dependency = Dependency.MUNICIPAL
    teaching_codes = factory.LazyFunction(lambda: [10, 110])
    directory_year = 2020


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "clave-de-prueba")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def home_page() -> HomePage:
    return HomePage.objects.get()


def network_index() -> NetworkIndexPage:
    index = NetworkIndexPage.objects.first()
    if index is None:
        index = home_page().add_child(instance=NetworkIndexPage(title="Redes", slug="redes"))
    return index


def make_network(
    title: str, *, region_id: int = 15, levels=("basica",), schools=(), live=True, **fields
) -> NetworkPage:
    """A published network page under the network index, with member schools."""
    page = NetworkPage(
        title=title,
        summary=fields.pop("summary", f"Resumen de {title}."),
        region_id=region_id,
        since_year=fields.pop("since_year", 2015),
        network_type=fields.pop("network_type", "communal"),
        levels=list(levels),
        live=live,
        **fields,
    )
    for school in schools:
        page.memberships.add(NetworkMembership(school=school, roles=["director", "utp"]))
    network_index().add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page

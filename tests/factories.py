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
    for order, school in enumerate(schools):
        page.memberships.add(NetworkMembership(school=school, roles=["director", "utp"], sort_order=order))
    network_index().add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


# --- practices, instruments and PME -------------------------------------------------


def practice_index():
    from practices.models import PracticeIndexPage

    index = PracticeIndexPage.objects.first()
    if index is None:
        index = home_page().add_child(instance=PracticeIndexPage(title="Prácticas", slug="practicas"))
    return index


def instrument_index():
    from practices.models import InstrumentIndexPage

    index = InstrumentIndexPage.objects.first()
    if index is None:
        index = home_page().add_child(instance=InstrumentIndexPage(title="Instrumentos", slug="instrumentos"))
    return index


def make_topic(name: str):
    from django.utils.text import slugify

    from practices.models import Topic

    return Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def make_practice(network, title: str, *, topics=(), adoptions=(), published=None, **fields):
    """A published practice under ``network``; ``adoptions`` are (action, note) pairs."""
    from practices.models import PracticeAdoption, PracticePage

    page = PracticePage(
        title=title,
        summary=fields.pop("summary", f"Resumen de {title}."),
        dimensions=fields.pop("dimensions", ["gestion_pedagogica"]),
        evidence_level=fields.pop("evidence_level", 2),
        levels=fields.pop("levels", ["basica"]),
        first_published_at=published,
        **fields,
    )
    page.topics = list(topics)
    for action, note in adoptions:
        page.adoptions.add(PracticeAdoption(action=action, note=note))
    network.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_instrument(network, title: str, *, topics=(), documents=(), **fields):
    from practices.models import InstrumentAttachment, InstrumentPage

    page = InstrumentPage(
        title=title,
        summary=fields.pop("summary", f"Resumen de {title}."),
        instrument_type=fields.pop("instrument_type", "observation_guide"),
        **fields,
    )
    page.topics = list(topics)
    for document in documents:
        page.attachments.add(InstrumentAttachment(document=document, label=document.title))
    network.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_action(school, name: str, *, dimension="gestion_pedagogica", progresses=(), cycle_start=2023, **fields):
    import datetime

    from pme.models import ImprovementPlan, Milestone, PlanAction

    plan, _ = ImprovementPlan.objects.get_or_create(school=school, cycle_start=cycle_start)
    action = PlanAction.objects.create(
        plan=plan,
        name=name,
        dimension=dimension,
        start_date=fields.pop("start_date", datetime.date(2026, 3, 2)),
        end_date=fields.pop("end_date", datetime.date(2026, 12, 11)),
        responsible=fields.pop("responsible", "Jefa de UTP"),
        **fields,
    )
    for number, progress in enumerate(progresses):
        Milestone.objects.create(
            action=action, description=f"Hito {number + 1}", due_date=datetime.date(2026, 6, 1), progress=progress
        )
    return action


def make_session(network, day, *, host=None, status="planned", agreements=(), live=True, **fields):
    """A session under ``network``; ``agreements`` are (text, due date, done) triples."""
    import datetime

    from meetings.models import SessionAgreement, SessionPage

    page = SessionPage(
        title=fields.pop("title", f"Sesión {day.isoformat()}"),
        slug=fields.pop("slug", f"sesion-{day.isoformat()}"),
        date=day,
        start_time=fields.pop("start_time", datetime.time(9, 0)),
        end_time=fields.pop("end_time", datetime.time(12, 30)),
        host_school=host,
        status=status,
        live=live,
        **fields,
    )
    for text, due, done in agreements:
        page.agreements.add(SessionAgreement(text=text, responsible="Jefa de UTP", due_date=due, done=done))
    network.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def make_document(title: str, *, collection=None, content: bytes | None = None, filename: str | None = None):
    """A stored Wagtail document: a small PDF of its title unless `content` is given
    (`filename` then says its kind, e.g. "acta.txt"); in the root collection by default."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from demo.files import build_pdf

    document = get_document_model()(title=title, collection=collection or Collection.get_first_root_node())
    if content is None:
        content, filename = build_pdf(title, ["Criterio"]), filename or "documento.pdf"
    document.file.save(filename or "documento.txt", ContentFile(content), save=False)
    document.save()
    return document

"""Build the demo content from the readable data files in demo/data/.

Idempotent: what exists is left as it is (an editor's changes survive a
re-run) and only what is missing is created, so running it twice changes
nothing. It works with or without the full school directory imported: the
member schools it needs are in demo/data/schools.csv, in the directory's own
format, and are created only when missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage
from meetings.models import SessionCalendarPage
from networks.coordinators import coordinator_assign
from networks.models import NetworkIndexPage, NetworkMembership, NetworkPage, NetworkParticipant
from practices.models import InstrumentIndexPage, PracticeIndexPage
from schools.directory_file import DirectoryFile
from schools.models import School
from schools.services import schools_import
from territories.models import DeprovOffice

from .practices_loader import load_instruments, load_plans, load_practices, load_topics
from .sessions_loader import load_agenda_templates, load_session_plans
from .text import paragraphs, statements

DATA_DIR = Path(__file__).resolve().parent / "data"
NETWORK_INDEX_SLUG = "redes"

# Accounts for trying the portal locally; README documents them.
DEMO_ADMIN = ("admin", "portal-rme-demo")
DEMO_COORDINATOR = ("coordinacion.arica", "portal-rme-demo", "red-basica-1-arica")


@dataclass
class DemoReport:
    schools_created: int = 0
    networks_created: list[str] = field(default_factory=list)
    networks_existing: list[str] = field(default_factory=list)
    missing_schools: list[str] = field(default_factory=list)
    users_created: list[str] = field(default_factory=list)
    plans_created: int = 0
    instruments_created: int = 0
    practices_created: int = 0
    sessions_created: int = 0


def read_yaml(name: str):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def demo_content_exists() -> bool:
    return NetworkPage.objects.exists()


@transaction.atomic
def demo_load(*, with_users: bool = False) -> DemoReport:
    report = DemoReport()
    report.schools_created = schools_import(DirectoryFile.open(DATA_DIR / "schools.csv"), only_missing=True).created
    home = _home_page()
    index = _network_index(home)
    for data in read_yaml("networks.yaml"):
        existing = NetworkPage.objects.filter(slug=data["slug"]).first()
        if existing:
            report.networks_existing.append(existing.title)
            continue
        _create_network(index, data, report)
    _listing_pages(home)
    topics = load_topics(read_yaml("topics.yaml"))
    adoptions = load_plans(read_yaml("pme.yaml"), report)
    practices = read_yaml("practices.yaml")
    instruments = load_instruments(read_yaml("instruments.yaml"), topics, adoptions, report, practices)
    load_practices(practices, topics, instruments, adoptions, report)
    sessions = read_yaml("sessions.yaml")
    load_session_plans(sessions, load_agenda_templates(sessions["agenda_templates"]), report)
    if with_users:
        _demo_users(report)
    return report


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Portal RME", slug="inicio"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "Portal RME"}
        )
    if not home.what_is:
        data = read_yaml("home.yaml")
        home.lead = "Lo que las Redes de Mejoramiento Escolar aprenden, al alcance de todas las escuelas."
        home.what_is = paragraphs(data["what_is"])
        home.how_it_works = paragraphs(data["how_it_works"])
        home.what_it_does = paragraphs(data["what_it_does"])
        home.principles = [
            ("principle", {"name": item["name"], "definition": " ".join(item["definition"].split())})
            for item in data["principles"]
        ]
        home.yearly_counts = [("year", item) for item in data["yearly_counts"]]
        home.figures_source = data["source"]
        home.save_revision().publish()
    return home


def _network_index(home: HomePage) -> NetworkIndexPage:
    index = NetworkIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=NetworkIndexPage(
                title="Redes",
                seo_title="Redes de Mejoramiento Escolar",
                slug=NETWORK_INDEX_SLUG,
                show_in_menus=True,
                intro=paragraphs(
                    "Cada red publica quiénes la forman, qué se propuso, cómo trabajan juntos sus "
                    "integrantes, qué aprendió y hacia dónde va. Filtre por región o nivel."
                ),
            )
        )
        index.save_revision().publish()
    return index


def _listing_pages(home: HomePage) -> None:
    pages = (
        (
            PracticeIndexPage,
            "Prácticas",
            "practicas",
            "Lo que las redes hicieron juntas, cómo lo hicieron y con qué resultados. Filtre por región, red, "
            "tema, dimensión del PME, nivel o nivel de evidencia.",
        ),
        (
            InstrumentIndexPage,
            "Instrumentos",
            "instrumentos",
            "Pautas de acompañamiento al aula, rúbricas, listas de cotejo y otros instrumentos que las redes "
            "construyeron y usan. Se descargan sin cuenta.",
        ),
    )
    pages += (
        (
            SessionCalendarPage,
            "Calendario",
            "calendario",
            "Próximas sesiones de las redes, con su establecimiento anfitrión. Suscríbase al calendario de una red "
            "o de una región desde su teléfono o su correo.",
        ),
    )
    for model, title, slug, intro in pages:
        if not model.objects.exists():
            # The calendar's introduction is plain text; the lists' is rich text.
            text = intro if model is SessionCalendarPage else paragraphs(intro)
            page = home.add_child(instance=model(title=title, slug=slug, show_in_menus=True, intro=text))
            page.save_revision().publish()


def _create_network(index: NetworkIndexPage, data: dict, report: DemoReport) -> NetworkPage:
    coordinator = data.get("coordinator") or {}
    deprov = data.get("deprov")
    page = NetworkPage(
        title=data["name"],
        slug=data["slug"],
        summary=" ".join(data["summary"].split()),
        region_id=data["region"],
        province_id=data.get("province"),
        since_year=data["since_year"],
        network_type=data["network_type"],
        levels=data["levels"],
        intro=paragraphs(data.get("intro")),
        principles_and_needs=paragraphs(data.get("principles_and_needs")),
        objective=paragraphs(data.get("objective")),
        mobilisation=statements(data.get("mobilisation")),
        collaboration=statements(data.get("collaboration")),
        key_idea=" ".join((data.get("key_idea") or "").split()),
        learnings=statements(data.get("learnings")),
        projections=statements(data.get("projections")),
        coordinator_name=coordinator.get("name", ""),
        coordinator_email=coordinator.get("email", ""),
        supervising_deprov_id=deprov if deprov and DeprovOffice.objects.filter(code=deprov).exists() else None,
    )
    existing_rbds = set(
        School.objects.filter(rbd__in=[m["rbd"] for m in data["members"] if m.get("rbd")]).values_list("rbd", flat=True)
    )
    for order, member in enumerate(data["members"]):
        if member.get("rbd") in existing_rbds:
            page.memberships.add(
                NetworkMembership(school_id=member["rbd"], roles=member.get("roles") or [], sort_order=order)
            )
        else:
            report.missing_schools.append(f"{data['name']}: {member['seed_name']}")
    for order, participant in enumerate(data.get("participants") or []):
        page.participants.add(
            NetworkParticipant(
                role=participant["role"], description=participant.get("description") or "", sort_order=order
            )
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    report.networks_created.append(page.title)
    return page


def _demo_users(report: DemoReport) -> None:
    User = get_user_model()
    username, password = DEMO_ADMIN
    if not User.objects.filter(username=username).exists():
        User.objects.create_superuser(username, f"{username}@example.org", password, first_name="Administración")
        report.users_created.append(username)
    username, password, network_slug = DEMO_COORDINATOR
    network = NetworkPage.objects.filter(slug=network_slug).first()
    if network and not User.objects.filter(username=username).exists():
        user = User.objects.create_user(
            username, f"{username}@example.org", password, first_name="Coordinación", last_name="Red Básica 1"
        )
        coordinator_assign(network, user)
        report.users_created.append(username)

"""Demo topics, PME plans, instruments and practices, from demo/data/*.yaml.

Order matters: PME actions first, because a practice's or instrument's
adoptions are part of its page and must be in the revision that is published
(an editor's next publish starts from that revision).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model

from networks.coordinators import network_collection
from networks.models import NetworkPage
from pme.models import Evidence, ImprovementPlan, Milestone, PhaseStatus, PlanAction, StrategicObjective
from practices.models import (
    InstrumentAdoption,
    InstrumentAttachment,
    InstrumentPage,
    PracticeAdoption,
    PracticeInstrument,
    PracticePage,
    Topic,
)
from schools.models import School

from .files import build_docx, build_pdf
from .text import paragraphs

SANTIAGO = ZoneInfo("America/Santiago")


def _published(value) -> datetime.datetime:
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=SANTIAGO)


def load_topics(data: list[dict]) -> dict[str, Topic]:
    topics = {}
    for item in data:
        topic, _ = Topic.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "description": item.get("description", "")}
        )
        topics[topic.slug] = topic
    return topics


def load_plans(data: list[dict], report) -> dict[tuple, list[tuple[PlanAction, str]]]:
    """Plans, objectives, actions, milestones and evidence; returns the
    adoptions each practice or instrument must carry: {("practice", slug): [(action, note)]}."""
    adoptions: dict[tuple, list] = {}
    existing_schools = set(School.objects.filter(rbd__in=[p["rbd"] for p in data]).values_list("rbd", flat=True))
    for item in data:
        if item["rbd"] not in existing_schools:
            report.missing_schools.append(f"PME: RBD {item['rbd']}")
            continue
        plan, created = ImprovementPlan.objects.get_or_create(school_id=item["rbd"], cycle_start=item["cycle_start"])
        if created:
            for order, phase in enumerate(item.get("phases") or []):
                PhaseStatus.objects.create(
                    plan=plan, sort_order=order, year=phase["year"], phase=phase["phase"], status=phase["status"]
                )
            report.plans_created += 1
        objectives = {}
        for order, objective in enumerate(item.get("objectives") or []):
            objectives[objective["key"]], _ = StrategicObjective.objects.get_or_create(
                plan=plan, dimension=objective["dimension"], text=objective["text"], defaults={"sort_order": order}
            )
        for entry in item.get("actions") or []:
            action = PlanAction.objects.filter(plan=plan, name=entry["name"]).first()
            if action is None:
                action = PlanAction.objects.create(
                    plan=plan,
                    objective=objectives.get(entry.get("objective")),
                    name=entry["name"],
                    description=entry.get("description", ""),
                    dimension=entry["dimension"],
                    subdimension=entry.get("subdimension") or "",
                    start_date=entry["start"],
                    end_date=entry["end"],
                    responsible=entry["responsible"],
                    resources=entry.get("resources", ""),
                    funding=entry.get("funding") or [],
                    uses_ate=bool(entry.get("uses_ate")),
                )
                for order, milestone in enumerate(entry.get("milestones") or []):
                    Milestone.objects.create(
                        action=action,
                        sort_order=order,
                        description=milestone["description"],
                        due_date=milestone["due"],
                        progress=milestone["progress"],
                    )
                for order, evidence in enumerate(entry.get("evidence") or []):
                    Evidence.objects.create(
                        action=action, sort_order=order, title=evidence["title"], url=evidence.get("url") or ""
                    )
            for adoption in entry.get("adopts") or []:
                key = (
                    ("practice", adoption["practice"])
                    if "practice" in adoption
                    else ("instrument", adoption["instrument"])
                )
                adoptions.setdefault(key, []).append((action, adoption.get("note", "")))
    return adoptions


def _network(slug: str, report) -> NetworkPage | None:
    network = NetworkPage.objects.filter(slug=slug).first()
    if network is None:
        report.missing_schools.append(f"red {slug} no existe")
    return network


def _instrument_text(item: dict) -> list[str]:
    lines = [item.get("purpose", ""), item.get("description", ""), item.get("guidance", "")]
    for section in item.get("sections") or []:
        lines.append(section["title"])
        scale = section.get("scale") or []
        for criterion in section.get("criteria") or []:
            lines.append(f"• {criterion['criterion']}")
            lines.extend(
                f"   {level}: {text}" for level, text in zip(scale, criterion.get("descriptors") or [], strict=False)
            )
    return [" ".join(line.split()) for line in lines if line]


def _attach_files(page: InstrumentPage, network: NetworkPage, item: dict) -> None:
    Document = get_document_model()
    collection = network_collection(network)
    text = _instrument_text(item)
    formats = (
        ("pdf", build_pdf, "Versión para imprimir (PDF)"),
        ("docx", build_docx, "Versión editable (DOCX)"),
    )
    for order, (extension, builder, label) in enumerate(formats):
        document = Document(title=f"{item['title']} ({extension.upper()})", collection=collection)
        document.file.save(
            f"{slugify(item['slug'])}.{extension}", ContentFile(builder(item["title"], text)), save=False
        )
        document._set_document_file_metadata()
        document.save()
        page.attachments.add(InstrumentAttachment(document=document, label=label, sort_order=order))


def load_instruments(data, topics, adoptions, report, practices=()) -> dict[str, InstrumentPage]:
    # An instrument without topics of its own takes those of the practices that use it.
    practice_topics: dict[str, set[str]] = {}
    for practice in practices:
        for slug in practice.get("instruments") or []:
            practice_topics.setdefault(slug, set()).update(practice.get("topics") or [])
    instruments = {}
    for item in data:
        existing = InstrumentPage.objects.filter(slug=item["slug"]).first()
        if existing:
            instruments[item["slug"]] = existing
            continue
        network = _network(item["network"], report)
        if network is None:
            continue
        page = InstrumentPage(
            title=item["title"],
            slug=item["slug"],
            summary=" ".join((item.get("summary") or item.get("purpose") or "").split())[:500],
            instrument_type=item["instrument_type"],
            purpose=paragraphs(item.get("purpose")),
            description=paragraphs(item.get("description")),
            guidance=paragraphs(item.get("guidance")),
            structure=[
                (
                    "section",
                    {
                        "title": section["title"],
                        "description": section.get("description", ""),
                        "scale": section.get("scale") or [],
                        "criteria": [
                            {"criterion": c["criterion"], "descriptors": c.get("descriptors") or []}
                            for c in section.get("criteria") or []
                        ],
                    },
                )
                for section in item.get("sections") or []
            ],
            framework=item.get("framework") or "",
            levels=item.get("levels") or [],
            subjects=item.get("subjects") or [],
            licence=item.get("licence") or "cc_by_sa",
            first_published_at=_published(item["published"]),
        )
        topic_slugs = item.get("topics") or sorted(practice_topics.get(item["slug"], ()))
        page.topics = [topics[slug] for slug in topic_slugs if slug in topics]
        for order, (action, note) in enumerate(adoptions.get(("instrument", item["slug"]), [])):
            page.adoptions.add(InstrumentAdoption(action=action, note=note, sort_order=order))
        _attach_files(page, network, item)
        network.add_child(instance=page)
        page.save_revision().publish()
        instruments[item["slug"]] = page
        report.instruments_created += 1
    return instruments


def load_practices(data, topics, instruments, adoptions, report) -> None:
    for item in data:
        if PracticePage.objects.filter(slug=item["slug"]).exists():
            continue
        network = _network(item["network"], report)
        if network is None:
            continue
        page = PracticePage(
            title=item["title"],
            slug=item["slug"],
            summary=" ".join(item["summary"].split())[:500],
            need=paragraphs(item.get("need")),
            steps=[
                ("step", {"title": s["title"], "description": s.get("description", "")})
                for s in item.get("steps") or []
            ],
            participants=item.get("participants") or [],
            resources=paragraphs(item.get("resources")),
            results=paragraphs(item.get("results")),
            evidence_level={"testimony": 1, "monitoring": 2, "evaluated": 3, "compared": 4}[item["evidence_level"]],
            difficulties=[
                ("difficulty", {"difficulty": d["difficulty"], "response": d["response"]})
                for d in item.get("difficulties") or []
            ],
            adaptation=paragraphs(item.get("adaptation")),
            stage=item.get("stage") or "in_progress",
            dimensions=item.get("dimensions") or [],
            subdimension=item.get("subdimension") or "",
            levels=item.get("levels") or [],
            first_published_at=_published(item["published"]),
        )
        page.topics = [topics[slug] for slug in item.get("topics") or [] if slug in topics]
        for order, slug in enumerate(item.get("instruments") or []):
            if slug in instruments:
                page.instrument_links.add(PracticeInstrument(instrument=instruments[slug], sort_order=order))
        for order, (action, note) in enumerate(adoptions.get(("practice", item["slug"]), [])):
            page.adoptions.add(PracticeAdoption(action=action, note=note, sort_order=order))
        network.add_child(instance=page)
        page.save_revision().publish()
        report.practices_created += 1

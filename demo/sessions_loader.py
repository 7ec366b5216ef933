"""Demo agenda templates, year plans and a year of sessions for three
networks, from demo/data/sessions.yaml. Past sessions are held (attendance,
agreements, outcomes, review board); later ones are planned."""

from __future__ import annotations

import datetime

from meetings.models import (
    AgendaTemplate,
    NetworkYearPlan,
    SessionAgreement,
    SessionAttendance,
    SessionPage,
)
from meetings.rotation import nth_weekday
from meetings.services import _unique_slug, session_title
from networks.models import NetworkPage
from practices.models import InstrumentPage, PracticePage
from schools.models import School

ROLE_WITHOUT_SCHOOL = ""


def load_agenda_templates(data: list[dict]) -> dict[str, AgendaTemplate]:
    templates = {}
    for item in data:
        template = AgendaTemplate.objects.filter(name=item["name"]).first()
        if template is None:
            template = AgendaTemplate.objects.create(
                name=item["name"],
                description=item.get("description", ""),
                agenda=[("item", _agenda_item(entry)) for entry in item["items"]],
            )
        templates[item["slug"]] = template
    return templates


def _agenda_item(entry: dict, **extra) -> dict:
    return {
        "activity": entry["activity"],
        "minutes": entry.get("minutes"),
        "responsible": entry.get("responsible", ""),
        "sub_items": entry.get("sub_items") or [],
        "practices": [],
        "instruments": [],
        "pme_actions": [],
        "outcome_type": entry.get("outcome_type", ""),
        "outcome": "",
        **extra,
    }


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def load_session_plans(data: dict, templates: dict[str, AgendaTemplate], report) -> None:
    template_items = {item["slug"]: item["items"] for item in data["agenda_templates"]}
    for plan in data["plans"]:
        network = NetworkPage.objects.filter(slug=plan["network"]).first()
        if network is None:
            continue
        NetworkYearPlan.objects.get_or_create(
            network=network,
            year=plan["year"],
            defaults={"objectives": "\n".join(" ".join(o.split()) for o in plan.get("objectives") or [])},
        )
        if SessionPage.objects.filter(network=network, date__year=plan["year"]).exists():
            continue
        members = {s.rbd: s for s in School.objects.filter(memberships__network=network)}
        practices = {p.slug: p for p in PracticePage.objects.filter(network=network)}
        instruments = {i.slug: i for i in InstrumentPage.objects.filter(network=network)}
        items = template_items[plan["template"]]
        for entry in plan["sessions"]:
            day = nth_weekday(plan["year"], entry["month"], plan["weekday"], plan["week_of_month"])
            host = members.get(entry.get("host_rbd"))
            _create_session(network, plan, entry, day, host, items, practices, instruments, members)
            report.sessions_created += 1


def _create_session(network, plan, entry, day, host, items, practices, instruments, members):
    outcomes = {outcome["item"]: outcome for outcome in entry.get("outcomes") or []}
    main_item = max(range(len(items)), key=lambda index: items[index].get("minutes") or 0)
    agenda = []
    for index, item in enumerate(items):
        extra = {}
        if index in outcomes:
            extra.update(outcome=outcomes[index]["text"], outcome_type=outcomes[index]["type"])
        if index == main_item:
            extra.update(
                practices=[practices[s] for s in entry.get("practices") or [] if s in practices],
                instruments=[instruments[s] for s in entry.get("instruments") or [] if s in instruments],
            )
        agenda.append(("item", _agenda_item(item, **extra)))
    review = entry.get("review") or {}
    page = SessionPage(
        title=session_title(network, day, host),
        slug=_unique_slug(network, f"sesion-{day.isoformat()}"),
        date=day,
        start_time=_time(plan["start"]),
        end_time=_time(plan["end"]),
        modality=entry.get("modality") or "in_person",
        online_url=entry.get("online_url") or "",
        host_school=host,
        objective=" ".join((entry.get("objective") or "").split()),
        agenda=agenda,
        materials=[("text", material) for material in entry.get("materials") or []],
        expected_participants="Directores/as y jefes/as técnicos de los establecimientos de la red; supervisión.",
        status=entry["status"],
        review_best="\n".join(review.get("best") or []),
        review_improvable="\n".join(review.get("improvable") or []),
        review_next_steps="\n".join(review.get("next_steps") or []),
        review_discoveries="\n".join(review.get("discoveries") or []),
    )
    for order, person in enumerate(entry.get("attendance") or []):
        page.attendance.add(
            SessionAttendance(person=person["role"], school=members.get(person.get("rbd")), sort_order=order)
        )
    for order, agreement in enumerate(entry.get("agreements") or []):
        page.agreements.add(
            SessionAgreement(
                sort_order=order,
                text=" ".join(agreement["text"].split()),
                responsible=agreement["responsible"],
                due_date=agreement["due"],
                done=bool(agreement.get("done")),
            )
        )
    network.add_child(instance=page)
    page.save_revision().publish()

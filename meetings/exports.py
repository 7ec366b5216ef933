"""Sessions as iCalendar events and as a printable PDF plan."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from territories.models import SANTIAGO_TIME

from .models import SessionStatus

PRODID = "-//Portal RME//Sesiones de red//ES"


# --- iCalendar -------------------------------------------------------------------


def session_event(session, request) -> Event:
    event = Event()
    # Stable across edits and exports, so calendar apps update the same event.
    event.add("uid", f"sesion-{session.pk}@portal-rme")
    event.add("dtstamp", timezone.now())
    # Local times of the session's place with their TZID (America/Punta_Arenas
    # for Magallanes, America/Santiago elsewhere): calendar apps then show the
    # right instant on either side of Chile's daylight-saving changes.
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", f"{session.title} ({session.network.title if session.network_id else ''})".replace(" ()", ""))
    url = request.build_absolute_uri(session.url) if session.url else ""
    description = [session.objective] if session.objective else []
    if session.online_url:
        description.append(_("Online link: %(url)s") % {"url": session.online_url})
    if url:
        description.append(_("Session page: %(url)s") % {"url": url})
        event.add("url", url)
    event.add("description", "\n".join(description))
    host = session.host_school
    if session.online_url and session.modality == "online":
        event.add("location", session.online_url)
    elif host is not None:
        event.add("location", f"{host.display_name}, {host.commune.name}")
    event.add(
        "status",
        {SessionStatus.CANCELLED: "CANCELLED", SessionStatus.HELD: "CONFIRMED"}.get(session.status, "CONFIRMED"),
    )
    return event


def calendar_response(sessions: Iterable, request, *, name: str, filename: str) -> HttpResponse:
    """``name`` is what calendar apps show (a network's or region's name);
    ``filename`` the download's name, without extension."""
    sessions = list(sessions)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Portal RME · {name}")
    zones = {session.time_zone.key for session in sessions} or {SANTIAGO_TIME.key}
    if len(zones) == 1:
        calendar.add("x-wr-timezone", zones.pop())
    for session in sessions:
        calendar.add_component(session_event(session, request))
    if sessions:
        # One VTIMEZONE per zone used, with the transitions of the years the
        # sessions span (RFC 5545 asks for it; the icalendar library writes it
        # from the tz database, so no rules are copied here by hand).
        calendar.add_missing_timezones(
            first_date=datetime.date(min(s.date for s in sessions).year, 1, 1),
            last_date=datetime.date(max(s.date for s in sessions).year + 1, 1, 1),
        )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


# --- PDF ---------------------------------------------------------------------------


def _latin(text: str) -> str:
    """fpdf's core fonts speak Windows-1252: Spanish letters are there; others are replaced."""
    replacements = {"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "•": "-"}
    for source, target in replacements.items():
        text = text.replace(source, target)
    return text.encode("cp1252", errors="replace").decode("cp1252")


def session_pdf(session, context) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_title(_latin(session.title))
    width = pdf.epw

    def heading(text, size=13):
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(width, 7, _latin(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)

    def line(text):
        pdf.multi_cell(width, 5.5, _latin(text), new_x="LMARGIN", new_y="NEXT")

    heading(session.title, 16)
    network = session.network
    if network:
        line(f"{network.title} · {network.region.name}" if network.region_id else network.title)
    when = f"{session.date.strftime('%d-%m-%Y')}, {session.start_time:%H:%M}–{session.end_time:%H:%M}"
    line(f"{_('Date')}: {when} ({session.get_modality_display()}) · {_('Status')}: {session.get_status_display()}")
    host = session.host_school
    if host:
        line(f"{_('Host school')}: {host.display_name} (RBD {host.rbd_display}), {host.commune.name}")
    if session.online_url:
        line(f"{_('Online link')}: {session.online_url}")
    if session.objective:
        heading(_("Objective"))
        line(session.objective)
    if session.agenda:
        heading(_("Agenda"))
        for item in context["agenda"]:
            value = item["value"]
            timing = item["time_label"]
            line(f"{timing}  {value['activity']}" + (f" — {value['responsible']}" if value["responsible"] else ""))
            for sub_item in value["sub_items"]:
                line(f"      · {sub_item}")
            for page in [*item["practices"], *item["instruments"]]:
                line(f"      {_('Uses')}: {page.title}")
    if context["materials"]:
        heading(_("Materials"))
        for material in context["materials"]:
            line(f"· {material}")
    linked = context["linked_pages"]
    if linked:
        heading(_("Practices and instruments"))
        for page in linked:
            line(f"· {page.title}")
    heading(_("Open agreements of the network"))
    if context["open_agreements"]:
        for agreement in context["open_agreements"]:
            line(
                f"· {agreement.text} — {agreement.responsible}, "
                f"{_('due')} {agreement.due_date.strftime('%d-%m-%Y')} ({agreement.session.date.strftime('%d-%m-%Y')})"
            )
    else:
        line(_("None."))
    return bytes(pdf.output())


def session_pdf_response(session, context, request) -> HttpResponse:
    response = HttpResponse(session_pdf(session, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{session.slug}.pdf"'
    return response

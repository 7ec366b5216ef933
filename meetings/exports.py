"""Sessions as iCalendar events and as a printable PDF plan."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
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


FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
LINE = 5.5  # mm, body text
HEADING_LINE = 7  # mm


class SessionPlanPDF(FPDF):
    """A4 with "Página N de M" at the foot of every page."""

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(90)
        # {nb} is fpdf2's alias for the total, filled in when the file is closed.
        self.cell(0, 5, _("Page %(number)s of %(total)s") % {"number": self.page_no(), "total": "{nb}"}, align="C")
        self.set_text_color(0)


def _agreement_line(agreement, *, show_session: bool) -> str:
    """As on the session page: who, by when, overdue or done, from which session."""
    text = f"· {agreement.text} — {agreement.responsible} · {_('due')} {agreement.due_date:%d-%m-%Y}"
    if agreement.is_overdue:
        text += f" ({_('overdue')})"
    if agreement.done:
        text += f" · {_('done')}"
    if show_session:
        text += f" · {_('Session')} {agreement.session.date:%d-%m-%Y}"
    return text


def session_pdf(session, context) -> bytes:
    pdf = SessionPlanPDF(format="A4")
    # A bundled Unicode TrueType font (see meetings/fonts/README.md): every
    # letter prints as written, with no Windows-1252 substitutions.
    pdf.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.alias_nb_pages()
    pdf.set_lang("es-CL")
    pdf.set_title(session.title)
    pdf.add_page()
    width = pdf.epw

    def heading(text, size=13, keep_lines=2):
        """A heading never ends a page: it moves to the next one unless it
        fits there together with the first lines of what it introduces."""
        pdf.set_font(FONT, "B", size)
        lines = pdf.multi_cell(width, HEADING_LINE, text, dry_run=True, output="LINES")
        if pdf.will_page_break(2 + HEADING_LINE * len(lines) + LINE * keep_lines):
            pdf.add_page()
        else:
            pdf.ln(2)
        pdf.multi_cell(width, HEADING_LINE, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)

    def line(text):
        pdf.multi_cell(width, LINE, text, new_x="LMARGIN", new_y="NEXT")

    heading(session.title, 16)
    network = session.network
    if network:
        line(f"{network.title} · {network.region.full_name}" if network.region_id else network.title)
    when = f"{session.date:%d-%m-%Y}, {session.start_time:%H:%M}–{session.end_time:%H:%M}"
    if session.time_zone_label:
        when += f" ({session.time_zone_label})"
    line(f"{_('Date')}: {when} · {session.get_modality_display()} · {_('Status')}: {session.get_status_display()}")
    host = session.host_school
    if host:
        line(f"{_('Host school')}: {host.display_name} (RBD {host.rbd_display}), {host.commune.name}")
    if session.online_url:
        line(_("Online link: %(url)s") % {"url": session.online_url})
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
            # The same labels as the session page.
            for page in item["practices"]:
                line(f"      {_('Practice:')} {page.title}")
            for page in item["instruments"]:
                line(f"      {_('Instrument:')} {page.title}")
            for action in value.get("pme_actions") or []:
                if action:
                    line(f"      {_('PME action:')} {action.name}")
    if context["materials"]:
        heading(_("Materials"))
        for material in context["materials"]:
            line(f"· {material}")
    linked = context["linked_pages"]
    if linked:
        heading(_("Practices and instruments"))
        for page in linked:
            line(f"· {page.title}")
    if session.status == SessionStatus.HELD:
        heading(_("Agreements of this session"))
        for agreement in context["agreements"]:
            line(_agreement_line(agreement, show_session=False))
        if not context["agreements"]:
            line(_("None."))
    heading(_("Open agreements of the network"))
    if context["open_agreements"]:
        for agreement in context["open_agreements"]:
            line(_agreement_line(agreement, show_session=True))
    else:
        line(_("None."))
    return bytes(pdf.output())


def session_pdf_response(session, context, request) -> HttpResponse:
    response = HttpResponse(session_pdf(session, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{session.slug}.pdf"'
    return response

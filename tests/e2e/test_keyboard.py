"""Keyboard only: the search page and the year planner, without the mouse."""

import re

import pytest

from tests.e2e.conftest import login

pytestmark = pytest.mark.django_db


def tab_until(page, predicate_js: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({predicate_js}); }}"):
            return
    raise AssertionError(f"Tab never reached: {predicate_js}")


def test_search_by_keyboard(journey):
    page = journey.page
    with journey.step("home"):
        journey.goto("/buscar/")
    with journey.step("tab to the search box, type, Enter"):
        tab_until(page, "el.id === 'search-q'")
        page.keyboard.type("observación de aula")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/buscar/\?.*q=observaci"))
    with journey.step("tab to the first result, Enter"):
        first = page.locator("ol.results li.result h2 a").first
        first_href = first.get_attribute("href")
        tab_until(page, f"el.tagName === 'A' && el.getAttribute('href') === {first_href!r}")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(first_href) + "$"))
        assert page.locator("h1").count() == 1


def test_planner_by_keyboard(journey):
    page = journey.page
    login(journey, "coordinacion.arica")
    with journey.step("planner"):
        journey.goto("/admin/planificador/")
    with journey.step("fill the form with the keyboard"):
        tab_until(page, "el.id === 'id_year'", limit=120)
        page.keyboard.press("Control+A")
        page.keyboard.type("2027")
        tab_until(page, "el.id === 'id_months_3'")  # abril
        page.keyboard.press("Space")
        tab_until(page, "el.id === 'id_months_5'")  # junio
        page.keyboard.press("Space")
        tab_until(page, "el.id === 'id_weekday'")
        page.keyboard.press("ArrowDown")  # martes
        tab_until(page, "el.id === 'id_week_of_month'")
        page.keyboard.press("ArrowDown")  # segundo
        tab_until(page, "el.id === 'id_objectives'")
        page.keyboard.type("Acompañamiento al aula entre pares")
        tab_until(page, "el.tagName === 'BUTTON' && el.type === 'submit'")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
    with journey.step("proposal, confirm with the keyboard"):
        assert page.locator("#id_months_3").is_checked()
        assert page.locator("#id_months_5").is_checked()
        confirm = page.locator("button[name=confirm]")
        assert confirm.count() == 1, "no proposal to confirm"
        tab_until(page, "el.name === 'confirm'", limit=200)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        assert page.get_by_text(re.compile(r"2 sesiones en borrador|sesiones en borrador")).count() >= 1

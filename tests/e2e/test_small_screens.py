"""A phone (390 × 844) in a real browser: the first result within the first
screen, a header under 100 px, filters one tap away, and a wide table that
says it scrolls and scrolls from the keyboard. Wide screens keep the filters
open (static/js/filters.js)."""

import pytest

pytestmark = pytest.mark.django_db

PHONE = {"width": 390, "height": 844}


def top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top + window.scrollY")


@pytest.mark.parametrize("path,first", [("/buscar/?q=escuela", "ol.results li.result"), ("/practicas/", ".grid .card")])
def test_on_a_phone_the_first_result_is_on_the_first_screen(journey, path, first):
    page = journey.page
    page.set_viewport_size(PHONE)
    with journey.step(f"phone {path}"):
        journey.goto(path)
        assert page.locator(".site-header").evaluate("el => el.getBoundingClientRect().height") < 100
        assert top(page, first) < 700, "the first result is below the first screen"
        panel = page.locator("details.filters-panel")
        assert panel.evaluate("el => el.open") is False
        assert not page.locator(".filters select").first.is_visible()
    with journey.step("open the filters"):
        panel.locator("summary").click()
        assert page.locator(".filters select").first.is_visible()


def test_on_a_wide_screen_the_filters_are_open(journey):
    journey.goto("/practicas/")
    assert journey.page.locator("details.filters-panel").evaluate("el => el.open") is True
    assert journey.page.locator(".filters select").first.is_visible()


def test_on_a_phone_the_members_table_says_it_scrolls_and_scrolls_by_keyboard(journey):
    page = journey.page
    page.set_viewport_size(PHONE)
    with journey.step("network page on a phone"):
        journey.goto("/redes/red-basica-1-arica/")
        wrapper = page.locator(".table-scroll").first
        assert wrapper.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: nothing to test"
        assert page.locator(".table-scroll__hint").first.is_visible()
        wrapper.focus()
        assert wrapper.evaluate("el => el === document.activeElement"), "the wrapper takes no focus"
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")

"""Posting Wagtail admin forms as a browser does."""

from django.http import QueryDict
from wagtail.test.utils.form_data import querydict_from_html


def form_data(html: str, form_id: str = "page-edit-form") -> QueryDict:
    return querydict_from_html(html, form_id=form_id)


def as_post(data: QueryDict) -> dict[str, list[str]]:
    """The test client would send only the last value of each key of a
    QueryDict; checkbox lists need every value."""
    return {key: data.getlist(key) for key in data}

"""Posting Wagtail admin forms as a browser does."""

from django.http import QueryDict
from wagtail.test.utils.form_data import querydict_from_html


def form_data(html: str, form_id: str = "page-edit-form") -> QueryDict:
    return querydict_from_html(html, form_id=form_id)


def as_post(data: QueryDict) -> dict[str, list[str]]:
    """The test client would send only the last value of each key of a
    QueryDict; checkbox lists need every value."""
    return {key: data.getlist(key) for key in data}


def practice_form_data(client, network, **fields) -> tuple[str, QueryDict]:
    """The add form of a practice under `network`, as the admin serves it,
    filled with a minimal valid practice (published) and `fields` over it
    (StreamFields and inline formsets as wagtail.test.utils.form_data builds them)."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    add_url = f"/admin/pages/add/practices/practicepage/{network.pk}/"
    data = form_data(client.get(add_url).content.decode())
    defaults = {
        "title": "Pareja pedagógica",
        "slug": "pareja-pedagogica",
        "summary": "Docentes en parejas.",
        "evidence_level": "1",
        "stage": "starting",
        "steps": streamfield([]),
        "difficulties": streamfield([]),
        "instrument_links": inline_formset([]),
        "attachments": inline_formset([]),
        "adoptions": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(nested_form_data({**defaults, **fields}))
    data.setlist("dimensions", ["gestion_pedagogica"])
    return add_url, data

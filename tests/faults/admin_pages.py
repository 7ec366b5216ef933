"""Posting the Wagtail page editor as a browser does."""

from wagtail.fields import StreamField
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.admin_forms import as_post, form_data


def edit_form(client, page, html=None):
    """The admin's edit form as the browser would post it (the StreamFields,
    drawn by JavaScript, are empty on the pages these tests edit and sent as such)."""
    if html is None:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
    data = form_data(html)
    streams = [f.name for f in type(page)._meta.get_fields() if isinstance(f, StreamField)]
    data.update(nested_form_data({name: streamfield([]) for name in streams}))
    return data


def post_edit(client, page, data, action="action-publish", **headers):
    data = data.copy()
    if action:
        data[action] = action
    return client.post(f"/admin/pages/{page.pk}/edit/", as_post(data), **headers)

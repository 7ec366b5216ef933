"""The admin's read boundary between networks, walked over HTTP.

Two networks, A and B, each with a coordinator, a draft page, a private
(login-restricted) page, a live page, an image and a document in its own
collection, and a live page renamed in a draft. Coordinator A walks every
admin URL pattern (each one either listed in ``endpoints`` or exempted with a
reason in ``EXEMPT``; every registered bulk action and snippet is walked) and
must never see B's draft or private titles, the unpublished new title of B's
live page, B's image or document or coordinator B's username. A's own items
must show where the page is about them, so a view that shows nothing cannot
pass. Run with -s to see the number of requests walked and leaks found.
"""

import dataclasses

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Page, PageViewRestriction, Workflow, WorkflowPage, WorkflowTask
from wagtail.snippets.models import get_snippet_models

from meetings.models import AgendaTemplate, NetworkYearPlan
from networks.admin_boundary import BoundedBulkActionMixin
from networks.coordinators import coordinator_assign, coordinator_group_name, network_collection
from networks.models import NetworkCoordinator
from tests.factories import (
    SchoolFactory,
    UserFactory,
    make_action,
    make_network,
    make_practice,
    make_session,
    make_topic,
    network_index,
)
from tests.url_routes import admin_routes

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


@dataclasses.dataclass
class Side:
    """One network and everything of it the other side must not read."""

    network: object
    user: object
    coordinator: object
    group: object
    collection: object
    draft: object  # a session never published
    private: object  # a live practice behind a login restriction, locked
    live: object  # a live, public practice
    renamed: object  # a live, public practice with an unpublished new title
    image: object
    document: object
    year_plan: object

    @property
    def hidden_pages(self):
        return (self.draft, self.private, self.renamed)


def markers(letter: str) -> dict[str, str]:
    return {
        "draft": f"ZZ{letter}-BORRADOR",
        "private": f"ZZ{letter}-PRIVADA",
        "live": f"ZZ{letter}-PUBLICA",
        "renamed": f"ZZ{letter}-ANTES",
        "pending": f"ZZ{letter}-PENDIENTE",
        "image": f"ZZ{letter}-IMAGEN",
        "document": f"ZZ{letter}-DOCUMENTO",
        "username": f"coordinacion-{letter.lower()}-zz",
    }


A, B = markers("A"), markers("B")
# What coordinator A must never read of network B ("live" and "renamed" are
# public titles: choosers may list them).
SECRETS_OF_B = [B[key] for key in ("draft", "private", "pending", "image", "document", "username")]


def build_side(letter: str, workflow) -> Side:
    names = markers(letter)
    network = make_network(f"Red {letter}", region_id=15 if letter == "A" else 10)
    user = UserFactory(username=names["username"])
    coordinator = coordinator_assign(network, user)
    collection = network_collection(network)

    draft = make_session(network, timezone.localdate(), title=names["draft"], slug="borrador", live=False, owner=user)
    draft.save_revision(user=user, log_action=True)
    log(instance=draft, action="wagtail.create", user=user)
    workflow.start(draft, user)

    private = make_practice(network, names["private"], owner=user)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    private.locked, private.locked_by, private.locked_at = True, user, timezone.now()
    private.save()
    log(instance=private, action="wagtail.lock", user=user)

    live = make_practice(network, names["live"], owner=user)
    renamed = make_practice(network, names["renamed"], owner=user)
    renamed.title = names["pending"]
    renamed.save_revision(user=user, log_action=True)

    image = Image.objects.create(
        title=names["image"], file=get_test_image_file(f"foto-{letter}.png"), collection=collection
    )
    document = Document.objects.create(
        title=names["document"], file=ContentFile(b"pauta", name=f"pauta-{letter}.txt"), collection=collection
    )
    for item in (image, document):
        log(instance=item, action="wagtail.create", user=user)
    return Side(
        network=network,
        user=user,
        coordinator=coordinator,
        group=Group.objects.get(name=coordinator_group_name(network)),
        collection=collection,
        draft=draft,
        private=private,
        live=live,
        renamed=renamed,
        image=image,
        document=document,
        year_plan=NetworkYearPlan.objects.create(network=network, year=2026, objectives="Leer juntos."),
    )


@dataclasses.dataclass
class World:
    a: Side
    b: Side


@pytest.fixture
def world():
    index = network_index()
    workflow = Workflow.objects.create(name="Revisión")
    task = GroupApprovalTask.objects.create(name="Aprobación")
    task.groups.set(Group.objects.filter(name="Moderators"))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=index)
    # A row of every shared snippet (synonyms come with the migrations), so
    # their views by id are walked too.
    make_topic("Lectura")
    make_action(SchoolFactory(), "Acompañamiento al aula")
    AgendaTemplate.objects.create(name="Sesión tipo", agenda=[])
    return World(a=build_side("A", workflow), b=build_side("B", workflow))


# --- the admin's URL patterns ------------------------------------------------------


# Patterns not walked, each with its reason.
EXEMPT = {
    "test404/": "a static 404 template",
    "failwhale/": "raises on purpose to test error pages",
    "logout/": "ends the session",
    "login/": "the login form, before any user is known",
    "password_reset/": "public password reset form",
    "password_reset/done/": "static confirmation",
    "password_reset/confirm/<uidb64>/<token>/": "needs a mailed token; shows no content",
    "password_reset/complete/": "static confirmation",
    "sprite/": "the icon sprite",
    "jsi18n/": "the JavaScript translation catalogue",
    "^.*/$": "catch-all 404",
}


def endpoints(w: World) -> dict[str, list[str]]:
    """Each admin route → the paths coordinator A requests, aimed at B's items."""
    a, b = w.a, w.b
    hidden = b.hidden_pages
    ids = "&".join(f"id={page.pk}" for page in (*hidden, a.draft))
    revision = b.draft.latest_revision
    workflow_state = b.draft.current_workflow_state
    task_state = workflow_state.current_task_state

    def each_page(template):
        return [template.format(page.pk) for page in hidden]

    routes = {
        "": ["/admin/"],
        "api/main/^pages/": [
            "/admin/api/main/pages/",
            "/admin/api/main/pages/?search=ZZB",
            f"/admin/api/main/pages/?child_of={b.network.pk}",
            f"/admin/api/main/pages/?child_of={b.network.pk}&for_explorer=1",
            f"/admin/api/main/pages/?descendant_of={b.network.pk}",
            f"/admin/api/main/pages/?child_of={a.network.pk}&for_explorer=1",
        ],
        "api/main/^pages/<int:pk>/": each_page("/admin/api/main/pages/{}/"),
        "api/main/^pages/find/": [f"/admin/api/main/pages/find/?id={page.pk}" for page in hidden],
        "api/main/^pages/<int:pk>/action/<str:action_name>/": each_page("/admin/api/main/pages/{}/action/copy/"),
        "api/main/^documents/": ["/admin/api/main/documents/", "/admin/api/main/documents/?search=ZZB"],
        "api/main/^documents/<int:pk>/": [f"/admin/api/main/documents/{b.document.pk}/"],
        "api/main/^documents/find/": [f"/admin/api/main/documents/find/?id={b.document.pk}"],
        "api/main/^images/": ["/admin/api/main/images/", "/admin/api/main/images/?search=ZZB"],
        "api/main/^images/<int:pk>/": [f"/admin/api/main/images/{b.image.pk}/"],
        "api/main/^images/find/": [f"/admin/api/main/images/find/?id={b.image.pk}"],
        # The explorer and its search
        "pages/": ["/admin/pages/"],
        "pages/<int:parent_page_id>/": [
            f"/admin/pages/{b.network.pk}/",
            f"/admin/pages/{network_index().pk}/",
            f"/admin/pages/{a.network.pk}/",
            f"/admin/pages/{a.network.pk}/?owner={b.user.pk}",
        ],
        "pages/<int:parent_page_id>/results/": [
            f"/admin/pages/{b.network.pk}/results/",
            f"/admin/pages/{network_index().pk}/results/",
            f"/admin/pages/{a.network.pk}/results/",
        ],
        "pages/search/": ["/admin/pages/search/?q=ZZB", "/admin/pages/search/?q=ZZA"],
        "pages/search/results/": ["/admin/pages/search/results/?q=ZZB", "/admin/pages/search/results/?q=ZZA"],
        "bulk/<str:app_label>/<str:model_name>/<str:action>/": [
            *bulk_action_paths(w),
            f"/admin/bulk/wagtailcore/page/publish/?id=all&childOf={b.network.pk}",
        ],
        # Page views addressed by id
        "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/": [
            f"/admin/pages/add/practices/practicepage/{b.network.pk}/"
        ],
        "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/": [
            f"/admin/pages/add/practices/practicepage/{b.network.pk}/preview/"
        ],
        "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": [
            "/admin/pages/usage/meetings/sessionpage/",
            "/admin/pages/usage/practices/practicepage/",
        ],
        "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": [
            "/admin/pages/usage/meetings/sessionpage/results/",
            "/admin/pages/usage/practices/practicepage/results/",
        ],
        "pages/create/<slug:app_label>/<slug:model_name>": [
            "/admin/pages/create/practices/practicepage",
            "/admin/pages/create/meetings/sessionpage",
        ],
        "pages/<int:page_id>/usage/": each_page("/admin/pages/{}/usage/"),
        "pages/<int:page_id>/edit/": each_page("/admin/pages/{}/edit/"),
        "pages/<int:page_id>/edit/preview/": each_page("/admin/pages/{}/edit/preview/"),
        "pages/<int:page_id>/view_draft/": each_page("/admin/pages/{}/view_draft/"),
        "pages/<int:parent_page_id>/add_subpage/": [f"/admin/pages/{b.network.pk}/add_subpage/"],
        "pages/<int:page_id>/delete/": each_page("/admin/pages/{}/delete/"),
        "pages/<int:page_id>/unpublish/": each_page("/admin/pages/{}/unpublish/"),
        "pages/<int:page_id>/convert_alias/": each_page("/admin/pages/{}/convert_alias/"),
        "pages/<int:page_to_move_id>/move/": [
            *each_page("/admin/pages/{}/move/"),
            f"/admin/pages/{a.draft.pk}/move/",
        ],
        "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": [
            f"/admin/pages/{b.draft.pk}/move/{a.network.pk}/confirm/",
            f"/admin/pages/{a.draft.pk}/move/{b.network.pk}/confirm/",
        ],
        "pages/<int:page_to_move_id>/set_position/": each_page("/admin/pages/{}/set_position/"),
        "pages/<int:page_id>/copy/": [*each_page("/admin/pages/{}/copy/"), f"/admin/pages/{a.draft.pk}/copy/"],
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": [
            f"/admin/pages/workflow/action/{b.draft.pk}/approve/{task_state.pk}/"
        ],
        "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/": [
            f"/admin/pages/workflow/collect_action_data/{b.draft.pk}/approve/{task_state.pk}/"
        ],
        "pages/workflow/confirm_cancellation/<int:page_id>/": [
            f"/admin/pages/workflow/confirm_cancellation/{b.draft.pk}/"
        ],
        "pages/workflow/preview/<int:page_id>/<int:task_id>/": [
            f"/admin/pages/workflow/preview/{b.draft.pk}/{task_state.task_id}/"
        ],
        "pages/<int:page_id>/privacy/": each_page("/admin/pages/{}/privacy/"),
        "pages/<int:page_id>/lock/": each_page("/admin/pages/{}/lock/"),
        "pages/<int:page_id>/unlock/": each_page("/admin/pages/{}/unlock/"),
        "pages/<int:page_id>/revisions/": each_page("/admin/pages/{}/revisions/"),
        "pages/<int:page_id>/revisions/<int:revision_id>/view/": [
            f"/admin/pages/{b.draft.pk}/revisions/{revision.pk}/view/"
        ],
        "pages/<int:page_id>/revisions/<int:revision_id>/revert/": [
            f"/admin/pages/{b.draft.pk}/revisions/{revision.pk}/revert/"
        ],
        "pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": [
            f"/admin/pages/{b.draft.pk}/revisions/{revision.pk}/unschedule/"
        ],
        r"pages/^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\."
        r"(?P<revision_id_b>live|latest|\d+)/$": [
            f"/admin/pages/{b.draft.pk}/revisions/compare/earliest...latest/",
            f"/admin/pages/{b.live.pk}/revisions/compare/live...latest/",
        ],
        "pages/<int:page_id>/workflow_history/": [f"/admin/pages/{b.draft.pk}/workflow_history/"],
        "pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": [
            f"/admin/pages/{b.draft.pk}/workflow_history/detail/{workflow_state.pk}/"
        ],
        "pages/<int:page_id>/history/": [
            *each_page("/admin/pages/{}/history/"),
            f"/admin/pages/{a.draft.pk}/history/",
        ],
        "pages/<int:page_id>/history/results/": each_page("/admin/pages/{}/history/results/"),
        # The page chooser
        "choose-page/": ["/admin/choose-page/", "/admin/choose-page/?page_type=practices.practicepage"],
        "choose-page/<int:parent_page_id>/": [
            *each_page("/admin/choose-page/{}/"),
            f"/admin/choose-page/{b.network.pk}/",
            f"/admin/choose-page/{network_index().pk}/",
            f"/admin/choose-page/{a.network.pk}/",
            f"/admin/choose-page/{b.network.pk}/?page_type=practices.practicepage",
        ],
        "choose-page/search/": [
            "/admin/choose-page/search/?q=ZZB",
            "/admin/choose-page/search/?q=ZZA",
            "/admin/choose-page/search/?q=ZZB&page_type=practices.practicepage",
        ],
        "choose-page/chosen-multiple/": [f"/admin/choose-page/chosen-multiple/?{ids}"],
        "choose-external-link/": ["/admin/choose-external-link/"],
        "choose-email-link/": ["/admin/choose-email-link/"],
        "choose-phone-link/": ["/admin/choose-phone-link/"],
        "choose-anchor-link/": ["/admin/choose-anchor-link/"],
        "tag-autocomplete/": ["/admin/tag-autocomplete/?term=zz"],
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/": [
            "/admin/tag-autocomplete/wagtailimages/image/?term=zz",
            "/admin/tag-autocomplete/wagtaildocs/document/?term=zz",
        ],
        # Collections and workflows (administrators only)
        "collections/": ["/admin/collections/"],
        "collections/add/": ["/admin/collections/add/"],
        "collections/<int:pk>/": [f"/admin/collections/{b.collection.pk}/"],
        "collections/<int:pk>/delete/": [f"/admin/collections/{b.collection.pk}/delete/"],
        "collections/<int:collection_id>/privacy/": [f"/admin/collections/{b.collection.pk}/privacy/"],
        "workflows/list/": ["/admin/workflows/list/"],
        "workflows/list/results/": ["/admin/workflows/list/results/"],
        "workflows/add/": ["/admin/workflows/add/"],
        "workflows/enable/<int:pk>/": [f"/admin/workflows/enable/{workflow_state.workflow_id}/"],
        "workflows/disable/<int:pk>/": [f"/admin/workflows/disable/{workflow_state.workflow_id}/"],
        "workflows/edit/<int:pk>/": [f"/admin/workflows/edit/{workflow_state.workflow_id}/"],
        "workflows/usage/<int:pk>/": [f"/admin/workflows/usage/{workflow_state.workflow_id}/"],
        "workflows/usage/<int:pk>/results/": [f"/admin/workflows/usage/{workflow_state.workflow_id}/results/"],
        "workflows/remove/<int:page_pk>/": [f"/admin/workflows/remove/{b.network.pk}/"],
        "workflows/remove/<int:page_pk>/<int:workflow_pk>/": [
            f"/admin/workflows/remove/{b.network.pk}/{workflow_state.workflow_id}/"
        ],
        "workflows/tasks/add/<str:app_label>/<str:model_name>/": [
            "/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/"
        ],
        "workflows/tasks/select_type/": ["/admin/workflows/tasks/select_type/"],
        "workflows/tasks/index/": ["/admin/workflows/tasks/index/"],
        "workflows/tasks/index/results/": ["/admin/workflows/tasks/index/results/"],
        "workflows/tasks/edit/<int:pk>/": [f"/admin/workflows/tasks/edit/{task_state.task_id}/"],
        "workflows/tasks/disable/<int:pk>/": [f"/admin/workflows/tasks/disable/{task_state.task_id}/"],
        "workflows/tasks/enable/<int:pk>/": [f"/admin/workflows/tasks/enable/{task_state.task_id}/"],
        "workflows/task_chooser/": ["/admin/workflows/task_chooser/"],
        "workflows/task_chooser/results/": ["/admin/workflows/task_chooser/results/"],
        "workflows/task_chooser/create/": ["/admin/workflows/task_chooser/create/"],
        "workflows/task_chooser/<int:task_id>/": [f"/admin/workflows/task_chooser/{task_state.task_id}/"],
        # Reports
        "reports/locked/": ["/admin/reports/locked/"],
        "reports/locked/results/": ["/admin/reports/locked/results/"],
        "reports/workflow/": ["/admin/reports/workflow/"],
        "reports/workflow/results/": ["/admin/reports/workflow/results/"],
        "reports/workflow_tasks/": ["/admin/reports/workflow_tasks/"],
        "reports/workflow_tasks/results/": ["/admin/reports/workflow_tasks/results/"],
        "reports/site-history/": ["/admin/reports/site-history/", f"/admin/reports/site-history/?user={b.user.pk}"],
        "reports/site-history/results/": ["/admin/reports/site-history/results/"],
        "reports/aging-pages/": ["/admin/reports/aging-pages/"],
        "reports/aging-pages/results/": ["/admin/reports/aging-pages/results/"],
        "reports/page-types-usage/": ["/admin/reports/page-types-usage/"],
        "reports/page-types-usage/results/": ["/admin/reports/page-types-usage/results/"],
        # The user's own settings
        "account/": ["/admin/account/"],
        "dismissibles/": ["/admin/dismissibles/"],
        "editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": [
            f"/admin/editing-sessions/ping/wagtailcore/page/{b.draft.pk}/0/"
        ],
        "editing-sessions/release/<int:session_id>/": ["/admin/editing-sessions/release/0/"],
        "block-preview/": ["/admin/block-preview/"],
        # The portal's own admin views
        "planificador/": ["/admin/planificador/"],
        "sesiones/<int:page_id>/duplicar/": [f"/admin/sesiones/{b.draft.pk}/duplicar/"],
        # Redirects, embeds, sites, users, groups (administrators only)
        "redirects/": ["/admin/redirects/"],
        "redirects/results/": ["/admin/redirects/results/"],
        "redirects/add/": ["/admin/redirects/add/"],
        "redirects/<int:redirect_id>/": ["/admin/redirects/1/"],
        "redirects/<int:redirect_id>/delete/": ["/admin/redirects/1/delete/"],
        "redirects/import/": ["/admin/redirects/import/"],
        "redirects/import/process/": ["/admin/redirects/import/process/"],
        "embeds/chooser/": ["/admin/embeds/chooser/"],
        "embeds/chooser/upload/": ["/admin/embeds/chooser/upload/"],
        "sites/": ["/admin/sites/"],
        "sites/results/": ["/admin/sites/results/"],
        "sites/new/": ["/admin/sites/new/"],
        "sites/edit/<int:pk>/": ["/admin/sites/edit/1/"],
        "sites/delete/<int:pk>/": ["/admin/sites/delete/1/"],
        "sites/history/<int:pk>/": ["/admin/sites/history/1/"],
        "sites/history-results/<int:pk>/": ["/admin/sites/history-results/1/"],
        "sites/usage/<int:pk>/": ["/admin/sites/usage/1/"],
        "sites/copy/<int:pk>/": ["/admin/sites/copy/1/"],
        "users/": ["/admin/users/", "/admin/users/?q=coordinacion"],
        "users/results/": ["/admin/users/results/?q=coordinacion"],
        "users/new/": ["/admin/users/new/"],
        "groups/": ["/admin/groups/"],
        "groups/results/": ["/admin/groups/results/"],
        "groups/new/": ["/admin/groups/new/"],
        # Images and documents
        "documents/": [
            "/admin/documents/",
            "/admin/documents/?q=ZZB",
            f"/admin/documents/?collection_id={b.collection.pk}",
        ],
        "documents/results/": ["/admin/documents/results/", "/admin/documents/results/?q=ZZB"],
        "documents/add/": ["/admin/documents/add/"],
        "documents/multiple/add/": ["/admin/documents/multiple/add/"],
        "documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": [
            "/admin/documents/multiple/create_from_uploaded_document/1/"
        ],
        "documents/multiple/delete_upload/<int:uploaded_file_id>/": ["/admin/documents/multiple/delete_upload/1/"],
        "images/": ["/admin/images/", "/admin/images/?q=ZZB", f"/admin/images/?collection_id={b.collection.pk}"],
        "images/results/": ["/admin/images/results/", "/admin/images/results/?q=ZZB"],
        "images/add/": ["/admin/images/add/"],
        "images/multiple/add/": ["/admin/images/multiple/add/"],
        "images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": [
            "/admin/images/multiple/create_from_uploaded_image/1/"
        ],
        "images/multiple/delete_upload/<int:uploaded_file_id>/": ["/admin/images/multiple/delete_upload/1/"],
        "documents/chooser/": [
            "/admin/documents/chooser/",
            "/admin/documents/chooser/?q=ZZB",
            f"/admin/documents/chooser/?collection_id={b.collection.pk}",
        ],
        "documents/chooser/results/": [
            "/admin/documents/chooser/results/",
            "/admin/documents/chooser/results/?q=ZZB",
            f"/admin/documents/chooser/results/?collection_id={b.collection.pk}",
        ],
        "documents/chooser/chosen/<str:pk>/": [f"/admin/documents/chooser/chosen/{b.document.pk}/"],
        "documents/chooser/chosen-multiple/": [f"/admin/documents/chooser/chosen-multiple/?id={b.document.pk}"],
        "documents/chooser/create/": ["/admin/documents/chooser/create/"],
        "images/chooser/": [
            "/admin/images/chooser/",
            "/admin/images/chooser/?q=ZZB",
            f"/admin/images/chooser/?collection_id={b.collection.pk}",
        ],
        "images/chooser/results/": [
            "/admin/images/chooser/results/",
            "/admin/images/chooser/results/?q=ZZB",
            f"/admin/images/chooser/results/?collection_id={b.collection.pk}",
        ],
        "images/chooser/chosen/<str:pk>/": [f"/admin/images/chooser/chosen/{b.image.pk}/"],
        "images/chooser/chosen-multiple/": [f"/admin/images/chooser/chosen-multiple/?id={b.image.pk}"],
        "images/chooser/create/": ["/admin/images/chooser/create/"],
        "images/chooser/<int:image_id>/select_format/": [f"/admin/images/chooser/{b.image.pk}/select_format/"],
        # The school chooser (a public directory)
        "school_chooser/": ["/admin/school_chooser/"],
        "school_chooser/results/": ["/admin/school_chooser/results/"],
        "school_chooser/chosen/<str:pk>/": ["/admin/school_chooser/chosen/0/"],
        "school_chooser/chosen-multiple/": ["/admin/school_chooser/chosen-multiple/"],
        "school_chooser/create/": ["/admin/school_chooser/create/"],
        "snippets/": ["/admin/snippets/"],
    }
    for route, path in {
        "documents/edit/<int:document_id>/": "/admin/documents/edit/{}/",
        "documents/delete/<int:document_id>/": "/admin/documents/delete/{}/",
        "documents/multiple/<int:doc_id>/": "/admin/documents/multiple/{}/",
        "documents/multiple/<int:doc_id>/delete/": "/admin/documents/multiple/{}/delete/",
        "documents/usage/<int:document_id>/": "/admin/documents/usage/{}/",
    }.items():
        routes[route] = [path.format(b.document.pk)]
    for route, path in {
        "images/<int:image_id>/": "/admin/images/{}/",
        "images/<int:image_id>/delete/": "/admin/images/{}/delete/",
        "images/<int:image_id>/generate_url/": "/admin/images/{}/generate_url/",
        "images/<int:image_id>/generate_url/output/": "/admin/images/{}/generate_url/output/",
        "images/<int:image_id>/preview/<str:filter_spec>/": "/admin/images/{}/preview/original/",
        "images/usage/<int:image_id>/": "/admin/images/usage/{}/",
        "images/multiple/<int:image_id>/": "/admin/images/multiple/{}/",
        "images/multiple/<int:image_id>/delete/": "/admin/images/multiple/{}/delete/",
    }.items():
        routes[route] = [path.format(b.image.pk)]
    for action in ("edit", "delete", "history", "history-results", "usage", "copy"):
        routes[f"users/{action}/<int:pk>/"] = [f"/admin/users/{action}/{b.user.pk}/"]
    for action in ("edit", "delete", "history", "history-results", "usage"):
        routes[f"groups/{action}/<int:pk>/"] = [f"/admin/groups/{action}/{b.group.pk}/"]
    routes.update(snippet_endpoints(w))
    return routes


def bulk_action_paths(w: World) -> list[str]:
    """Every registered bulk action's confirmation, asked for B's rows (and A's, which may show)."""
    rows = {
        Page: [*w.b.hidden_pages, w.a.draft],
        Image: [w.b.image, w.a.image],
        Document: [w.b.document, w.a.document],
        NetworkCoordinator: [w.b.coordinator],
        NetworkYearPlan: [w.b.year_plan],
        get_user_model(): [w.b.user],
    }
    paths = []
    for model, action_type, _action in registered_bulk_actions():
        chosen = rows.get(model) or list(model.objects.all()[:1])
        ids = "&".join(f"id={row.pk}" for row in chosen)
        paths.append(f"/admin/bulk/{model._meta.app_label}/{model._meta.model_name}/{action_type}/?{ids}")
    return paths


def registered_bulk_actions():
    """(model, action type, class) of every bulk action the admin offers."""
    bulk_action_registry._scan_for_bulk_actions()
    return [
        (apps.get_model(app_label, model_name), action_type, action)
        for app_label, by_model in bulk_action_registry.actions.items()
        for model_name, by_type in by_model.items()
        for action_type, action in by_type.items()
    ]


def snippet_endpoints(w: World) -> dict[str, list[str]]:
    """Every registered snippet's listing, views by id and chooser, aimed at B's row where it has one."""
    of_b = {NetworkCoordinator: w.b.coordinator.pk, NetworkYearPlan: w.b.year_plan.pk}
    routes = {}
    for model in get_snippet_models():
        label = f"{model._meta.app_label}/{model._meta.model_name}"
        pk = of_b.get(model) or getattr(model.objects.first(), "pk", 0)
        for suffix in ("", "results/", "add/"):
            routes[f"snippets/{label}/{suffix}"] = [f"/admin/snippets/{label}/{suffix}"]
        for action in ("edit", "delete", "usage", "history", "history-results", "copy"):
            routes[f"snippets/{label}/{action}/<int:pk>/"] = [f"/admin/snippets/{label}/{action}/{pk}/"]
        chooser = f"/admin/snippets/choose/{label}/"
        routes[f"snippets/choose/{label}/"] = [chooser, f"{chooser}?q=coordinacion"]
        routes[f"snippets/choose/{label}/results/"] = [f"{chooser}results/", f"{chooser}results/?q=coordinacion"]
        routes[f"snippets/choose/{label}/chosen/<str:pk>/"] = [f"{chooser}chosen/{pk}/"]
        routes[f"snippets/choose/{label}/chosen-multiple/"] = [f"{chooser}chosen-multiple/?id={pk}"]
        routes[f"snippets/choose/{label}/create/"] = [f"{chooser}create/"]
    return routes


# Where coordinator A's own items must show (so the walk cannot pass by showing nothing).
def own_items_shown(w: World) -> dict[str, list[str]]:
    a = w.a
    return {
        "/admin/": [A["draft"]],
        "/admin/api/main/pages/": [A["draft"], A["private"]],
        f"/admin/api/main/pages/?child_of={a.network.pk}&for_explorer=1": [A["draft"], A["private"]],
        "/admin/api/main/images/": [A["image"]],
        "/admin/api/main/documents/": [A["document"]],
        # The owner and edited-by filters still offer the network's own people.
        f"/admin/pages/{a.network.pk}/": [A["draft"], A["private"], A["username"]],
        "/admin/pages/search/?q=ZZA": [A["draft"], A["private"]],
        "/admin/choose-page/search/?q=ZZA": [A["draft"], A["private"]],
        "/admin/choose-page/search/?q=ZZB": [B["live"]],
        f"/admin/choose-page/{a.network.pk}/": [A["draft"], A["private"]],
        f"/admin/choose-page/{w.b.network.pk}/": [B["live"]],
        f"/admin/bulk/wagtailcore/page/publish/?id={a.draft.pk}&id={w.b.draft.pk}": [A["draft"]],
        f"/admin/bulk/wagtailimages/image/delete/?id={a.image.pk}&id={w.b.image.pk}": [A["image"]],
        "/admin/images/chooser/": [A["image"]],
        "/admin/documents/chooser/": [A["document"]],
        "/admin/images/": [A["image"]],
        "/admin/documents/": [A["document"]],
        "/admin/reports/locked/": [A["private"], A["username"]],
        "/admin/reports/aging-pages/": [A["live"]],
        "/admin/reports/site-history/": [A["draft"], A["username"]],
        "/admin/reports/workflow/": [A["draft"], A["username"]],
        f"/admin/pages/{a.draft.pk}/history/": [A["username"]],
        f"/admin/pages/{a.draft.pk}/copy/": [A["draft"]],
    }


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_every_admin_route_is_walked_or_exempted(world):
    listed = set(endpoints(world)) | set(EXEMPT)
    missing = sorted(set(admin_routes()) - listed)
    stale = sorted(listed - set(admin_routes()))
    assert not missing, f"admin routes neither walked nor exempted: {missing}"
    assert not stale, f"listed routes the admin no longer has: {stale}"


def test_every_bulk_action_is_bounded():
    admin_routes()  # loads the admin's URLconf, which registers the bulk actions
    actions = registered_bulk_actions()
    assert len(actions) >= 15  # pages 4, images 3, documents 3, users 3, a delete per snippet
    assert not [action for *_, action in actions if not issubclass(action, BoundedBulkActionMixin)]


def test_a_coordinator_reads_nothing_of_another_network(client, world, record_property):
    client.force_login(world.a.user)
    walked, leaks, errors = 0, [], []
    for paths in endpoints(world).values():
        for path in paths:
            walked += 1
            response = client.get(path)
            if response.status_code >= 500:
                errors.append((path, response.status_code))
            text = body(response).lower()
            leaks += [(path, secret) for secret in SECRETS_OF_B if secret.lower() in text]
    missing_own = []
    for path, expected in own_items_shown(world).items():
        text = body(client.get(path))
        missing_own += [(path, item) for item in expected if item not in text]
    print(f"\nadmin read boundary: {walked} requests over {len(endpoints(world))} routes, {len(leaks)} leaks")
    for path, secret in leaks:
        print(f"  LEAK {secret} at {path}")
    record_property("requests_walked", walked)
    record_property("leaks", len(leaks))
    assert not errors, errors
    assert not leaks, f"{len(leaks)} leaks: {leaks}"
    assert not missing_own, f"the coordinator's own items are missing: {missing_own}"


def test_superusers_still_read_every_network(admin_client, world):
    b = world.b
    checks = {
        "/admin/choose-page/search/?q=ZZB": [B["draft"], B["private"]],
        f"/admin/choose-page/{b.network.pk}/": [B["draft"], B["private"], B["pending"]],
        f"/admin/choose-page/chosen-multiple/?id={b.draft.pk}": [B["draft"]],
        f"/admin/pages/{b.network.pk}/": [B["draft"], B["username"]],
        "/admin/reports/page-types-usage/": [B["draft"]],
        "/admin/reports/workflow/": [B["draft"], B["username"]],
        "/admin/api/main/images/": [B["image"], A["image"]],
        "/admin/api/main/documents/": [B["document"], A["document"]],
        "/admin/images/chooser/": [B["image"]],
        "/admin/reports/locked/": [B["private"]],
        "/admin/reports/site-history/": [B["username"]],
        f"/admin/bulk/wagtailcore/page/publish/?id={b.draft.pk}": [B["draft"]],
        "/admin/snippets/choose/networks/networkcoordinator/": [B["username"]],
    }
    for path, expected in checks.items():
        text = body(admin_client.get(path))
        assert all(item in text for item in expected), path


def test_the_page_types_report_is_for_editors_of_the_whole_tree(client, admin_client, world):
    # It counts and names the latest edited page of every type, across networks.
    assert "/admin/reports/page-types-usage/" in body(admin_client.get("/admin/"))
    client.force_login(world.a.user)
    assert "/admin/reports/page-types-usage/" not in body(client.get("/admin/"))
    response = client.get("/admin/reports/page-types-usage/")
    # Wagtail answers a missing permission with a redirect to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"

"""The admin's read boundary between networks.

Network coordinators are peers: page permissions keep each one's edits inside
their network, but Wagtail documents that its choosers, bulk-action
confirmations, reports, listing filters and admin API list content without
regard to page permissions. For every user who is not a superuser, this
module narrows those reads to:

- pages the user may explore (their network's pages and its ancestors); page
  choosers also offer other networks' live, public pages, so an agenda may
  link another network's published practice, but only while the page's
  pending draft (if any) keeps the live title, since choosers show draft titles;
- images and documents of the collections the user may choose from;
- user names of people who acted on pages the user may explore.

Wagtail's own hooks and registration points are used where they exist
(page chooser queryset, bulk actions, admin API endpoints, the page viewset,
snippet chooser viewset, reports menu). A few views are routed by Wagtail's
URLconf with no hook (the page chooser's browse and chosen-multiple views and
four reports); for those ``bound_unhooked_views`` sets a documented attribute
(``filterset_class``, ``permission_policy``) or guards ``dispatch``, and fails
at start-up if Wagtail renames what it replaces. Registered from
networks/wagtail_hooks.py; tests/networks/test_admin_read_boundary.py walks
every admin URL pattern as a coordinator of another network.

Written here because no maintained package narrows these reads inside one
page tree (wagtail-tenants puts each tenant in its own PostgreSQL schema,
which would break cross-network links and the shared search).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models import CharField, F, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import reverse
from wagtail.admin.views import chooser as page_chooser
from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet, get_users_for_filter
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet, WorkflowView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.models import AbstractDocument
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from rme_portal.visibility import visible_pages

# --- what a user may read ------------------------------------------------------------


def page_policy():
    return policy_registry.get_by_type(Page)


def pages_readable(user):
    """Pages the admin may name to ``user``: those they may explore."""
    return page_policy().explorable_instances(user)


def pages_choosable(pages, user):
    """``pages`` narrowed to what a page chooser may offer ``user``."""
    if user.is_superuser:
        return pages
    # Pages anyone may see (the portal's one visibility rule), whose pending draft keeps the live title.
    published = visible_pages(Page.objects.filter(draft_title=F("title")))
    return pages.filter(Q(pk__in=pages_readable(user).values("pk")) | Q(pk__in=published.values("pk")))


def collection_members_choosable(objects, user):
    """Images or documents of the collections ``user`` may choose from."""
    if user.is_superuser:
        return objects
    policy = policy_registry.get_by_type(objects.model)
    return objects.filter(collection__in=policy.collections_user_has_any_permission_for(user, ["choose"]))


def objects_readable(model, user):
    """Rows of ``model`` the admin may name to ``user`` (in a bulk action's confirmation)."""
    if issubclass(model, Page):
        return pages_readable(user)
    policy = policy_registry.get_by_type(model)
    if issubclass(model, (AbstractImage, AbstractDocument)):
        return policy.instances_user_has_any_permission_for(user, ["add", "change", "delete", "choose"])
    return policy.instances_user_has_any_permission_for(user, ["add", "change", "delete", "view"])


def users_among(user_ids):
    User = get_user_model()
    return User.objects.filter(pk__in=user_ids).order_by(User.USERNAME_FIELD)


def page_workflow_states_readable(user):
    page_ids = pages_readable(user).annotate(text_pk=Cast("pk", CharField())).values("text_pk")
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=page_ids
    )


def sees_whole_tree(user) -> bool:
    """Superusers and editors whose permissions start at the root or a site's home page."""
    if user.is_superuser:
        return True
    root = page_policy().explorable_root_instance(user)
    return root is not None and root.depth <= 2


# --- hooks (registered in networks/wagtail_hooks.py) --------------------------------------


def page_chooser_queryset(pages, request):
    """construct_page_chooser_queryset: browse and search of the page chooser."""
    return pages_choosable(pages, request.user)


def admin_api_endpoints(router):
    """construct_admin_api: images and documents only from the user's collections."""
    router.register_endpoint("images", BoundedImagesAdminAPIViewSet)
    router.register_endpoint("documents", BoundedDocumentsAdminAPIViewSet)


def reports_menu(request, items):
    """construct_reports_menu: the page types report is site-wide (its view refuses others too)."""
    if not sees_whole_tree(request.user):
        url = reverse("wagtailadmin_reports:page_types_usage")
        items[:] = [item for item in items if item.url != url]


class BoundedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return collection_members_choosable(super().get_queryset(), self.request.user)


class BoundedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return collection_members_choosable(super().get_queryset(), self.request.user)


class BoundedBulkActionMixin:
    """A bulk action's confirmation lists the chosen ids it may act on and
    those it may not; both lists keep only what the user may read."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        if user.is_superuser:
            return objects, extra
        without_access = extra["items_with_no_access"]
        chosen = [item.pk for item in (*objects, *without_access)]
        readable = set(objects_readable(self.model, user).filter(pk__in=chosen).values_list("pk", flat=True))
        return (
            [item for item in objects if item.pk in readable],
            {**extra, "items_with_no_access": [item for item in without_access if item.pk in readable]},
        )


def bounded_bulk_action(action_class):
    """Registered after Wagtail's own, under the same model and action type, so it replaces it."""
    return type(action_class.__name__, (BoundedBulkActionMixin, action_class), {"__module__": __name__})


def wagtail_bulk_actions():
    from wagtail.admin.views.pages import bulk_actions as pages
    from wagtail.documents.views import bulk_actions as documents
    from wagtail.images.views import bulk_actions as images
    from wagtail.snippets import bulk_actions as snippets
    from wagtail.users.views import bulk_actions as users

    return [getattr(module, name) for module in (pages, images, documents, snippets, users) for name in module.__all__]


class BoundedPageFilterSet(GenericPageFilterSet):
    """The explorer's and the page-type listing's filters: owner and edited-by
    offer only the people of the pages the user may explore."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        if not user.is_superuser:
            pages = pages_readable(user)
            self.filters["owner"].queryset = users_among(pages.values("owner"))
            edits = PageLogEntry.objects.filter(action="wagtail.edit", page__in=pages.values("pk"))
            self.filters["edited_by"].queryset = users_among(edits.values("user"))


class BoundedPageViewSet(PageViewSet):
    filterset_class = BoundedPageFilterSet


def page_viewset():
    """register_admin_viewset: replaces Wagtail's base page viewset (registered later, for the same model)."""
    return BoundedPageViewSet()


class PermittedSnippetChooserMixin:
    """A snippet chooser that lists only rows the user has a permission on
    (Wagtail's lists every row to anyone in the admin)."""

    def permitted(self, objects):
        user = self.request.user
        if user.is_superuser:
            return objects
        policy = policy_registry.get_by_type(self.model_class)
        allowed = policy.instances_user_has_any_permission_for(user, ["add", "change", "delete", "view"])
        return objects.filter(pk__in=allowed.values("pk"))

    def get_object_list(self):
        return self.permitted(super().get_object_list())

    def get_object(self, pk):
        return self.permitted(self.model_class.objects.all()).get(pk=pk)

    def get_objects(self, pks):
        return self.permitted(super().get_objects(pks))


class PermittedSnippetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (PermittedSnippetChooserMixin, ChooseView), {})
    choose_results_view_class = type("ChooseResultsView", (PermittedSnippetChooserMixin, ChooseResultsView), {})
    chosen_view_class = type("ChosenView", (PermittedSnippetChooserMixin, SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "ChosenMultipleView", (PermittedSnippetChooserMixin, SnippetChosenMultipleView), {}
    )


# --- views Wagtail routes without a hook -------------------------------------------------


class BoundedLockedPagesFilterSet(LockedPagesReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.request.user.is_superuser:
            locked = pages_readable(self.request.user).filter(locked=True)
            self.filters["locked_by"].queryset = users_among(locked.values("locked_by"))


class BoundedWorkflowReportFilterSet(WorkflowReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.request.user.is_superuser:
            states = page_workflow_states_readable(self.request.user)
            self.filters["requested_by"].queryset = users_among(states.values("requested_by"))


class BoundedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    # Wagtail's filterset offers every user with any page log entry: its
    # per-user get_user_choices is never called by the base class.
    def get_users_queryset(self):
        return get_users_for_filter(self.request.user)


class WholeTreePagePolicy(PagePermissionPolicy):
    """For reports that count and name pages across the whole tree."""

    def user_has_any_permission(self, user, actions):
        return sees_whole_tree(user) and super().user_has_any_permission(user, actions)


def _replace(view_class, name, value):
    if not hasattr(view_class, name):
        raise ImproperlyConfigured(f"{view_class.__qualname__}.{name} is gone: review networks/admin_boundary.py")
    setattr(view_class, name, value)


def _guard(view_class, is_allowed):
    """Answer 404 to anyone but a superuser when ``is_allowed(request, **url_kwargs)`` is false."""
    dispatch = view_class.dispatch

    def guarded_dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser and not is_allowed(request, **kwargs):
            raise Http404
        return dispatch(self, request, *args, **kwargs)

    _replace(view_class, "dispatch", guarded_dispatch)


def _parent_choosable(request, parent_page_id=None):
    return parent_page_id is None or pages_choosable(Page.objects.filter(pk=parent_page_id), request.user).exists()


def _chosen_pages_choosable(request):
    ids = {int(value) for value in request.GET.getlist("id") if value.isdigit()}
    return pages_choosable(Page.objects.filter(pk__in=ids), request.user).count() == len(ids)


def bound_unhooked_views():
    _guard(page_chooser.BrowseView, _parent_choosable)
    _guard(page_chooser.ChosenMultipleView, _chosen_pages_choosable)
    _replace(LockedPagesView, "filterset_class", BoundedLockedPagesFilterSet)
    _replace(WorkflowView, "filterset_class", BoundedWorkflowReportFilterSet)
    _replace(LogEntriesView, "filterset_class", BoundedSiteHistoryFilterSet)
    _replace(PageTypesUsageReportView, "permission_policy", WholeTreePagePolicy(Page))

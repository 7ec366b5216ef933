"""The network boundary on references: what a page of a network may point at.

A coordinator edits pages under their network; a reference those pages carry
(an agenda's practices, instruments and PME actions, a session's materials, a
practice's instruments, an instrument's files, a PME adoption, the host
school) is accepted only when it is

- a page of the same network (any state: the public surfaces hide drafts,
  rme_portal.visibility), or a live page anyone may see;
- a document or image in a collection the editor may choose from (their own
  network's collection; Wagtail's choosers offer nothing else, and an id
  posted by hand gets the same answer);
- a PME action of one of the network's member schools;
- a host school that is a member of the network.

Checked on the server when the page form is validated, whatever the widget
offered, with a Spanish message on the field. The checks go by the type of
the value (page, document, image, PME action), so a new chooser field or
block is covered without naming it here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StreamValue
from wagtail.blocks.base import BlockField
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.struct_block import StructValue
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.permissions import policy_registry

from networks.models import NetworkPage
from pme.models import PlanAction
from rme_portal.visibility import visible_page_ids


@dataclass
class References:
    """The objects one form value points at, by kind."""

    pages: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    images: list = field(default_factory=list)
    actions: list = field(default_factory=list)

    def add(self, value) -> None:
        if isinstance(value, StreamValue | ListValue | list | tuple):
            for item in value:
                self.add(getattr(item, "value", item))
        elif isinstance(value, StructValue | dict):
            for item in value.values():
                self.add(item)
        elif isinstance(value, Page):
            self.pages.append(value)
        elif isinstance(value, AbstractDocument):
            self.documents.append(value)
        elif isinstance(value, AbstractImage):
            self.images.append(value)
        elif isinstance(value, PlanAction):
            self.actions.append(value)


def references_refused(network: NetworkPage, user, references: References) -> list[str]:
    """A Spanish message for each reference a page of `network` may not carry."""
    messages = []
    if references.pages:
        allowed = set(
            Page.objects.filter(pk__in=[page.pk for page in references.pages])
            .filter(Q(path__startswith=network.path) | Q(pk__in=visible_page_ids()))
            .values_list("pk", flat=True)
        )
        messages += [
            _(
                "“%(title)s” belongs to another network and is not published for everyone: "
                "choose a page of this network or a published, public one."
            )
            % {"title": page.title}
            for page in references.pages
            if page.pk not in allowed
        ]
    for objects, model in ((references.documents, get_document_model()), (references.images, get_image_model())):
        if objects and not (user and user.is_superuser):
            policy = policy_registry.get_by_type(model)
            collections = policy.collections_user_has_any_permission_for(user, ["choose"])
            chosen = model.objects.filter(pk__in=[obj.pk for obj in objects], collection__in=collections)
            allowed = set(chosen.values_list("pk", flat=True))
            messages += [
                _("The file “%(title)s” is not in a collection of this network.") % {"title": obj.title}
                for obj in objects
                if obj.pk not in allowed
            ]
    if references.actions:
        allowed = set(
            PlanAction.objects.filter(
                pk__in=[action.pk for action in references.actions], plan__school__memberships__network=network
            ).values_list("pk", flat=True)
        )
        messages += [
            _("The PME action “%(name)s” belongs to a school that is not a member of this network.")
            % {"name": action.name}
            for action in references.actions
            if action.pk not in allowed
        ]
    return messages


class NetworkContentPageForm(WagtailAdminPageForm):
    """The editor form of pages that live under a network: every reference
    they carry is checked against the network boundary (see the module)."""

    def network(self) -> NetworkPage | None:
        parent = self.instance.get_parent() if self.instance.pk else getattr(self, "parent_page", None)
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, NetworkPage) else None

    def is_valid(self):
        valid = super().is_valid()
        network = self.network()
        if network is None:
            return valid
        return self._check_references(network) and valid

    def _check_references(self, network) -> bool:
        ok = True
        forms = [(self, name) for name in self.fields]
        for formset in self.formsets.values():
            forms += [(form, name) for form in formset.forms for name in form.fields]
        for form, name in forms:
            data = getattr(form, "cleaned_data", {})
            value = data.get(name)
            if value is None or name in ("DELETE", "id", "ORDER") or data.get("DELETE"):
                continue
            references = References()
            references.add(value)
            refused = references_refused(network, self.for_user, references)
            if refused:
                if isinstance(form.fields[name], BlockField):
                    # A StreamField shows one error object: all messages go in it.
                    refused = StreamBlockValidationError(non_block_errors=refused)
                form.add_error(name, refused)
                ok = False
        return ok

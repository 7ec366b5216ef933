"""Reads for the network pages: each returns everything a template needs in
a fixed number of queries, whatever the number of networks or members."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from rme_portal.collation import spanish_order
from rme_portal.facets import FacetOption, apply_facets, array_facet, field_facet
from rme_portal.visibility import visible_pages
from schools.teaching import Level
from territories.models import DeprovOffice, Region, Slep

from .models import NetworkPage


@dataclass
class NetworkListing:
    networks: list
    total: int
    region_options: list[FacetOption] = field(default_factory=list)
    level_options: list[FacetOption] = field(default_factory=list)
    deprov_options: list[FacetOption] = field(default_factory=list)
    slep_options: list[FacetOption] = field(default_factory=list)
    is_filtered: bool = False


NETWORK_FACETS = [
    field_facet("region", _("Region"), lambda: Region.objects.values_list("code", "name"), "region_id", cast=int),
    array_facet("level", _("Level"), lambda: Level.choices, "levels"),
    # Supervisors look for the networks of their office: only those that
    # supervise a network the visitor may see are offered (hide_empty).
    field_facet(
        "deprov",
        _("DEPROV office"),
        lambda: DeprovOffice.objects.values_list("code", "name"),
        "supervising_deprov_id",
        cast=int,
        hide_empty=True,
    ),
    field_facet(
        "slep",
        _("SLEP"),
        lambda: Slep.objects.values_list("code", "name"),
        "supervising_slep_id",
        cast=int,
        hide_empty=True,
    ),
]


def network_listing(index_page, params: QueryDict, user=None) -> NetworkListing:
    """Networks under ``index_page`` that ``user`` may see, filtered by region,
    level and supervising DEPROV office or SLEP, with the count of networks each other option would give (facets)."""
    result = apply_facets(visible_pages(NetworkPage.objects.child_of(index_page), user), NETWORK_FACETS, params)
    networks = list(
        result.queryset.select_related("region")
        .annotate(member_count=Count("memberships"))
        .order_by(spanish_order("title"))
    )
    options = {facet.name: facet_options for facet, facet_options in result.facets}
    return NetworkListing(
        networks=networks,
        total=len(networks),
        region_options=options["region"],
        level_options=options["level"],
        deprov_options=options["deprov"],
        slep_options=options["slep"],
        is_filtered=result.is_filtered,
    )


def network_profile(network: NetworkPage, user=None) -> dict:
    memberships = list(
        network.memberships.select_related("school__commune__province__region").order_by("sort_order", "pk")
    )
    communes = sorted({m.school.commune for m in memberships}, key=lambda commune: commune.name)
    return {
        "memberships": memberships,
        "participants": list(network.participants.order_by("sort_order", "pk")),
        "communes": communes,
        # What the network published under its page (practices, instruments…),
        # whatever apps provide those page types.
        "published": list(visible_pages(network.get_children(), user).specific().order_by("title")),
    }


def networks_of_school(school, user=None) -> list[NetworkPage]:
    """The networks the school is a member of that ``user`` may see."""
    return list(
        visible_pages(NetworkPage.objects.filter(memberships__school=school), user)
        .select_related("region")
        .order_by(spanish_order("title"))
    )

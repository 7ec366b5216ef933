"""Reads for the network pages: each returns everything a template needs in
a fixed number of queries, whatever the number of networks or members."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import QueryDict

from rme_portal.collation import spanish_order
from schools.teaching import Level
from territories.models import Region

from .models import NetworkPage


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class NetworkListing:
    networks: list
    total: int
    region: str = ""
    level: str = ""
    region_options: list[FacetOption] = field(default_factory=list)
    level_options: list[FacetOption] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return bool(self.region or self.level)


def _visible_networks(index_page):
    return NetworkPage.objects.live().public().child_of(index_page)


def network_listing(index_page, params: QueryDict) -> NetworkListing:
    """Networks under ``index_page`` filtered by region and level, with the
    count of networks each other option would give (facets)."""
    regions = list(Region.objects.all())
    region = params.get("region", "")
    level = params.get("level", "")
    region = region if region in {str(r.code) for r in regions} else ""
    level = level if level in Level.values else ""

    base = _visible_networks(index_page)
    by_region = Q(region_id=int(region)) if region else Q()
    by_level = Q(levels__contains=[level]) if level else Q()

    networks = list(
        base.filter(by_region & by_level)
        .select_related("region")
        .annotate(member_count=Count("memberships"))
        .order_by(spanish_order("title"))
    )

    # order_by() drops Page's default ordering, which would split the groups.
    region_counts = dict(
        base.filter(by_level)
        .order_by()
        .values("region_id")
        .annotate(count=Count("id"))
        .values_list("region_id", "count")
    )
    level_counts = _level_counts(base.filter(by_region))
    return NetworkListing(
        networks=networks,
        total=len(networks),
        region=region,
        level=level,
        region_options=[
            FacetOption(str(r.code), r.name, region_counts.get(r.code, 0), str(r.code) == region) for r in regions
        ],
        level_options=[
            FacetOption(value, label, level_counts.get(value, 0), value == level) for value, label in Level.choices
        ],
    )


def _level_counts(queryset) -> dict[str, int]:
    counts: dict[str, int] = {}
    for levels in queryset.values_list("levels", flat=True):
        for value in levels or []:
            counts[value] = counts.get(value, 0) + 1
    return counts


def network_profile(network: NetworkPage) -> dict:
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
        "published": list(network.get_children().live().public().specific().order_by("title")),
    }


def networks_of_school(school) -> list[NetworkPage]:
    """Live, public networks the school is a member of."""
    return list(
        NetworkPage.objects.live()
        .public()
        .filter(memberships__school=school)
        .select_related("region")
        .order_by(spanish_order("title"))
    )

"""Faceted filtering of a queryset, as list pages need it.

Each facet filters the list and counts, for each of its options, how many
items the list would have if that option were chosen with the other current
filters: one counting query per facet, whatever the number of items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str  # the query parameter
    label: str
    options: Callable[[], Iterable[tuple[str, str]]]
    apply: Callable[[QuerySet, str], QuerySet]
    count: Callable[[QuerySet], dict[str, int]]
    hide_empty: bool = False


@dataclass
class FacetedResult:
    queryset: QuerySet
    selected: dict[str, str]
    facets: list[tuple[Facet, list[FacetOption]]] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return bool(self.selected)

    @property
    def filter_count(self) -> int:
        """How many filters are on: shown on the closed filter panel of small screens."""
        return len(self.selected)


def field_counts(path: str) -> Callable[[QuerySet], dict[str, int]]:
    """Counts per value of a column or a related column (FK, M2M)."""

    def count(queryset: QuerySet) -> dict[str, int]:
        rows = queryset.order_by().values(path).annotate(n=Count("pk", distinct=True)).values_list(path, "n")
        return {str(value): n for value, n in rows if value is not None}

    return count


def array_counts(path: str) -> Callable[[QuerySet], dict[str, int]]:
    """Counts per element of an array column."""

    def count(queryset: QuerySet) -> dict[str, int]:
        counter: Counter[str] = Counter()
        for values in queryset.order_by().values_list(path, flat=True):
            counter.update(set(values or []))
        return dict(counter)

    return count


def facet_choices(facets: list[Facet]) -> dict[str, list[tuple[str, str]]]:
    """Each facet's options as (value, label) strings; read once per request."""
    return {facet.name: [(str(value), label) for value, label in facet.options()] for facet in facets}


def selected_values(facets: list[Facet], params, choices) -> dict[str, str]:
    """The values asked for that are among their facet's options."""
    selected = {}
    for facet in facets:
        value = params.get(facet.name, "")
        if value and value in {option for option, _label in choices[facet.name]}:
            selected[facet.name] = value
    return selected


def counted_options(facet: Facet, choices, counts: dict[str, int], selected: dict[str, str]) -> list[FacetOption]:
    """A facet's options with their counts (empty ones hidden if the facet says so)."""
    chosen = selected.get(facet.name)
    return [
        FacetOption(value, label, counts.get(value, 0), chosen == value)
        for value, label in choices[facet.name]
        # Empty options are left out early: a facet may offer a thousand networks.
        if not facet.hide_empty or counts.get(value) or chosen == value
    ]


def apply_facets(base: QuerySet, facets: list[Facet], params) -> FacetedResult:
    choices = facet_choices(facets)
    selected = selected_values(facets, params, choices)

    def filtered(excluding: str | None = None) -> QuerySet:
        queryset = base
        for facet in facets:
            if facet.name != excluding and facet.name in selected:
                queryset = facet.apply(queryset, selected[facet.name])
        return queryset

    result = FacetedResult(queryset=filtered(), selected=selected)
    for facet in facets:
        counts = facet.count(filtered(excluding=facet.name))
        result.facets.append((facet, counted_options(facet, choices, counts, selected)))
    return result


def field_facet(name, label, options, path, *, cast=str, hide_empty=False) -> Facet:
    """A facet on one value per item (a column or a foreign key)."""
    return Facet(
        name, label, options, lambda qs, value: qs.filter(**{path: cast(value)}), field_counts(path), hide_empty
    )


def array_facet(name, label, options, path, *, hide_empty=False) -> Facet:
    """A facet on an array column: an item counts for each value it holds."""
    return Facet(
        name,
        label,
        options,
        lambda qs, value: qs.filter(**{f"{path}__contains": [value]}),
        array_counts(path),
        hide_empty,
    )

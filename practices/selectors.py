"""Reads for practice and instrument pages and lists: a fixed number of
queries each, whatever the number of practices, instruments or schools."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Avg, Case, Prefetch, When
from django.utils.translation import gettext_lazy as _

from networks.models import NetworkMembership, NetworkPage
from pme.dimensions import Dimension
from pme.selectors import school_plan_actions
from rme_portal.collation import spanish_order
from rme_portal.facets import Facet, FacetedResult, apply_facets, array_facet, field_facet
from rme_portal.visibility import visible_pages, visible_related, with_visible_documents
from schools.teaching import Level
from territories.models import Region

from .choices import EvidenceLevel, InstrumentType
from .models import InstrumentAdoption, InstrumentPage, PracticeAdoption, PracticePage, Topic

PER_PAGE = 20
SORTS = {"recent": _("Most recent"), "title": _("Title")}
RELATED_LIMIT = 3
LEVEL_SUGGESTIONS = 5


@dataclass
class Listing:
    result: FacetedResult
    page: object  # django.core.paginator.Page
    sort: str
    sort_options: dict

    @property
    def items(self):
        return self.page.object_list

    @property
    def total(self) -> int:
        return self.page.paginator.count


def region_options():
    return Region.objects.values_list("code", "name")


def network_options():
    # Names of networks an anonymous visitor may see: facet options are the same for everyone.
    return visible_pages(NetworkPage.objects.all()).order_by(spanish_order("title")).values_list("id", "title")


def topic_options():
    return Topic.objects.values_list("slug", "name")


def _common_facets() -> list[Facet]:
    return [
        field_facet("region", _("Region"), region_options, "network__region_id", cast=int),
        field_facet("network", _("Network"), network_options, "network_id", cast=int, hide_empty=True),
        field_facet("topic", _("Topic"), topic_options, "topics__slug"),
        array_facet("level", _("Level"), lambda: Level.choices, "levels"),
    ]


def _listing(queryset, facets, params) -> Listing:
    result = apply_facets(queryset, facets, params)
    sort = params.get("sort") if params.get("sort") in SORTS else "recent"
    ordering = [spanish_order("title")] if sort == "title" else ["-first_published_at", "title"]
    items = result.queryset.select_related("network__region").prefetch_related("topics").order_by(*ordering)
    paginator = Paginator(items, PER_PAGE)
    page = paginator.get_page(params.get("page"))
    return Listing(result=result, page=page, sort=sort, sort_options=SORTS)


def practice_listing(params, user=None) -> Listing:
    facets = _common_facets()
    facets[3:3] = [array_facet("dimension", _("PME dimension"), lambda: Dimension.choices, "dimensions")]
    facets.append(
        field_facet("evidence", _("Evidence level"), lambda: EvidenceLevel.choices, "evidence_level", cast=int)
    )
    return _listing(visible_pages(PracticePage.objects.all(), user), facets, params)


def instrument_listing(params, user=None) -> Listing:
    facets = _common_facets()
    facets.append(field_facet("type", _("Instrument type"), lambda: InstrumentType.choices, "instrument_type"))
    return _listing(visible_pages(InstrumentPage.objects.all(), user), facets, params)


# --- detail pages ----------------------------------------------------------------


def adoptions_of(adoption_model, page) -> list:
    """Schools whose PME adopted the page, with the action and its progress."""
    return list(
        adoption_model.objects.filter(page=page)
        .select_related("action__plan__school__commune")
        .annotate(progress=Avg("action__milestones__progress"))
        .order_by("action__plan__school__name", "action__name")
    )


def related_practices(practice: PracticePage, user=None, limit: int = RELATED_LIMIT) -> list[PracticePage]:
    """Practices of networks in other regions that share dimensions or topics,
    most in common first."""
    region_id = practice.network.region_id if practice.network_id else None
    topic_ids = {topic.pk for topic in practice.topics.all()}
    candidates = (
        visible_pages(PracticePage.objects.all(), user)
        .exclude(pk=practice.pk)
        .exclude(network__region_id=region_id)
        .filter(dimensions__overlap=practice.dimensions or ["-"])
        .select_related("network__region")
        .prefetch_related("topics")
        .order_by("-first_published_at")[:200]
    )

    def score(candidate):
        shared_topics = len(topic_ids & {topic.pk for topic in candidate.topics.all()})
        same_subdimension = bool(practice.subdimension) and candidate.subdimension == practice.subdimension
        shared_dimensions = len(set(practice.dimensions) & set(candidate.dimensions))
        return (shared_topics * 2 + same_subdimension + shared_dimensions, candidate.first_published_at)

    return sorted(candidates, key=score, reverse=True)[:limit]


def attachments_of(page, user=None) -> list:
    """A page's attached files this user may download, in the editor's order."""
    attachments = with_visible_documents(page.attachments.all(), "document", user)
    return list(attachments.select_related("document").order_by("sort_order", "pk"))


def practice_detail(practice: PracticePage, user=None) -> dict:
    links = visible_related(practice.instrument_links.all(), "instrument", user)
    return {
        "topics": list(practice.topics.all()),
        "attachments": attachments_of(practice, user),
        "instruments": [link.instrument for link in links.select_related("instrument").order_by("sort_order", "pk")],
        "adoptions": adoptions_of(PracticeAdoption, practice),
        "related": related_practices(practice, user),
    }


def instrument_detail(instrument: InstrumentPage, user=None) -> dict:
    return {
        "topics": list(instrument.topics.all()),
        "attachments": attachments_of(instrument, user),
        "used_by": list(
            visible_pages(PracticePage.objects.filter(instrument_links__instrument=instrument), user).order_by("title")
        ),
        "adoptions": adoptions_of(InstrumentAdoption, instrument),
    }


# --- the school page's PME section ---------------------------------------------------


def school_improvement(school, user=None) -> dict:
    """The school's PME actions; for each, what it adopted and practices of
    other networks that could help (same dimension, shared topics first).
    A school with no actions in the portal gets practices for its levels."""
    actions = school_plan_actions(school)
    if not actions:
        return {"plans": [], "level_suggestions": practices_for_levels(school, user)}
    adopted_practices = {}
    practice_adoptions = visible_related(PracticeAdoption.objects.filter(action__in=actions), "page", user)
    for adoption in practice_adoptions.select_related("page"):
        adopted_practices.setdefault(adoption.action_id, []).append(adoption)
    adopted_instruments = {}
    instrument_adoptions = visible_related(InstrumentAdoption.objects.filter(action__in=actions), "page", user)
    for adoption in instrument_adoptions.select_related("page"):
        adopted_instruments.setdefault(adoption.action_id, []).append(adoption)
    own_networks = NetworkMembership.objects.filter(school=school).values("network_id")
    candidates = list(
        visible_pages(PracticePage.objects.all(), user)
        .exclude(network_id__in=own_networks)
        .filter(dimensions__overlap=sorted({action.dimension for action in actions}))
        .select_related("network__region")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.only("id", "name")))
        .order_by("-first_published_at")[:300]
    )
    adopted_topics = _topics_of_adopted(adopted_practices)
    school_levels = set(school.levels)

    plans: dict[int, dict] = {}
    for action in actions:
        topics = adopted_topics.get(action.pk, set())
        matching = [p for p in candidates if action.dimension in p.dimensions]
        matching.sort(
            key=lambda p: (
                len(topics & {t.pk for t in p.topics.all()}),
                bool(school_levels & set(p.levels)),
                bool(action.subdimension) and p.subdimension == action.subdimension,
                p.first_published_at,
            ),
            reverse=True,
        )
        plan = plans.setdefault(action.plan_id, {"plan": action.plan, "actions": []})
        plan["actions"].append(
            {
                "action": action,
                "practices": adopted_practices.get(action.pk, []),
                "instruments": adopted_instruments.get(action.pk, []),
                "suggestions": matching[:RELATED_LIMIT],
            }
        )
    return {"plans": list(plans.values())}


def practices_for_levels(school, user=None, limit: int = LEVEL_SUGGESTIONS) -> list[PracticePage]:
    """Practices of networks the school is not in, for one of its levels:
    those of its own region first, then the most recent. Nothing when the
    directory reports no levels (the rule would be "any practice")."""
    if not school.levels:
        return []
    own_networks = NetworkMembership.objects.filter(school=school).values("network_id")
    same_region = Case(When(network__region_id=school.commune.province.region_id, then=0), default=1)
    return list(
        visible_pages(PracticePage.objects.all(), user)
        .exclude(network_id__in=own_networks)
        .filter(levels__overlap=school.levels)
        .select_related("network__region")
        .order_by(same_region, "-first_published_at", "title")[:limit]
    )


def _topics_of_adopted(adopted_practices: dict) -> dict[int, set[int]]:
    page_ids = {adoption.page_id for adoptions in adopted_practices.values() for adoption in adoptions}
    through = PracticePage.topics.through.objects.filter(practicepage_id__in=page_ids).values_list(
        "practicepage_id", "topic_id"
    )
    topics_by_page: dict[int, set[int]] = {}
    for page_id, topic_id in through:
        topics_by_page.setdefault(page_id, set()).add(topic_id)
    return {
        action_id: set().union(*(topics_by_page.get(a.page_id, set()) for a in adoptions))
        for action_id, adoptions in adopted_practices.items()
    }

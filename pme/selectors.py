"""Reads of the PME tables, in a fixed number of queries."""

from django.db.models import Prefetch

from .models import Milestone, PlanAction


def school_plan_actions(school) -> list[PlanAction]:
    """The school's actions, newest cycle first, with plan, objective and milestones."""
    return list(
        PlanAction.objects.filter(plan__school=school)
        .select_related("plan", "objective")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("due_date")))
        .order_by("-plan__cycle_start", "dimension", "start_date", "name")
    )

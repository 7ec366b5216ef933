"""Writes to the PME tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from schools.models import School

from .importer import ActionRecord
from .models import ImprovementPlan, Milestone, PlanAction, StrategicObjective


@dataclass
class PlanImportSummary:
    plans_created: int = 0
    actions_created: int = 0
    actions_updated: int = 0
    milestones_written: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def plans_check_schools(records: list[ActionRecord]) -> list[tuple[int, str]]:
    known = set(School.objects.filter(rbd__in={r.rbd for r in records}).values_list("rbd", flat=True))
    return [(r.line, f"no hay un establecimiento con RBD {r.rbd}") for r in records if r.rbd not in known]


@transaction.atomic
def plans_import(records: list[ActionRecord]) -> PlanImportSummary:
    """Create or update plans, objectives, actions and milestones; all or nothing.

    An action is identified by its school, cycle and name; a milestone by its
    action and description, so importing the same file twice changes nothing.
    """
    summary = PlanImportSummary()
    plans: dict[tuple[int, int], ImprovementPlan] = {}
    for record in records:
        plan = plans.get((record.rbd, record.cycle_start))
        if plan is None:
            plan, created = ImprovementPlan.objects.get_or_create(school_id=record.rbd, cycle_start=record.cycle_start)
            plans[(record.rbd, record.cycle_start)] = plan
            summary.plans_created += created
        objective = None
        if record.objective:
            objective = StrategicObjective.objects.filter(
                plan=plan, dimension=record.dimension, text=record.objective
            ).first() or StrategicObjective.objects.create(plan=plan, dimension=record.dimension, text=record.objective)
        values = {
            "objective": objective,
            "description": record.description,
            "dimension": record.dimension,
            "subdimension": record.subdimension,
            "start_date": record.start_date,
            "end_date": record.end_date,
            "responsible": record.responsible,
            "resources": record.resources,
            "funding": record.funding,
            "uses_ate": record.uses_ate,
        }
        action = PlanAction.objects.filter(plan=plan, name__iexact=record.name).first()
        if action is None:
            action = PlanAction.objects.create(plan=plan, name=record.name, **values)
            summary.actions_created += 1
        elif any(getattr(action, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(action, key, value)
            action.save()
            summary.actions_updated += 1
        for milestone in record.milestones:
            Milestone.objects.update_or_create(
                action=action,
                description=milestone.description,
                defaults={"due_date": milestone.due_date, "progress": milestone.progress},
            )
            summary.milestones_written += 1
    return summary

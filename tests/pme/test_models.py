import datetime

import pytest
from django.core.exceptions import ValidationError

from pme.models import ImprovementPlan, Milestone, PlanAction
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def make_action(**fields):
    plan = ImprovementPlan.objects.create(school=SchoolFactory(), cycle_start=2023)
    defaults = {
        "plan": plan,
        "name": "Acompañamiento al aula",
        "dimension": "gestion_pedagogica",
        "start_date": datetime.date(2026, 3, 2),
        "end_date": datetime.date(2026, 12, 11),
        "responsible": "Jefa de UTP",
    }
    return PlanAction(**{**defaults, **fields})


def test_progress_is_the_mean_of_the_milestones():
    action = make_action()
    action.save()
    for progress in (100, 50, 0):
        Milestone.objects.create(
            action=action, description=f"hito {progress}", due_date="2026-06-01", progress=progress
        )
    assert PlanAction.objects.get(pk=action.pk).progress == 50
    assert PlanAction.objects.with_progress().get(pk=action.pk).progress == 50


def test_a_subdimension_of_another_dimension_is_refused():
    action = make_action(subdimension="participacion")
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "subdimension" in error.value.message_dict


def test_an_end_before_the_start_is_refused():
    action = make_action(end_date=datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "end_date" in error.value.message_dict

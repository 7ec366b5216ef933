"""The PME's four management dimensions and their sub-dimensions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    PEDAGOGICAL = "gestion_pedagogica", _("Pedagogical management")
    LEADERSHIP = "liderazgo", _("Leadership")
    COEXISTENCE = "convivencia", _("School coexistence")
    RESOURCES = "gestion_recursos", _("Resource management")


class Subdimension(models.TextChoices):
    CURRICULUM = "gestion_curricular", _("Curriculum management")
    TEACHING = "ensenanza_aprendizaje", _("Teaching and learning in the classroom")
    STUDENT_SUPPORT = "apoyo_estudiantes", _("Support for students' development")
    OWNER_LEADERSHIP = "liderazgo_sostenedor", _("School owner's leadership")
    PRINCIPAL_LEADERSHIP = "liderazgo_director", _("Principal's leadership")
    PLANNING = "planificacion_resultados", _("Planning and management of results")
    FORMATION = "formacion", _("Personal formation")
    COEXISTENCE = "convivencia", _("Coexistence")
    PARTICIPATION = "participacion", _("Participation and democratic life")
    STAFF = "gestion_personal", _("Staff management")
    FINANCES = "recursos_financieros", _("Financial resources")
    EDUCATIONAL_RESOURCES = "recursos_educativos", _("Educational resources")


DIMENSION_OF_SUBDIMENSION = {
    Subdimension.CURRICULUM: Dimension.PEDAGOGICAL,
    Subdimension.TEACHING: Dimension.PEDAGOGICAL,
    Subdimension.STUDENT_SUPPORT: Dimension.PEDAGOGICAL,
    Subdimension.OWNER_LEADERSHIP: Dimension.LEADERSHIP,
    Subdimension.PRINCIPAL_LEADERSHIP: Dimension.LEADERSHIP,
    Subdimension.PLANNING: Dimension.LEADERSHIP,
    Subdimension.FORMATION: Dimension.COEXISTENCE,
    Subdimension.COEXISTENCE: Dimension.COEXISTENCE,
    Subdimension.PARTICIPATION: Dimension.COEXISTENCE,
    Subdimension.STAFF: Dimension.RESOURCES,
    Subdimension.FINANCES: Dimension.RESOURCES,
    Subdimension.EDUCATIONAL_RESOURCES: Dimension.RESOURCES,
}


def subdimension_belongs(subdimension: str, dimensions) -> bool:
    return not subdimension or DIMENSION_OF_SUBDIMENSION.get(subdimension) in set(dimensions)

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceLevel(models.IntegerChoices):
    """How strongly a practice's results are backed, from weakest to strongest."""

    TESTIMONY = 1, _("Testimonies")
    MONITORING = 2, _("Monitoring data")
    EVALUATED = 3, _("Evaluated results")
    COMPARED = 4, _("Compared with other schools")


EVIDENCE_LEVEL_EXPLANATIONS = {
    EvidenceLevel.TESTIMONY: _(
        "Those who took part say what changed: perceptions, reflections, accounts of the sessions. "
        "Valuable to understand the practice, but it does not measure its effect."
    ),
    EvidenceLevel.MONITORING: _(
        "The schools recorded data while doing it (classroom visits made, attendance, milestones reached), "
        "so we know the practice was carried out as planned."
    ),
    EvidenceLevel.EVALUATED: _(
        "Results were measured with an instrument before and after (learning, classroom practices, climate), "
        "showing a change in the schools that applied it."
    ),
    EvidenceLevel.COMPARED: _(
        "The change was compared with schools that did not apply the practice, or with a reference group: "
        "the strongest sign that the practice caused the improvement."
    ),
}


class Stage(models.TextChoices):
    STARTING = "starting", _("Starting")
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")
    EVALUATED = "evaluated", _("Evaluated")


class Participant(models.TextChoices):
    DIRECTORS = "directors", _("Principals")
    UTP = "utp", _("Heads of UTP")
    TEACHERS = "teachers", _("Teachers")
    PIE = "pie", _("PIE teams")
    COEXISTENCE = "coexistence_team", _("Coexistence teams")
    EDUCATION_ASSISTANTS = "education_assistants", _("Education assistants")
    STUDENTS = "students", _("Students")
    FAMILIES = "families", _("Families")
    SCHOOL_OWNER = "school_owner", _("School owner")
    SUPERVISORS = "supervisors", _("Supervisors")


class InstrumentType(models.TextChoices):
    OBSERVATION_GUIDE = "observation_guide", _("Classroom observation and accompaniment guide")
    RUBRIC = "rubric", _("Rubric")
    CHECKLIST = "checklist", _("Checklist")
    SURVEY = "survey", _("Survey")
    FEEDBACK_PROTOCOL = "feedback_protocol", _("Feedback protocol")
    REVIEW_BOARD = "review_board", _("Review board")
    SYSTEMATISATION = "systematisation", _("Systematisation instrument")


class Framework(models.TextChoices):
    MBE = "mbe", _("Framework for Good Teaching (MBE)")
    EID = "eid", _("Indicative Performance Standards")
    MBDLE = "mbdle", _("Framework for Good School Leadership (MBDLE)")
    CURRICULUM = "bases_curriculares", _("Curricular bases")
    OTHER = "other", _("Other")


class Subject(models.TextChoices):
    LANGUAGE = "lenguaje", _("Language and communication")
    MATHS = "matematica", _("Mathematics")
    SCIENCE = "ciencias", _("Science")
    HISTORY = "historia", _("History and social sciences")
    ENGLISH = "ingles", _("English")
    ARTS = "artes", _("Arts")
    PHYSICAL_EDUCATION = "educacion_fisica", _("Physical education")
    TECHNOLOGY = "tecnologia", _("Technology")
    GUIDANCE = "orientacion", _("Guidance")
    TP_SPECIALTY = "especialidad_tp", _("Technical-vocational specialty")
    EARLY_CHILDHOOD = "nucleos_parvularia", _("Early childhood learning areas")
    ALL = "todas", _("All subjects")


class Licence(models.TextChoices):
    CC_BY = "cc_by", _("Creative Commons Attribution (CC BY 4.0)")
    CC_BY_SA = "cc_by_sa", _("Creative Commons Attribution-ShareAlike (CC BY-SA 4.0)")
    CC_BY_NC_SA = "cc_by_nc_sa", _("Creative Commons Attribution-NonCommercial-ShareAlike (CC BY-NC-SA 4.0)")
    ALL_RIGHTS_RESERVED = "all_rights_reserved", _("All rights reserved")

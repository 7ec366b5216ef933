from django import template

from ..choices import EVIDENCE_LEVEL_EXPLANATIONS, EvidenceLevel

register = template.Library()


@register.simple_tag
def evidence_levels():
    return [
        {"value": level.value, "label": level.label, "explanation": EVIDENCE_LEVEL_EXPLANATIONS[level]}
        for level in EvidenceLevel
    ]


@register.inclusion_tag("practices/includes/evidence_badge.html")
def evidence_badge(level: int, explanation_url: str = ""):
    return {"level": level, "label": EvidenceLevel(level).label, "explanation_url": explanation_url}

from django import template
from django.utils.formats import number_format
from django.utils.translation import ngettext

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


@register.filter
def file_size(size) -> str:
    """A file's size as a reader says it, in the active language's number
    format: "240 KB", "1,5 MB", "12 MB". Django's filesizeformat always shows
    a decimal ("240,0 KB"), which reads as false precision for a download."""
    if size is None or size == "":
        return ""
    size = int(size)
    if size < 1024:
        return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            break
    decimals = 1 if unit != "KB" and size < 10 and round(size, 1) != int(size) else 0
    # A no-break space keeps the number and its unit on one line.
    return f"{number_format(round(size, decimals), decimal_pos=decimals)}\u00a0{unit}"

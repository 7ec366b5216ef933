from django.shortcuts import render
from django.template.loader import render_to_string

from .sections import school_sections
from .selectors import school_detail


def school_page(request, rbd: int):
    school = school_detail(rbd)
    sections = [
        render_to_string(template, {"school": school, **context}, request=request)
        for template, context in school_sections(school)
    ]
    return render(request, "schools/school_page.html", {"school": school, "sections": sections})

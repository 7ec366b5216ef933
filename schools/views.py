from django.shortcuts import render

from .sections import school_sections
from .selectors import school_detail


def school_page(request, rbd: int):
    school = school_detail(rbd)
    sections = school_sections.render(school, request, school=school)
    return render(request, "schools/school_page.html", {"school": school, "sections": sections})

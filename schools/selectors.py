from django.shortcuts import get_object_or_404

from .models import School


def school_detail(rbd: int) -> School:
    return get_object_or_404(
        School.objects.select_related("commune__province__region", "commune__slep", "deprov"), rbd=rbd
    )

from wagtail import hooks

from .chooser import school_chooser_viewset


@hooks.register("register_admin_viewset")
def register_school_chooser():
    return school_chooser_viewset

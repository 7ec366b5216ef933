from django import template

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def page_breadcrumbs(context, page):
    """Breadcrumbs from the home page down to ``page`` (one query)."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1)) if page.depth > 2 else []
    return {"request": context.get("request"), "ancestors": ancestors, "current": page.title}


@register.filter
def verbose_name(model) -> str:
    """A model's (translated) verbose name: {{ page.specific_class|verbose_name }}."""
    return model._meta.verbose_name if model is not None else ""

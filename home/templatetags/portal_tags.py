from django import template

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def page_breadcrumbs(context, page):
    """Breadcrumbs from the home page down to ``page`` (one query)."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1)) if page.depth > 2 else []
    return {"request": context.get("request"), "ancestors": ancestors, "current": page.title}

"""/api/search/: the search page's results as JSON, same parameters; and its
OpenAPI description at /api/schema/."""

from django.http import JsonResponse
from django.utils.html import strip_tags

from .backends.base import PER_PAGE, SORTS
from .facets import FACETS
from .query import MAX_QUERY_LENGTH
from .service import autocomplete, search


def search_api(request):
    results = search(request.GET, request.user)
    page = results.page
    return JsonResponse(
        {
            "query": results.query,
            "total": results.total,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "sort": results.sort,
            "suggestion": results.suggestion,
            "notice": results.notice,
            "results": [
                {
                    "type": document.kind,
                    "title": document.title,
                    "url": request.build_absolute_uri(document.url),
                    "summary": document.summary,
                    "snippet_html": str(getattr(document, "snippet", "")),
                    "snippet": strip_tags(str(getattr(document, "snippet", ""))),
                    "published_at": document.published_at.isoformat() if document.published_at else None,
                }
                for document in page.object_list
            ],
            "facets": {
                facet.name: [
                    {
                        "value": option.value,
                        "label": str(option.label),
                        "count": option.count,
                        "selected": option.selected,
                    }
                    for option in options
                ]
                for facet, options in results.result.facets
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


def openapi_schema(request):
    parameters = [
        {
            "name": "q",
            "in": "query",
            "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
            "description": 'Words, "phrases", -excluded words, OR. Accents and case do not matter.',
        },
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(SORTS)}},
        *[
            {"name": facet.name, "in": "query", "schema": {"type": "string"}, "description": str(facet.label)}
            for facet in FACETS
        ],
    ]
    option = {
        "type": "object",
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer"},
            "selected": {"type": "boolean"},
        },
    }
    result = {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": ["network", "practice", "instrument", "session", "school"]},
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "summary": {"type": "string"},
            "snippet": {"type": "string"},
            "snippet_html": {"type": "string", "description": "The snippet with matched words in <mark>"},
            "published_at": {"type": ["string", "null"], "format": "date-time"},
        },
    }
    schema = {
        "openapi": "3.1.0",
        "info": {"title": "Portal RME — búsqueda", "version": "1.0.0"},
        "paths": {
            "/api/search/": {
                "get": {
                    "summary": "Search networks, practices, instruments, sessions and schools",
                    "parameters": parameters,
                    "responses": {
                        "200": {
                            "description": f"Results, {PER_PAGE} per page, with facet counts",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "query": {"type": "string"},
                                            "total": {"type": "integer"},
                                            "page": {"type": "integer"},
                                            "pages": {"type": "integer"},
                                            "sort": {"type": "string"},
                                            "suggestion": {"type": ["string", "null"]},
                                            "notice": {
                                                "type": ["string", "null"],
                                                "description": "Set when the results come from the fallback backend",
                                            },
                                            "results": {"type": "array", "items": result},
                                            "facets": {
                                                "type": "object",
                                                "additionalProperties": {"type": "array", "items": option},
                                            },
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            }
        },
    }
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False})


def autocomplete_api(request):
    """Titles for the search box as the user types."""
    results = [
        {"title": row["title"], "url": row["url"], "type": row["kind"]}
        for row in autocomplete(request.GET.get("q"), request.user)
    ]
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})

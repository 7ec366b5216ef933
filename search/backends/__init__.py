"""Search backends: PostgreSQL (default, always written) and Elasticsearch
(when ELASTICSEARCH_URL is set). Both answer the same interface, base.SearchBackend."""

from django.conf import settings


def elasticsearch_configured() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def get_backend(name: str | None = None):
    """The configured backend, or the one named ("postgres", "elasticsearch")."""
    name = name or ("elasticsearch" if elasticsearch_configured() else "postgres")
    if name == "elasticsearch":
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    from .postgres import PostgresBackend

    return PostgresBackend()

"""Plain text from the data files, in the forms Wagtail fields take."""

from html import escape


def paragraphs(text: str | None) -> str:
    """Plain text with blank-line-separated paragraphs, as rich-text HTML."""
    if not text:
        return ""
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n") if part.strip())


def statements(items: list[str] | None) -> list[tuple[str, str]]:
    return [("item", " ".join(item.split())) for item in items or []]

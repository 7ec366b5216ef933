"""The sessions section of a network's page."""

from networks.sections import network_sections


def _context(network, user) -> dict:
    from .selectors import network_sessions

    return network_sessions(network, user)


def register() -> None:
    network_sections.register("meetings/includes/network_sessions.html", _context, order=10)

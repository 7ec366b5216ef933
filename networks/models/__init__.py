from .coordinators import NetworkCoordinator
from .pages import (
    MemberRole,
    NetworkIndexPage,
    NetworkMembership,
    NetworkPage,
    NetworkParticipant,
    NetworkType,
    ParticipantRole,
)

__all__ = [
    "MemberRole",
    "NetworkCoordinator",
    "NetworkIndexPage",
    "NetworkMembership",
    "NetworkPage",
    "NetworkParticipant",
    "NetworkType",
    "ParticipantRole",
]

from .behaviour import Behaviour, CommunityBehaviour
from .moderation import Flag, ModerationAction
from .thread import Post, PostRevision, Reaction, Thread

__all__ = [
    "Behaviour",
    "CommunityBehaviour",
    "Flag",
    "ModerationAction",
    "Post",
    "PostRevision",
    "Reaction",
    "Thread",
]

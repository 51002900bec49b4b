from discussions.models.behaviour import Behaviour, CommunityBehaviour
from discussions.models.moderation import Flag, ModerationAction
from discussions.models.thread import Post, PostRevision, Reaction, Thread

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

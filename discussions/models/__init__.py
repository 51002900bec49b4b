from discussions.models.behaviour import Behaviour, BehaviourExample, CommunityBehaviour
from discussions.models.moderation import Flag, ModerationAction
from discussions.models.thread import Post, PostRevision, Reaction, Thread

__all__ = [
    "Behaviour",
    "BehaviourExample",
    "CommunityBehaviour",
    "Flag",
    "ModerationAction",
    "Post",
    "PostRevision",
    "Reaction",
    "Thread",
]

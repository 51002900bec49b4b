from .behaviour import Behaviour, CommunityBehaviour
from .thread import Post, PostRevision, Thread

__all__ = ["Behaviour", "CommunityBehaviour", "Post", "PostRevision", "Thread"]

"""Who may read and do what with threads and posts: the ``threads`` and ``posts`` policies.

Each rule is written once over facts (see core/policies.py): the same expression gives
the queryset (``visible``) and the yes/no about one object (``can_view``); the thread rule
itself is ``communities.standing.readable_conversation``, which notifications also apply to
their copies of a thread's flags and to the many people one post may tell. Operators
(staff, superusers) have no reach here beyond their own memberships: they use the admin.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from communities.models import Community, GuestPass
from communities.permissions import can_invite_guests
from communities.standing import StandingIn, StandingRows, readable_conversation
from core.policies import NEVER, Policy, Truth
from discussions.models import Post, Thread

THREAD = GuestPass.Target.THREAD


@dataclass(frozen=True)
class ThreadFacts:
    standing: Any  # the viewer in the thread's community (communities.standing)
    open_to_all: Any  # not for members only
    shown: Any  # not hidden by a gardener
    locked: Any  # takes no more replies
    guest: Any  # the viewer holds a guest pass to this thread


class ThreadPolicy(Policy[Thread]):
    model = Thread
    not_found = "No such thread."

    def rule(self, facts: ThreadFacts) -> Any:
        return readable_conversation(
            facts.standing, open_to_all=facts.open_to_all, shown=facts.shown, guest=facts.guest
        )

    def row_facts(self, user, prefix: str = "") -> ThreadFacts:
        """Facts over thread rows, or over rows that reach their thread through ``prefix``."""
        standing = StandingRows(user, f"{prefix}community")
        return ThreadFacts(
            standing=standing,
            open_to_all=Q(**{f"{prefix}members_only": False}),
            shown=Q(**{f"{prefix}hidden": False}),
            locked=Q(**{f"{prefix}locked": True}),
            guest=standing.guest(THREAD, f"{prefix}pk"),
        )

    def object_facts(self, user, thread: Thread) -> ThreadFacts:
        standing = StandingIn(user, thread.community)
        return ThreadFacts(
            standing=standing,
            open_to_all=Truth(not thread.members_only),
            shown=Truth(not thread.hidden),
            locked=Truth(thread.locked),
            # Asked last by the rule: members and readers never pay for the lookup.
            guest=standing.guest(THREAD, thread.pk),
        )

    # --- what one may do -------------------------------------------------------------

    def can_start(self, user, community: Community) -> bool:
        """Members start threads, unless a gardener silenced them for a while."""
        return bool(StandingIn(user, community).poster)

    def can_reply(self, user, thread: Thread) -> bool:
        """Members who may post, and a guest of this thread who is not a member; a locked
        thread takes replies from gardeners only."""
        f = self.object_facts(user, thread)
        s = f.standing
        writes = s.poster | (~s.member & f.guest)
        return bool(self.rule(f) & writes & (~f.locked | s.gardener))

    def can_accept_answer(self, user, thread: Thread) -> bool:
        """The asker or a gardener recognises the answer that solved it."""
        f = self.object_facts(user, thread)
        asker = Truth(lambda: user.is_authenticated and thread.author_id == user.pk)
        return bool(self.rule(f) & (asker | f.standing.gardener))

    def can_moderate(self, user, thread: Thread) -> bool:
        """Its community's gardeners lock, pin, hide, slow down and move it."""
        f = self.object_facts(user, thread)
        return bool(self.rule(f) & f.standing.gardener)

    def can_invite_guests(self, user, thread: Thread) -> bool:
        return self.can_view(user, thread) and can_invite_guests(user, thread.community)


@dataclass(frozen=True)
class PostFacts:
    thread: ThreadFacts
    shown: Any  # the post itself is not hidden by a gardener
    own: Any  # the viewer wrote it


class PostPolicy(Policy[Post]):
    """A post reads as its thread does; once hidden, its text is for gardeners only."""

    model = Post
    not_found = "No such post."

    def rule(self, facts: PostFacts) -> Any:
        return threads.rule(facts.thread) & (facts.shown | facts.thread.standing.gardener)

    def row_facts(self, user) -> PostFacts:
        signed_in = user is not None and user.is_authenticated
        return PostFacts(
            thread=threads.row_facts(user, prefix="thread__"),
            shown=Q(hidden=False),
            own=Q(author=user) if signed_in else NEVER,
        )

    def object_facts(self, user, post: Post) -> PostFacts:
        return PostFacts(
            thread=threads.object_facts(user, post.thread),
            shown=Truth(not post.hidden),
            own=Truth(lambda: user.is_authenticated and post.author_id == user.pk),
        )

    def can_edit(self, user, post: Post) -> bool:
        """Its author while they may post here (a member, not silenced) and the thread is
        open, and gardeners; edits keep the earlier text."""
        f = self.object_facts(user, post)
        s, thread = f.thread.standing, f.thread
        by_author = f.own & s.poster & ~thread.locked
        return bool(self.rule(f) & (s.gardener | by_author))

    def can_mark_helpful(self, user, post: Post) -> bool:
        """Members mark someone else's visible post helpful."""
        return self._member_on_others(user, post)

    def can_flag(self, user, post: Post) -> bool:
        """Members flag someone else's visible post for the gardeners."""
        return self._member_on_others(user, post)

    def _member_on_others(self, user, post: Post) -> bool:
        f = self.object_facts(user, post)
        return bool(self.rule(f) & f.shown & f.thread.standing.member & ~f.own)


def can_edit_behaviour_examples(user, community: Community) -> bool:
    """Gardeners word the examples their community's thread form shows for each behaviour."""
    return bool(StandingIn(user, community).gardener)


threads = ThreadPolicy()
posts = PostPolicy()

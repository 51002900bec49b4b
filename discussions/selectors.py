"""Reads shared by discussion pages: each a fixed number of queries, whatever the size."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from communities.models import Community, GuestPass
from core.vocabulary import ANSWERABLE
from discussions.models import (
    Behaviour,
    BehaviourExample,
    Flag,
    ModerationAction,
    Post,
    Reaction,
    Thread,
)
from discussions.permissions import threads as thread_policy

POSTS_PER_PAGE = 30


def behaviours_for(community: Community) -> list[Behaviour]:
    """The nine standard behaviours plus the extras this community switched on."""
    extras = community.extra_behaviours.values("behaviour_id")
    return list(Behaviour.objects.filter(Q(is_standard=True) | Q(pk__in=extras)))


def behaviours_with_examples(community: Community) -> list[Behaviour]:
    """``behaviours_for`` with the example each one shows here, in the same one query.

    Each behaviour carries ``own_example`` (the community's text, None when it has not set
    one, "" when a gardener cleared it) and ``shown_example``: that text, else the standard.
    """
    own = BehaviourExample.objects.filter(community=community, behaviour=OuterRef("pk"))
    extras = community.extra_behaviours.values("behaviour_id")
    behaviours = list(
        Behaviour.objects.filter(Q(is_standard=True) | Q(pk__in=extras)).annotate(
            own_example=Subquery(own.values("text")[:1])
        )
    )
    for behaviour in behaviours:
        behaviour.shown_example = behaviour.own_example or behaviour.example
    return behaviours


def threads(
    community: Community,
    *,
    viewer,
    behaviour: str = "",
    tag: str = "",
    unanswered: bool = False,
    mine: bool = False,
    among: set[int] | None = None,
) -> QuerySet[Thread]:
    qs = (
        thread_policy.visible(viewer, Thread.objects.filter(community=community))
        .select_related("author", "last_poster", "community")
        # to_attr: plain lists, so the related managers do not build (and discard) a
        # queryset per row while prefetching; a third of the page's time on 25 rows.
        .prefetch_related(
            Prefetch("behaviours", to_attr="behaviour_list"), Prefetch("tags", to_attr="tag_list")
        )
    )
    if among is not None:  # the threads a figure counted
        qs = qs.filter(pk__in=among)
    if behaviour:
        qs = qs.filter(behaviours__code=behaviour)
    if tag:
        qs = qs.filter(tags__slug=tag)
    if unanswered:
        qs = qs.filter(accepted_answer__isnull=True, behaviours__code__in=ANSWERABLE).distinct()
    if mine and viewer.is_authenticated:
        qs = qs.filter(author=viewer)
    return qs.order_by("-pinned", "-last_activity_at", "-pk")


def thread_page() -> QuerySet[Thread]:
    """Threads as their pages and actions read them; look one up through the policy
    (``get_visible_or_404(threads, user, thread_page(), community__slug=…, pk=…)``): one
    query, since the rule over threads covers their community's visibility as well, and it
    lets a guest of that one thread in where the community is closed to them."""
    return Thread.objects.select_related("author", "community").prefetch_related(
        "behaviours", "tags"
    )


def moved_from(slug: str) -> QuerySet[Thread]:
    """Threads moved out of the community at ``slug``: their old addresses still lead there."""
    moves = ModerationAction.objects.filter(
        kind=ModerationAction.Kind.MOVE, thread=OuterRef("pk"), community__slug=slug
    )
    return thread_page().filter(Exists(moves)).exclude(community__slug=slug)


def page_of_posts(thread: Thread, page_number: int) -> tuple[list[Post], Post | None]:
    """The page's posts and the accepted answer, in one query, each marked ``by_guest``.

    Posts by number range, not OFFSET: page 70 of a 2,000-reply thread costs as page 1.
    """
    first = (page_number - 1) * POSTS_PER_PAGE + 1
    on_page = Q(number__gte=first, number__lt=first + POSTS_PER_PAGE)
    guest = GuestPass.objects.filter(
        target_type=GuestPass.Target.THREAD, target_id=thread.pk, user_id=OuterRef("author_id")
    )
    rows = list(
        Post.objects.filter(on_page | Q(pk=thread.accepted_answer_id), thread=thread)
        .select_related("author")
        .annotate(by_guest=Exists(guest))
        .order_by("number")
    )
    for post in rows:
        post.thread = thread  # already loaded: permission checks on posts then cost no query
    accepted = next((p for p in rows if p.pk == thread.accepted_answer_id), None)
    posts = [p for p in rows if first <= p.number < first + POSTS_PER_PAGE]
    return posts, accepted


def page_count(thread: Thread) -> int:
    return max(1, -(-(thread.reply_count + 1) // POSTS_PER_PAGE))


def page_for_post(number: int) -> int:
    return (number - 1) // POSTS_PER_PAGE + 1


def open_flags(community: Community) -> list:
    """The review queue: flagged posts, each once, with their open flags."""
    flags = (
        Flag.objects.filter(post__thread__community=community, resolved_at=None)
        .select_related("post__thread__community", "post__author", "flagged_by")
        .order_by("created_at")
    )
    by_post: dict[int, dict] = {}
    for flag in flags:
        entry = by_post.setdefault(flag.post_id, {"post": flag.post, "flags": []})
        entry["flags"].append(flag)
    return list(by_post.values())


def moderation_log(community: Community, limit: int = 50):
    return (
        ModerationAction.objects.filter(community=community)
        .select_related("actor", "member", "thread__community", "post__thread__community")
        .order_by("-created_at", "-id")[:limit]
    )


def helpful_marks(viewer, posts) -> set[int]:
    """Which of these posts the viewer marked helpful: one query for the page."""
    if not viewer.is_authenticated:
        return set()
    return set(
        Reaction.objects.filter(
            user=viewer, kind=Reaction.HELPFUL, post__in=[p.pk for p in posts]
        ).values_list("post_id", flat=True)
    )

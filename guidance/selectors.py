from datetime import timedelta

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from communities.models import Activity, Community, Membership
from communities.models.choices import Role
from core.vocabulary import Target
from discussions.models import Post, Thread
from discussions.permissions import threads as thread_policy
from guidance.models import IntroductionThread, WelcomeDismissal

NEWCOMER_DAYS = 14


def _recent_cutoff():
    return timezone.now() - timedelta(days=NEWCOMER_DAYS)


def is_newcomer(membership: Membership | None) -> bool:
    return membership is not None and membership.joined_at >= _recent_cutoff()


def welcome_applies(membership: Membership | None) -> bool:
    return (
        is_newcomer(membership)
        and not WelcomeDismissal.objects.filter(membership=membership).exists()
    )


def newcomers_to_welcome(community: Community, limit: int = 20) -> QuerySet[Membership]:
    """Members who joined in the last two weeks and have had no greeting or reply yet."""
    welcomed = Activity.objects.filter(
        community=community,
        verb=Activity.Verb.WELCOMED,
        target_type=Target.USER,
        target_id=OuterRef("user_id"),
    )
    answered = Post.objects.filter(
        thread__community=community,
        thread__author_id=OuterRef("user_id"),
        hidden=False,
    ).exclude(author_id=OuterRef("user_id"))
    return (
        community.memberships.filter(role=Role.MEMBER, joined_at__gte=_recent_cutoff())
        .filter(~Exists(welcomed), ~Exists(answered))
        .select_related("user")
        .order_by("joined_at")[:limit]
    )


def introduction_thread(community: Community) -> Thread | None:
    link = IntroductionThread.objects.filter(community=community).select_related("thread").first()
    return link.thread if link else None


def useful_threads(community: Community, *, viewer, limit: int = 3) -> list[Thread]:
    """A newcomer's first reading: answered questions and the liveliest conversations."""
    unanswered = ExpressionWrapper(Q(accepted_answer__isnull=True), output_field=BooleanField())
    threads = list(
        thread_policy.visible(
            viewer, Thread.objects.filter(community=community, reply_count__gt=0)
        ).order_by(unanswered, "-reply_count", "-last_activity_at")[:limit]
    )
    for thread in threads:
        thread.community = community  # their links need it: no query per thread
    return threads

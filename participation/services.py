"""Participation levels from the ledger: per-community rules, the nightly recompute and the
refresh after a member's own contribution. The arithmetic lives in participation.rules."""

from dataclasses import asdict
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger import changes as ledger_changes
from communities.models import Activity, Community, Membership, MembershipChange
from communities.services.membership import level_change_rows, set_member_level
from core.errors import ActionError
from core.vocabulary import CONTRIBUTION_VERBS, OWN_VERBS, Target, Verb
from participation.models import LevelRules
from participation.rules import (
    DEFAULT_RULES,
    NEWCOMER_REPLY_WINDOW,
    RULE_FIELDS,
    Row,
    Rules,
    Standing,
    compute_standings,
    next_level,
)

# A person's own first acts: what makes their first thread a newcomer's thread.
ROW_FIELDS = ("actor_id", "verb", "target_type", "target_id", "thread_id", "created_at")


def rules_for(community: Community) -> Rules:
    row = LevelRules.objects.filter(community=community).first()
    if row is None:
        return DEFAULT_RULES
    return Rules(**{name: getattr(row, name) for name in RULE_FIELDS})


def save_level_rules(*, actor, community: Community, **values: int) -> Rules:
    """A gardener sets the community's own thresholds; nonsense is refused, nothing saved."""
    if not permissions.can_manage_community(actor, community):
        raise ActionError(_("Only gardeners can change the level thresholds."), status=404)
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise ActionError(_("Unknown setting: %s.") % ", ".join(sorted(unknown)))
    rules = Rules(**{**asdict(rules_for(community)), **values})
    problems = rules.problems()
    if problems:
        raise ActionError(" ".join(str(p) for p in problems))
    LevelRules.objects.update_or_create(community=community, defaults=asdict(rules))
    return rules


def _rows(queryset) -> list[Row]:
    return [Row(*values) for values in queryset.values_list(*ROW_FIELDS)]


def _first_contributions(community: Community, actor_ids) -> dict[int, datetime]:
    return dict(
        Activity.objects.filter(community=community, verb__in=OWN_VERBS, actor_id__in=actor_ids)
        .values_list("actor_id")
        .annotate(first=Min("created_at"))
        .values_list("actor_id", "first")
    )


def _context_since(rules: Rules, now: datetime) -> datetime:
    # A little before the window: the thread a newcomer started just before it began.
    return now - timedelta(days=rules.window_days) - NEWCOMER_REPLY_WINDOW


def community_standings(
    community: Community, *, now: datetime | None = None, rules: Rules | None = None
) -> dict[int, Standing]:
    """Everyone's standing from the community's ledger: three queries whatever its size."""
    now = now or timezone.now()
    rules = rules or rules_for(community)
    since = _context_since(rules, now)
    ledger = Activity.objects.filter(community=community)
    recent = ledger.filter(created_at__gte=since, created_at__lte=now, verb__in=CONTRIBUTION_VERBS)
    reused = recent.filter(verb__in=[Verb.ASSET_USED, Verb.ASSET_ADAPTED]).values("target_id")
    rows = _rows(
        ledger.filter(
            Q(pk__in=recent.values("pk"))
            | Q(verb=Verb.ASSET_PUBLISHED, target_type=Target.ASSET, target_id__in=reused)
        )
    )
    starters = {r.actor_id for r in rows if r.verb == Verb.THREAD_STARTED}
    return compute_standings(
        rows,
        now=now,
        rules=rules,
        first_contribution=_first_contributions(community, starters),
    )


def member_standing(
    community: Community, user_id: int, *, now: datetime | None = None, rules: Rules | None = None
) -> Standing:
    """One person's standing, reading only the rows about them (for the refresh after an
    action and the "why am I at this level" explanation): four queries."""
    now = now or timezone.now()
    rules = rules or rules_for(community)
    since = _context_since(rules, now)
    ledger = Activity.objects.filter(community=community, created_at__lte=now)
    own = _rows(
        ledger.filter(actor_id=user_id).filter(
            Q(created_at__gte=since, verb__in=CONTRIBUTION_VERBS)
            | Q(verb=Verb.ASSET_PUBLISHED, target_type=Target.ASSET)
        )
    )
    my_threads = {r.thread_id for r in own if r.verb == Verb.THREAD_STARTED and r.thread_id}
    replied_in = {
        r.thread_id for r in own if r.verb in {Verb.REPLIED, Verb.ANSWER_ACCEPTED} and r.thread_id
    }
    my_assets = {r.target_id for r in own if r.verb == Verb.ASSET_PUBLISHED}
    related = Q(pk__in=[])
    if my_threads | replied_in:
        related |= Q(verb=Verb.REPLIED, thread_id__in=my_threads | replied_in)
    if replied_in:
        related |= Q(verb=Verb.THREAD_STARTED, thread_id__in=replied_in)
    if my_assets:
        related |= Q(verb__in=[Verb.ASSET_USED, Verb.ASSET_ADAPTED], target_id__in=my_assets)
    others = _rows(ledger.filter(created_at__gte=since).exclude(actor_id=user_id).filter(related))
    rows = own + others
    starters = {r.actor_id for r in rows if r.verb == Verb.THREAD_STARTED}
    standings = compute_standings(
        rows, now=now, rules=rules, first_contribution=_first_contributions(community, starters)
    )
    return standings.get(user_id, Standing())


def refresh_member_level(*, community_id: int, user_id: int) -> None:
    """After a contribution: promote the actor at once if they earned it (never demote)."""
    membership = (
        Membership.objects.select_related("community", "user")
        .filter(community_id=community_id, user_id=user_id, level_overridden=False)
        .first()
    )
    if membership is None:
        return
    community = membership.community
    rules = rules_for(community)
    standing = member_standing(community, user_id, rules=rules)
    decision = next_level(
        current=membership.level,
        earned=standing.level,
        points=standing.points,
        rules=rules,
        review=False,
        warned=membership.level_review_warned_at is not None,
    )
    if decision.level != membership.level:
        with transaction.atomic():
            set_member_level(membership=membership, level=decision.level, cause="computed")


def activity_recorded(*, activity, **_signal) -> None:
    """A contribution refreshes its actor's level once the action commits."""
    if activity.verb in CONTRIBUTION_VERBS and activity.actor_id is not None:
        transaction.on_commit(
            partial(
                refresh_member_level,
                community_id=activity.community_id,
                user_id=activity.actor_id,
            ),
            robust=True,
        )


def recompute_levels(
    community: Community, *, now: datetime | None = None, review: bool = False
) -> int:
    """Recompute every membership of a community; returns how many levels moved.

    Idempotent and bulk: a fixed number of queries whatever the number of members.
    ``review`` is the monthly demotion review (see participation.next_level).
    """
    now = now or timezone.now()
    rules = rules_for(community)
    standings = community_standings(community, now=now, rules=rules)
    memberships = list(
        Membership.objects.filter(community=community, level_overridden=False).select_related(
            "user", "community"
        )
    )
    moved, warned_changed, changes, activities = [], [], [], []
    for membership in memberships:
        standing = standings.get(membership.user_id, Standing())
        was_warned = membership.level_review_warned_at is not None
        decision = next_level(
            current=membership.level,
            earned=standing.level,
            points=standing.points,
            rules=rules,
            review=review,
            warned=was_warned,
        )
        if decision.warned != was_warned:
            membership.level_review_warned_at = now if decision.warned else None
            warned_changed.append(membership)
        if decision.level == membership.level:
            continue
        change, activity = level_change_rows(
            membership, old=membership.level, new=decision.level, cause="computed"
        )
        membership.level = decision.level
        moved.append(membership)
        changes.append(change)
        activities.append(activity)
    with transaction.atomic():
        Membership.objects.bulk_update(moved, ["level"], batch_size=500)
        Membership.objects.bulk_update(warned_changed, ["level_review_warned_at"], batch_size=500)
        MembershipChange.objects.bulk_create(changes)
        ledger_changes.add_many(a for a in activities if a is not None)
    return len(moved)

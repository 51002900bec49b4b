"""Every change to ledger rows after they are written, each keeping every roll-up in step:
bulk additions, in-place changes, removals, moving a thread's rows, and setting rows'
public and withdrawn flags from what they are about (``republish``). ``record.record_activity``
adds single rows. Bulk ``update``/``delete``/``bulk_create`` on the ledger anywhere else is
refused (``writing.LedgerWriteRefused``); a bulk load (the demo, benchmarks) writes inside
``loading()``, which recounts every community's roll-ups when it ends.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db.models import QuerySet

from communities.ledger import writing
from communities.ledger.recount import kept_in_step, rebuild, refresh_rows
from communities.models import Activity, Community
from communities.models.choices import Visibility
from core import targets
from core.vocabulary import PRIVATE_VERBS

# Beyond this many rows a change recounts its communities whole: cheaper than day by day.
REBUILD_ABOVE = 5000


def add_many(rows: Iterable[Activity]) -> list[Activity]:
    """Save unsaved rows at once (bulk recomputes) and count them in the roll-ups."""
    rows = list(rows)
    if not rows:
        return rows
    with writing.allowed():
        saved = Activity.objects.bulk_create(rows)
    refresh_rows(Activity.objects.filter(pk__in=[row.pk for row in saved]))
    return saved


def change(rows: QuerySet, **fields) -> int:
    """Update rows in place; the days, threads and people they touch are recounted."""
    with kept_in_step(rows), writing.allowed():
        return rows.update(**fields)


def remove(rows: QuerySet) -> int:
    """Delete rows (something taken back, like a helpful mark); the roll-ups follow."""
    with kept_in_step(rows), writing.allowed():
        deleted, _by_model = rows.delete()
    return deleted


def move_thread(*, thread_id: int, to: Community) -> int:
    """A thread's rows and its posts' follow it to another community (its roll-up too)."""
    moved = change(Activity.objects.filter(thread_id=thread_id), community=to)
    republish(Activity.objects.filter(thread_id=thread_id))
    return moved


def _wanted_flags(found: list[tuple]) -> dict[tuple[bool, bool], list[int]]:
    """Which rows need which (public, withdrawn) flags, from their community and target."""
    public_communities = set(
        Community.objects.filter(
            pk__in={row[1] for row in found}, visibility=Visibility.PUBLIC
        ).values_list("pk", flat=True)
    )
    ids: dict[str, set[int]] = defaultdict(set)
    for _pk, _community, _verb, target_type, target_id, _public, _withdrawn in found:
        if target_type:
            ids[target_type].add(target_id)
    standing = {kind: targets.shown(kind, wanted) for kind, wanted in ids.items()}
    wanted: dict[tuple[bool, bool], list[int]] = defaultdict(list)
    for pk, community_id, verb, target_type, target_id, public, withdrawn in found:
        shown = standing.get(target_type, {}).get(target_id)
        if target_type and shown is None:  # its target is gone: it can only close
            shown = targets.Shown(open=public, withdrawn=withdrawn)
        shown = shown or targets.Shown()
        should_be = (
            community_id in public_communities and verb not in PRIVATE_VERBS and shown.open,
            shown.withdrawn,
        )
        if should_be != (public, withdrawn):
            wanted[should_be].append(pk)
    return wanted


def republish(rows: QuerySet) -> int:
    """Set each row's public and withdrawn flags from what it is about, as it stands now
    (a hidden post, a members-only meeting, a community gone private) and from its verb
    (some rows are private whatever they are about). Returns how many rows changed."""
    found = list(
        rows.values_list(
            "pk", "community_id", "verb", "target_type", "target_id", "is_public", "withdrawn"
        )
    )
    wanted = _wanted_flags(found)
    pks = [pk for group in wanted.values() for pk in group]
    if not pks:
        return 0
    touched = Activity.objects.filter(pk__in=pks)
    if len(pks) > REBUILD_ABOVE:
        with writing.allowed():
            for (public, withdrawn), group in wanted.items():
                Activity.objects.filter(pk__in=group).update(is_public=public, withdrawn=withdrawn)
        for community in Community.objects.filter(pk__in={row[1] for row in found}):
            rebuild(community)
        return len(pks)
    with kept_in_step(touched), writing.allowed():
        for (public, withdrawn), group in wanted.items():
            Activity.objects.filter(pk__in=group).update(is_public=public, withdrawn=withdrawn)
    return len(pks)


def republish_community(community: Community) -> int:
    """After a change of visibility: every row of the community gets its flags afresh."""
    return republish(Activity.objects.filter(community=community))


@contextmanager
def loading() -> Iterator[None]:
    """A bulk load (the demo, benchmarks): rows are written and dated directly inside, and
    every community's roll-ups are recounted from the ledger when it ends."""
    with writing.allowed():
        yield
    for community in Community.objects.all():
        rebuild(community)

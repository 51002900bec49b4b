"""The addresses of ledger rows, worked out when read: one query per target type in a
list, whatever its length. A row whose target is gone gets no address (shown as text)."""

from collections import defaultdict
from collections.abc import Iterable

from communities.models import Activity, LedgerThread
from core import targets
from core.vocabulary import Target


def resolve(pairs: Iterable[tuple[str, int | None]]) -> dict[tuple[str, int], str]:
    """``{(target type, id): address}`` for the pairs whose target still exists."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for target_type, target_id in pairs:
        if target_type and target_id is not None:
            wanted[target_type].add(target_id)
    found = {}
    for target_type, ids in wanted.items():
        for target_id, url in targets.resolve(target_type, ids).items():
            found[(target_type, target_id)] = url
    return found


def with_urls(rows: Iterable[Activity]) -> list[Activity]:
    """The rows, each with ``url`` set to its target's address ("" when it is gone)."""
    rows = list(rows)
    found = resolve((row.target_type, row.target_id) for row in rows)
    for row in rows:
        row.url = found.get((row.target_type, row.target_id), "")
    return rows


def with_thread_urls(threads: Iterable[LedgerThread]) -> list[LedgerThread]:
    """Thread roll-ups, each with ``url`` set to its thread's address ("" when it is gone);
    Nones are passed over."""
    threads = [t for t in threads if t is not None]
    found = targets.resolve(Target.THREAD, (t.thread_id for t in threads))
    for thread in threads:
        thread.url = found.get(thread.thread_id, "")
    return threads


def existing(pairs: Iterable[tuple[str, int | None]]) -> set[tuple[str, int]]:
    """The (target type, id) pairs whose target still exists."""
    return set(resolve(pairs))

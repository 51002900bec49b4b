"""Where the things a ledger row is about live: each app tells how to find its own.

The ledger names what a row is about by (target type, id) and never stores an address, so
a renamed community or a moved thread leaves no stale links. Each app registers, in its
AppConfig.ready, one function per target type it owns: given ids, it answers
``{id: address}`` for those that still exist, in a fixed number of queries. An id missing
from the answer is something gone: readers show it as plain text, never as a dead link.
"""

from collections.abc import Callable, Iterable, Mapping

Resolver = Callable[[list[int]], Mapping[int, str]]

_resolvers: dict[str, Resolver] = {}


def register(target_type: str, resolver: Resolver) -> None:
    """Name the function that turns ids of ``target_type`` into addresses."""
    _resolvers[str(target_type)] = resolver


def registered() -> frozenset[str]:
    return frozenset(_resolvers)


def resolve(target_type: str, ids: Iterable[int]) -> dict[int, str]:
    """Addresses of the given ids that still exist (one call, whatever their number)."""
    wanted = sorted({i for i in ids if i is not None})
    resolver = _resolvers.get(str(target_type))
    if resolver is None or not wanted:
        return {}
    return dict(resolver(wanted))

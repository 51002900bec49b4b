"""Where the things a ledger row is about live: each app tells how to find its own.

The ledger names what a row is about by (target type, id) and never stores an address, so
a renamed community or a moved thread leaves no stale links. Each app registers, in its
AppConfig.ready, one function per target type it owns: given ids, it answers
``{id: address}`` for those that still exist, in a fixed number of queries. An id missing
from the answer is something gone: readers show it as plain text, never as a dead link.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple


class Shown(NamedTuple):
    """How a target stands: readable by anyone where its community is public (``open``), and
    taken down by a gardener (``withdrawn``)."""

    open: bool = True
    withdrawn: bool = False


Resolver = Callable[[list[int]], Mapping[int, str]]
Standing = Callable[[list[int]], Mapping[int, Shown]]

_resolvers: dict[str, Resolver] = {}
_standings: dict[str, Standing] = {}


def register(target_type: str, resolver: Resolver, *, shown: Standing | None = None) -> None:
    """Name the function that turns ids of ``target_type`` into addresses and, for targets
    that can be members-only or hidden, the one that says how each stands (``Shown``);
    without it every target of the type is open and never withdrawn."""
    _resolvers[str(target_type)] = resolver
    if shown is not None:
        _standings[str(target_type)] = shown


def registered() -> frozenset[str]:
    return frozenset(_resolvers)


def resolve(target_type: str, ids: Iterable[int]) -> dict[int, str]:
    """Addresses of the given ids that still exist (one call, whatever their number)."""
    wanted = sorted({i for i in ids if i is not None})
    resolver = _resolvers.get(str(target_type))
    if resolver is None or not wanted:
        return {}
    return dict(resolver(wanted))


def shown(target_type: str, ids: Iterable[int]) -> dict[int, Shown]:
    """How each of the given ids that still exists stands (one call, whatever their number)."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    standing = _standings.get(str(target_type))
    if standing is None:
        return dict.fromkeys(resolve(target_type, wanted), Shown())
    return dict(standing(wanted))

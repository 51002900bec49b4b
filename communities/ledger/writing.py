"""Whether ledger rows may be changed in bulk here and now: only inside ``ledger.changes``,
which keeps the roll-ups in step (or a bulk load that recounts them when it ends)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_writing: ContextVar[bool] = ContextVar("ledger_writing", default=False)


class LedgerWriteRefused(RuntimeError):
    """Ledger rows were changed around ``communities.ledger.changes``."""


@contextmanager
def allowed() -> Iterator[None]:
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def require(operation: str) -> None:
    if not _writing.get():
        raise LedgerWriteRefused(
            f"Ledger rows are not changed with {operation}() directly: use "
            "communities.ledger.changes, which keeps the roll-ups in step."
        )

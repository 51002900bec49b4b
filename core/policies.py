"""Permission policies: one object per kind of content, answering every question about it.

A policy (``discussions.permissions.threads``, ``assets.permissions.assets``, …) answers
"may this person view / reply to / edit … this object?" and gives the queryset of what a
person may view, so pages, lists, search, feeds, digests and notifications all ask the
same object and never write a rule of their own.

Each rule is written once, as a function of *facts* combined with ``&`` and ``|``. A
policy reads the facts two ways: as ``Q`` objects over the model's table (the queryset of
``visible(user)``) or as ``Truth`` values about one object (the yes/no of
``can_view(user, obj)``). The two readings cannot drift apart, and tests/permissions/
checks them against each other for every kind of viewer and object.

Views reach objects through ``get_visible_or_404`` and refuse actions with ``require``:
404 for what the person may not see (so its existence does not leak), the site's 403 page
with the reason for what they can see but may not do.
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)

# A fact that holds for no row, for a viewer with no standing at all (the anonymous).
NEVER = Q(pk__in=[])


class Truth:
    """A yes or no worked out only when asked, combined like ``Q`` with ``&``, ``|``, ``~``.

    Read left to right and lazily, like Python's ``and`` and ``or``: a rule written for Q
    objects reads the same over one object, and what is not needed is never looked up
    (a guest-pass lookup written last costs members and readers nothing).
    """

    __slots__ = ("_ask",)

    def __init__(self, ask: Callable[[], Any] | bool):
        self._ask = ask if callable(ask) else (lambda: ask)

    def __bool__(self) -> bool:
        return bool(self._ask())

    def __and__(self, other: "Truth | bool") -> "Truth":
        return Truth(lambda: bool(self) and bool(other))

    def __or__(self, other: "Truth | bool") -> "Truth":
        return Truth(lambda: bool(self) or bool(other))

    def __invert__(self) -> "Truth":
        return Truth(lambda: not self)

    def __repr__(self) -> str:
        return f"Truth({bool(self)})"


class Policy(Generic[M]):
    """The questions every policy answers; subclasses write the rule and its two readings.

    ``rule(facts)`` combines facts with ``&`` and ``|``; ``row_facts(user)`` gives them as
    Q objects over ``model``, ``object_facts(user, obj)`` as Truths about ``obj``.
    """

    model: type[M]
    not_found = "Not found."

    def rule(self, facts: Any) -> Any:
        raise NotImplementedError

    def row_facts(self, user) -> Any:
        raise NotImplementedError

    def object_facts(self, user, obj: M) -> Any:
        raise NotImplementedError

    def base_queryset(self) -> QuerySet[M]:
        return self.model._default_manager.all()

    def visible(self, user, queryset: QuerySet[M] | None = None) -> QuerySet[M]:
        """The objects this person may view, narrowed from ``queryset`` (all by default)."""
        qs = self.base_queryset() if queryset is None else queryset
        return qs.filter(self.rule(self.row_facts(user)))

    def can_view(self, user, obj: M) -> bool:
        return bool(self.rule(self.object_facts(user, obj)))


def get_visible_or_404(policy: Policy[M], user, queryset: QuerySet[M] | None = None, **lookup):
    """The one object matching ``lookup`` among those ``user`` may view; 404 otherwise.

    One query: the visibility rule is part of the lookup's own WHERE clause.
    """
    found = policy.visible(user, queryset).filter(**lookup).first()
    if found is None:
        raise Http404(policy.not_found)
    return found


def require(allowed: bool, reason: str = "") -> None:
    """Refuse what the person can see but may not do: the site's 403 page, with the reason."""
    if not allowed:
        raise PermissionDenied(reason)

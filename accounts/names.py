"""How a person is named: a display name without hidden characters, and ``@username``
beside it wherever someone else goes by the same name."""

import time
import unicodedata

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

# Characters that reorder or hide text, so one name can pose as another.
BIDI_CONTROLS = frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufeff")
HIDDEN = BIDI_CONTROLS | ZERO_WIDTH

# Names shared by two or more people, read at most this often per process, and again
# whenever a person's name is saved here; another process sees a new twin within the minute.
SHARED_NAMES_SECONDS = 60
_shared = {"at": float("-inf"), "names": frozenset()}


def validate_display_name(value: str) -> None:
    found = {ch for ch in value if ch in HIDDEN or unicodedata.category(ch) == "Cc"}
    hidden = sorted(f"U+{ord(ch):04X}" for ch in found)
    if hidden:
        raise ValidationError(
            _(
                "A display name cannot hold invisible or direction-changing characters "
                "(found %(found)s). Type it again without them."
            ),
            params={"found": ", ".join(hidden)},
            code="hidden_characters",
        )


def _key(name: str) -> str:
    return name.lower()


def renew_shared_names(sender=None, update_fields=None, **kwargs) -> None:
    """A name changed here: read the twins again now, while saving, not on the next page."""
    if update_fields is None or {"display_name", "username"} & set(update_fields):
        _shared["at"] = float("-inf")
        shared_names()


def shared_names() -> frozenset[str]:
    """Names (lower case) that more than one person is shown by: one grouped query."""
    if time.monotonic() - _shared["at"] > SHARED_NAMES_SECONDS:
        # accounts.models imports this module: the model is looked up by name.
        people = apps.get_model("accounts", "User")
        shown = Lower(Coalesce(NullIf(F("display_name"), Value("")), F("username")))
        rows = (
            people.objects.annotate(shown=shown)
            .values("shown")
            .annotate(people=Count("id"))
            .filter(people__gt=1)
            .values_list("shown", flat=True)
        )
        _shared.update(names=frozenset(rows), at=time.monotonic())
    return _shared["names"]


def shown_name(display_name: str, username: str) -> str:
    """The display name, or the username; ``@username`` beside a name someone shares."""
    name = display_name or username
    if _key(name) in shared_names():
        return f"{name} (@{username})"
    return name

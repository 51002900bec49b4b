"""A community's own example beside each behaviour: what its gardeners (and the demo) write.

The thread form reads them through ``selectors.behaviours_with_examples``; a behaviour with
no example of the community's shows the standard one.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from communities.models import Community
from core.errors import ActionError
from discussions import permissions
from discussions.models import BehaviourExample
from discussions.models.behaviour import EXAMPLE_MAX
from discussions.selectors import behaviours_for


def clean_example(text: str) -> str:
    """One line of plain text: runs of whitespace (new lines too) become one space."""
    return " ".join(text.split())


def _checked(examples: dict[str, str], codes: set[str]) -> dict[str, str]:
    unknown = sorted(set(examples) - codes)
    if unknown:
        raise ActionError(
            _("This community does not use these behaviours: %s.") % ", ".join(unknown)
        )
    cleaned = {}
    for code, text in examples.items():
        if not isinstance(text, str) or "\x00" in text:
            raise ActionError(_("An example must be plain text."), field=code)
        text = clean_example(text)
        if len(text) > EXAMPLE_MAX:
            raise ActionError(
                _("Keep each example to %(max)d characters (this one has %(count)d).")
                % {"max": EXAMPLE_MAX, "count": len(text)},
                field=code,
            )
        cleaned[code] = text
    return cleaned


def save_behaviour_examples(
    *, actor, community: Community, examples: dict[str, str], keep_existing: bool = False
) -> int:
    """Set the community's examples by behaviour code; returns how many rows changed.

    An empty text means "show the standard example" (kept as an empty row once the
    community had its own, so the choice is remembered). ``keep_existing`` writes only
    behaviours the community has never set, for seeding that must not undo a gardener's
    edits. Nonsense is refused as a whole: nothing is saved.
    """
    if not permissions.can_edit_behaviour_examples(actor, community):
        raise ActionError(_("Only the community's gardeners can change the examples."), status=403)
    behaviours = {b.code: b for b in behaviours_for(community)}
    cleaned = _checked(examples, set(behaviours))
    changed = 0
    with transaction.atomic():
        # One save at a time per community: two first saves must not both insert a row.
        Community.objects.select_for_update().filter(pk=community.pk).first()
        current = {row.behaviour_id: row for row in community.behaviour_examples.all()}
        for code, text in cleaned.items():
            behaviour = behaviours[code]
            row = current.get(behaviour.pk)
            if row is None and (not text or text == behaviour.example):
                continue  # the standard example already shows; nothing of ours to remember
            if row is not None and (keep_existing or row.text == text):
                continue
            BehaviourExample.objects.update_or_create(
                community=community,
                behaviour=behaviour,
                defaults={"text": text, "updated_by": actor},
            )
            changed += 1
    return changed

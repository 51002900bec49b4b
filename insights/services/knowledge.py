"""The gap register: members name what the community does not yet know; gardeners and the
person who raised it track it until threads or assets fill it."""

from django.db import transaction
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger.record import record_activity
from communities.models import Activity, Community
from core.errors import ActionError
from core.vocabulary import Target
from insights.models import Gap
from insights.services.stories import local_link

MAX_LINKS = 10


def raise_gap(
    *, author, community: Community, title: str, description: str = "", source_url: str = ""
) -> Gap:
    if not permissions.can_view_community(author, community):
        raise ActionError(_("No such community."), status=404)
    if not permissions.can_post_in_community(author, community):
        raise ActionError(_("Join the community to register a gap."), status=403)
    title = " ".join(title.split())
    if not title:
        raise ActionError(_("Say what the community lacks."), field="title")
    if len(title) > 200:
        raise ActionError(_("Keep it under 200 characters."), field="title")
    if len(description) > 2000:
        raise ActionError(_("Keep the detail under 2,000 characters."), field="description")
    source = _link(source_url, community, "source_url")
    duplicate = Gap.objects.filter(community=community, title__iexact=title).exclude(
        status=Gap.Status.FILLED
    )
    if duplicate.exists():
        raise ActionError(_("That gap is already in the register."), field="title")
    return Gap.objects.create(
        community=community,
        title=title,
        description=description.strip(),
        raised_by=author,
        source_url=source,
    )


def _link(value: str, community: Community, field: str) -> str:
    try:
        return local_link(value, community)
    except ActionError as error:
        raise ActionError(error.message, field=field) from error


def update_gap(*, actor, gap: Gap, status: str, filled_by: str = "") -> Gap:
    """Move a gap along (open → being worked on → filled) and say what fills it."""
    community = gap.community
    if not permissions.can_view_community(actor, community):
        raise ActionError(_("No such gap."), status=404)
    if not (permissions.can_manage_community(actor, community) or gap.raised_by_id == actor.pk):
        raise ActionError(_("Only a gardener or the person who raised it can update a gap."))
    if status not in Gap.Status.values:
        raise ActionError(_("Choose a valid status."), field="status")
    lines = [line.strip() for line in filled_by.splitlines() if line.strip()]
    if len(lines) > MAX_LINKS:
        raise ActionError(_("Link at most %s threads or assets.") % MAX_LINKS, field="filled_by")
    links = [_link(line, community, "filled_by") for line in lines]
    if status == Gap.Status.FILLED and not links:
        raise ActionError(
            _("Link the thread or asset that fills the gap before marking it filled."),
            field="filled_by",
        )
    with transaction.atomic():
        locked = Gap.objects.select_for_update().get(pk=gap.pk)
        newly_filled = status == Gap.Status.FILLED and locked.status != Gap.Status.FILLED
        locked.status = status
        locked.filled_by = "\n".join(links)
        locked.save(update_fields=["status", "filled_by", "updated_at"])
        already = Activity.objects.filter(
            community=community,
            verb=Activity.Verb.GAP_FILLED,
            target_type=Target.GAP,
            target_id=gap.pk,
        )
        if newly_filled and not already.exists():  # refilling a reopened gap earns nothing
            record_activity(
                community=community,
                actor=actor,
                verb=Activity.Verb.GAP_FILLED,
                target_type=Target.GAP,
                target_id=gap.pk,
                title=locked.title,
            )
    return locked

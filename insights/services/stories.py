"""Members tell short stories of the value the community created for them."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger.record import record_activity
from communities.models import Activity, Community
from core.errors import ActionError
from core.vocabulary import BehaviourCode, Target
from insights.models import ValueStory

STORY_MAX = 1000
REUSING_ASSETS = BehaviourCode.REUSING_ASSETS


def local_link(link: str, community: Community) -> str:
    """A thread, asset or meeting of this community, kept as a local path."""
    link = link.strip()
    if not link:
        return ""
    parts = urlsplit(link)
    site = urlsplit(settings.SITE_URL)
    foreign = parts.scheme not in {"http", "https"} or parts.netloc != site.netloc
    if (parts.scheme or parts.netloc) and foreign:
        raise ActionError(
            _("Link to something in this community on this site (or leave it empty)."),
            field="link",
        )
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith(f"/c/{community.slug}/") or len(path) > 300:
        raise ActionError(
            _("Link to a thread, asset or meeting of %(name)s (or leave it empty).")
            % {"name": community.name},
            field="link",
        )
    return path


def tell_value_story(
    *,
    author,
    community: Community,
    what_happened: str,
    what_changed: str,
    kind: str,
    link: str = "",
) -> ValueStory:
    if not permissions.can_view_community(author, community):
        raise ActionError(_("No such community."), status=404)
    if not permissions.can_post_in_community(author, community):
        raise ActionError(_("Join the community to tell a story of its value."), status=403)
    what_happened, what_changed = what_happened.strip(), what_changed.strip()
    if not what_happened:
        raise ActionError(_("Say what happened."), field="what_happened")
    if not what_changed:
        raise ActionError(_("Say what it changed for you."), field="what_changed")
    for name, text in (("what_happened", what_happened), ("what_changed", what_changed)):
        if len(text) > STORY_MAX:
            raise ActionError(_("Keep it under %s characters.") % f"{STORY_MAX:,}", field=name)
    if kind not in ValueStory.Kind.values:
        raise ActionError(_("Choose the kind of value."), field="kind")
    link = local_link(link, community)
    return _told(
        author=author,
        community=community,
        what_happened=what_happened,
        what_changed=what_changed,
        kind=kind,
        link=link,
    )


def tell_reuse_story(*, author, asset, what_changed: str, adapted: bool) -> ValueStory:
    """The story someone adds to "I used this" or to an adaptation: a value story of the
    asset's community like any other, so the stories page and the value figures count it.

    The library's service has checked that they may report the use; a story about a
    members-only asset is for members only, as the asset is.
    """
    what_happened = (
        _("Adapted “%(title)s” from the library.") if adapted else _("Used “%(title)s”.")
    ) % {"title": asset.title}
    return _told(
        author=author,
        community=asset.community,
        what_happened=what_happened[:STORY_MAX],
        what_changed=what_changed.strip()[:STORY_MAX],
        kind=ValueStory.Kind.APPLIED,
        link=asset.get_absolute_url(),
        members_only=asset.members_only,
        behaviour=REUSING_ASSETS,
    )


def _told(*, author, community, members_only=False, behaviour="", **fields) -> ValueStory:
    with transaction.atomic():
        story = ValueStory.objects.create(
            community=community,
            author=author,
            members_only=members_only,
            created_at=timezone.now(),
            **fields,
        )
        record_activity(
            community=community,
            actor=author,
            verb=Activity.Verb.VALUE_STORY,
            behaviour=behaviour,
            target_type=Target.VALUE_STORY,
            target_id=story.pk,
            title=story.what_happened[:120],
            is_public=not members_only,
            at=story.created_at,
        )
    return story

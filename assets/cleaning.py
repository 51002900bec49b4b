"""Checks on what people give the library, made before anything is written.

Each raises ActionError with the form field it concerns, so a bad value is a message on
the form, never a 500.
"""

import hashlib
from collections.abc import Iterable

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from assets.models import Asset
from assets.models.asset import BODY_MAX, SUMMARY_MAX, TITLE_MAX
from assets.models.reuse import STORY_MAX
from assets.selectors import behaviour_choices
from assets.uploads import CheckedFile, check_link, check_upload
from communities.models import Community
from core.errors import ActionError
from core.markdown import render_markdown
from core.vocabulary import BehaviourCode

MAX_TAGS = 8
NOTE_MAX = 300
# The behaviour an asset serves when its author chooses none: it follows the kind.
REUSE = BehaviourCode.REUSING_ASSETS.value
DOCUMENTING = BehaviourCode.DOCUMENTATION_PROJECTS.value


def behaviour_codes(community: Community) -> set[str]:
    return {code for code, _name in behaviour_choices(community)}


def clean_behaviour(behaviour: str, *, community: Community, kind: str) -> str:
    """One of the behaviours this community uses (the nine and its extras), or the kind's."""
    if not behaviour:
        return DOCUMENTING if kind == Asset.Kind.DOCUMENT else REUSE
    if behaviour not in behaviour_codes(community):
        raise ActionError(_("Choose one of the behaviours this community uses."), field="behaviour")
    return behaviour


def carried_behaviour(behaviour: str, *, into: Community) -> str:
    """An adaptation's behaviour: the original's if the receiving community uses it (an
    extra may not be switched on there), else none, so the kind chooses."""
    return behaviour if behaviour in behaviour_codes(into) else ""


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ActionError(_("Give the asset a title."), field="title")
    if len(title) > TITLE_MAX:
        raise ActionError(_("Keep the title under %s characters.") % TITLE_MAX, field="title")
    return title


def clean_summary(summary: str) -> str:
    summary = (summary or "").strip()
    if len(summary) > SUMMARY_MAX:
        raise ActionError(
            _("Keep the summary under %s characters.") % f"{SUMMARY_MAX:,}", field="summary"
        )
    return summary


def clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body or not strip_tags(render_markdown(body)).strip():
        raise ActionError(_("Write the document's text."), field="body")
    if len(body) > BODY_MAX:
        raise ActionError(
            _("Keep the document under %s characters.") % f"{BODY_MAX:,}", field="body"
        )
    return body


def clean_tags(tags: Iterable[str]) -> list[str]:
    tags = sorted({t.strip().lower()[:50] for t in tags if t.strip()})
    if len(tags) > MAX_TAGS:
        raise ActionError(_("Use at most %s tags.") % MAX_TAGS, field="tags")
    return tags


def clean_note(note: str) -> str:
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise ActionError(
            _("Keep the change note under %s characters.") % NOTE_MAX, field="change_note"
        )
    return note


def version_content(kind: str, *, upload=None, url: str = "", body: str = "") -> dict:
    """Check what a version holds, before anything is written."""
    if kind == Asset.Kind.FILE:
        checked: CheckedFile = check_upload(upload)
        return {
            "checked": checked,
            "filename": checked.filename,
            "content_type": checked.content_type,
            "size": checked.size,
            "sha256": checked.sha256,
        }
    if kind == Asset.Kind.LINK:
        url = check_link(url)
        return {"url": url, "content_type": "text/uri-list"}
    body = clean_body(body)
    data = body.encode()
    return {
        "body": body,
        "content_type": "text/markdown",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def clean_story(story: str) -> str:
    story = (story or "").strip()
    if len(story) > STORY_MAX:
        raise ActionError(
            _("Keep the story under %s characters.") % f"{STORY_MAX:,}", field="story"
        )
    return story

"""Business actions on the library: publish, version, adapt, reuse, cite."""

from collections.abc import Iterable
from contextlib import ExitStack
from datetime import timedelta

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from assets import cleaning
from assets.models import Asset, AssetVersion, Citation, Reuse
from assets.models.asset import Licence
from assets.permissions import assets as asset_policy
from communities import permissions
from communities.ledger.record import record_activity
from communities.models import Activity, Community
from core.errors import ActionError
from core.markdown import render_markdown
from core.vocabulary import Target
from discussions.permissions import threads as thread_policy
from insights.services import tell_reuse_story

# A second identical submission within this window is the same click twice.
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=60)


def _new_version(asset: Asset, *, number: int, author, note: str, content: dict) -> AssetVersion:
    content = dict(content)
    checked = content.pop("checked", None)
    version = AssetVersion(asset=asset, number=number, author=author, change_note=note, **content)
    if checked is not None:
        # The storage picks a random name (upload_to); the person's name is only shown.
        version.file.save(checked.content.name, checked.content, save=False)
    version.save()
    Asset.objects.filter(pk=asset.pk).update(latest_version=version, updated_at=timezone.now())
    asset.latest_version = version
    return version


def _record(asset: Asset, *, actor, verb: str, behaviour: str, title: str = "") -> Activity:
    return record_activity(
        community=asset.community,
        actor=actor,
        verb=verb,
        behaviour=behaviour,
        target_type=Target.ASSET,
        target_id=asset.pk,
        title=title or asset.title,
        is_public=not asset.members_only,
    )


def _refuse_unless_publisher(author, community: Community) -> None:
    if not permissions.can_view_community(author, community):
        raise ActionError(_("No such community."), status=404)
    if not asset_policy.can_publish(author, community):
        raise ActionError(_("Join the community to share in its library."), status=403)


def _checked_terms(community: Community, kind: str, licence: str, visibility: str):
    """The kind, licence and visibility checked; outside a public community, members only."""
    if kind not in Asset.Kind.values:
        raise ActionError(_("Choose whether it is a file, a link or a living document."))
    if licence not in Licence.values:
        raise ActionError(_("Choose a licence from the list."), field="licence")
    if visibility not in Asset.Visibility.values:
        raise ActionError(_("Choose who can see it."), field="visibility")
    if not community.is_public:
        visibility = Asset.Visibility.MEMBERS
    return licence, visibility


def publish_asset(
    *,
    author,
    community: Community,
    title: str,
    kind: str,
    summary: str = "",
    upload=None,
    url: str = "",
    body: str = "",
    tags: Iterable[str] = (),
    behaviour: str = "",
    licence: str = Licence.CC_BY,
    visibility: str = Asset.Visibility.MEMBERS,
    members_can_edit: bool = False,
    change_note: str = "",
    adapted_from: Asset | None = None,
) -> Asset:
    """Put a file, link or living document in a community's library, as its version 1."""
    _refuse_unless_publisher(author, community)
    title = cleaning.clean_title(title)
    summary = cleaning.clean_summary(summary)
    tags = cleaning.clean_tags(tags)
    behaviour = cleaning.clean_behaviour(behaviour, community=community, kind=kind)
    licence, visibility = _checked_terms(community, kind, licence, visibility)
    duplicate = Asset.objects.filter(
        community=community,
        author=author,
        title=title,
        kind=kind,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if duplicate is not None:
        return duplicate
    content = cleaning.version_content(kind, upload=upload, url=url, body=body)
    with transaction.atomic():
        asset = Asset.objects.create(
            community=community,
            author=author,
            title=title,
            summary=summary,
            summary_html=render_markdown(summary) if summary else "",
            kind=kind,
            behaviour=behaviour,
            licence=licence,
            visibility=visibility,
            members_can_edit=members_can_edit and kind == Asset.Kind.DOCUMENT,
            adapted_from=adapted_from,
        )
        if tags:
            asset.tags.set(tags)
        _new_version(
            asset,
            number=1,
            author=author,
            note=cleaning.clean_note(change_note) or _("First version"),
            content=content,
        )
        _record(asset, actor=author, verb=Activity.Verb.ASSET_PUBLISHED, behaviour=behaviour)
    return asset


def add_asset_version(
    *, author, asset: Asset, change_note: str, upload=None, url: str = "", body: str = ""
) -> AssetVersion:
    """A new version; earlier ones stay downloadable."""
    if not asset_policy.can_view(author, asset):
        raise ActionError(_("No such asset."), status=404)
    if not asset_policy.can_add_version(author, asset):
        raise ActionError(
            _("Only the person who shared it, or a gardener, can add a version."), status=403
        )
    note = cleaning.clean_note(change_note)
    if not note:
        raise ActionError(_("Say in a line what changed."), field="change_note")
    content = cleaning.version_content(asset.kind, upload=upload, url=url, body=body)
    latest = asset.latest_version
    if (
        latest is not None
        and latest.author_id == author.pk
        and latest.change_note == note
        and latest.sha256 == content.get("sha256", "")
        and latest.url == content.get("url", "")
        and latest.created_at >= timezone.now() - DOUBLE_SUBMIT_WINDOW
    ):
        return latest  # the same submission twice
    if latest is not None and asset.kind == Asset.Kind.DOCUMENT and latest.body == content["body"]:
        raise ActionError(_("The text is the same as the current version."), field="body")
    try:
        with transaction.atomic():
            # Lock the asset: version numbers stay right when two people save at once.
            locked = Asset.objects.select_for_update().get(pk=asset.pk)
            number = (
                locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
            ) + 1
            version = _new_version(asset, number=number, author=author, note=note, content=content)
            _record(
                asset,
                actor=author,
                verb=Activity.Verb.ASSET_VERSIONED,
                behaviour=cleaning.DOCUMENTING if asset.is_document else asset.behaviour,
                title=f"{asset.title} (v{number})",
            )
    except IntegrityError as error:
        raise ActionError(_("Your version crossed with another; please send it again.")) from error
    return version


def _count_reuse(asset: Asset, field: str) -> None:
    Asset.objects.filter(pk=asset.pk).update(
        **{field: F(field) + 1, "reuse_count": F("reuse_count") + 1}
    )


def record_download(*, user, asset: Asset) -> bool:
    """Count a member's first download of an asset (later ones are free). True if counted."""
    if not user.is_authenticated or not asset_policy.can_view(user, asset):
        return False
    if user.pk == asset.author_id:
        return False  # checking one's own upload is not reuse
    if Reuse.objects.filter(asset=asset, user=user, kind=Reuse.Kind.DOWNLOADED).exists():
        return False
    try:
        with transaction.atomic():
            Reuse.objects.create(asset=asset, user=user, kind=Reuse.Kind.DOWNLOADED)
            _count_reuse(asset, "download_count")
            _record(
                asset, actor=user, verb=Activity.Verb.ASSET_DOWNLOADED, behaviour=cleaning.REUSE
            )
    except IntegrityError:
        return False  # two clicks at once: the other one counted it
    return True


def report_use(*, user, asset: Asset, story: str = "") -> Reuse:
    """ "I used this", optionally with a value story: what it changed in one's practice."""
    if not asset_policy.can_view(user, asset):
        raise ActionError(_("No such asset."), status=404)
    if not asset_policy.can_report_use(user, asset):
        raise ActionError(_("Sign in to say you used it."), status=403)
    story = cleaning.clean_story(story)
    duplicate = Reuse.objects.filter(
        asset=asset,
        user=user,
        kind=Reuse.Kind.USED,
        story=story,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if duplicate is not None:
        return duplicate
    with transaction.atomic():
        reuse = Reuse.objects.create(asset=asset, user=user, kind=Reuse.Kind.USED, story=story)
        _count_reuse(asset, "use_count")
        _record(asset, actor=user, verb=Activity.Verb.ASSET_USED, behaviour=cleaning.REUSE)
        if story:  # a value story like any other: the stories page and figures count it
            tell_reuse_story(author=user, asset=asset, what_changed=story, adapted=False)
    return reuse


def adapt_asset(
    *,
    user,
    asset: Asset,
    community: Community,
    title: str = "",
    summary: str = "",
    change_note: str = "",
    upload=None,
    url: str = "",
    body: str = "",
    story: str = "",
) -> Asset:
    """A new asset made from this one, in a community the person belongs to; lineage kept.

    Without new content the adaptation starts from the source's current version.
    """
    if not asset_policy.can_view(user, asset):
        raise ActionError(_("No such asset."), status=404)
    if not asset_policy.can_adapt_into(user, asset, community):
        raise ActionError(
            _("You can only adapt into a community you belong to."), field="community", status=403
        )
    story = cleaning.clean_story(story)
    existing = Asset.objects.filter(
        adapted_from=asset,
        author=user,
        community=community,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if existing is not None:
        return existing
    source = asset.latest_version
    with ExitStack() as opened:  # the source's file is closed whatever happens
        if asset.kind == Asset.Kind.FILE and upload is None and source is not None:
            upload = opened.enter_context(_source_file(source))
        url = url or (source.url if source else "")
        body = body or (source.body if source else "")
        with transaction.atomic():
            adaptation = publish_asset(
                author=user,
                community=community,
                title=title or _("%(title)s (adapted)") % {"title": asset.title},
                kind=asset.kind,
                summary=summary or asset.summary,
                upload=upload,
                url=url,
                body=body,
                tags=list(asset.tags.names()),
                behaviour=cleaning.carried_behaviour(asset.behaviour, into=community),
                licence=asset.licence,
                visibility=asset.visibility if community.is_public else Asset.Visibility.MEMBERS,
                change_note=change_note or _("Adapted from “%(title)s”") % {"title": asset.title},
                adapted_from=asset,
            )
            _count_adaptation(asset, user=user, adaptation=adaptation, story=story)
    return adaptation


def _source_file(source: AssetVersion) -> File:
    """The source version's file, opened for copying into the adaptation."""
    try:
        handle = source.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise ActionError(_("The original file is missing; ask a gardener.")) from error
    return File(handle, name=source.filename)


def _count_adaptation(asset: Asset, *, user, adaptation: Asset, story: str) -> None:
    """The reuse row, the counter and the ledger: the source's author is credited."""
    Reuse.objects.create(
        asset=asset, user=user, kind=Reuse.Kind.ADAPTED, story=story, adaptation=adaptation
    )
    _count_reuse(asset, "adaptation_count")
    _record(
        asset,
        actor=user,
        verb=Activity.Verb.ASSET_ADAPTED,
        behaviour=cleaning.REUSE,
        title=asset.title,
    )
    if story:
        tell_reuse_story(author=user, asset=asset, what_changed=story, adapted=True)


def _refuse_unless_usable_from(user, thread) -> None:
    if not thread_policy.can_view(user, thread):
        raise ActionError(_("No such thread."), status=404)
    if not asset_policy.can_use_from_thread(user, thread):
        raise ActionError(_("Only the community's members use its library."), status=403)


def cite_asset(*, user, thread, asset: Asset) -> Citation:
    """A thread points at an asset from its own community's library."""
    _refuse_unless_usable_from(user, thread)
    if asset.community_id != thread.community_id or not asset_policy.can_view(user, asset):
        raise ActionError(_("Choose an asset from this community's library."), field="asset")
    citation, _created = Citation.objects.get_or_create(
        thread=thread, asset=asset, defaults={"cited_by": user}
    )
    return citation


def start_living_document(*, user, thread, title: str = "") -> Asset:
    """Turn a documentation-project thread into a living document seeded from its first post."""
    _refuse_unless_usable_from(user, thread)
    existing = (
        Citation.objects.filter(thread=thread, is_origin=True).select_related("asset").first()
    )
    if existing is not None:
        return existing.asset  # one living document per thread; a second click finds it
    first = thread.posts.filter(number=1).first()
    body = first.body if first is not None and not first.hidden else ""
    with transaction.atomic():
        asset = publish_asset(
            author=user,
            community=thread.community,
            title=title or thread.title,
            kind=Asset.Kind.DOCUMENT,
            body=body or thread.title,
            behaviour=cleaning.DOCUMENTING,
            visibility=Asset.Visibility.MEMBERS if thread.members_only else Asset.Visibility.PUBLIC,
            members_can_edit=True,
            change_note=_("Started from the thread"),
        )
        Citation.objects.get_or_create(
            thread=thread, asset=asset, defaults={"cited_by": user, "is_origin": True}
        )
    return asset

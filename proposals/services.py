"""Actions on proposals: propose, edit, withdraw, support, and launch into a community."""

from dataclasses import replace
from html import unescape

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities import services as community_services
from communities.models import Community
from communities.models.choices import JoinPolicy, Level, Stage, Visibility
from communities.models.community import RESERVED_SLUGS
from core.errors import ActionError
from core.markdown import render_markdown
from proposals import tasks
from proposals.models import NOTE_MAX, TEXT_MAX, TITLE_MAX, Proposal, Supporter
from proposals.permissions import proposals as proposal_policy
from rhythm.models import MeetingKind
from rhythm.services import MeetingDetails, create_meeting

EDITABLE_FIELDS = ("title", "domain", "audience", "why_now", "visibility")


def suggested_slug(title: str) -> str:
    """A free web address made from the name, for the launch form to start from."""
    base = slugify(title)[:46].strip("-")
    if not base:
        return ""
    taken = set(Community.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken or candidate in RESERVED_SLUGS:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def plain_text(html: str) -> str:
    """The words of rendered Markdown, for fields the community page shows as plain text."""
    return unescape(strip_tags(html)).strip()


def _clean_fields(fields: dict) -> dict:
    """Trimmed, checked text for a proposal; each refusal names its field."""
    cleaned = {name: (value or "").strip() for name, value in fields.items()}
    if "title" in cleaned:
        if len(cleaned["title"]) < 3:
            raise ActionError(_("A name needs at least three characters."), field="title")
        if len(cleaned["title"]) > TITLE_MAX:
            raise ActionError(
                _("Keep the name under %(max)s characters.") % {"max": TITLE_MAX}, field="title"
            )
    for name, message in (
        ("domain", _("Say what the community would be about.")),
        ("audience", _("Say who it would be for.")),
    ):
        if name in cleaned and not cleaned[name]:
            raise ActionError(message, field=name)
    for name in ("domain", "audience", "why_now"):
        if len(cleaned.get(name, "")) > TEXT_MAX:
            raise ActionError(
                _("Keep this under %(max)s characters.") % {"max": f"{TEXT_MAX:,}"}, field=name
            )
    if "visibility" in cleaned and cleaned["visibility"] not in Visibility.values:
        raise ActionError(_("Choose a valid option."), field="visibility")
    if "domain" in cleaned:
        cleaned["domain_html"] = render_markdown(cleaned["domain"])
    return cleaned


def propose_community(
    *,
    proposer,
    title: str,
    domain: str,
    audience: str,
    why_now: str = "",
    visibility: str = Visibility.PUBLIC,
) -> Proposal:
    """Anyone signed in proposes a community; they are its gardener-to-be."""
    if not proposal_policy.can_propose(proposer):
        raise ActionError(_("Sign in to propose a community."), status=403)
    fields = _clean_fields(
        {
            "title": title,
            "domain": domain,
            "audience": audience,
            "why_now": why_now,
            "visibility": visibility,
        }
    )
    return Proposal.objects.create(proposer=proposer, **fields)


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _refuse_unless_gathering(proposal: Proposal) -> None:
    if proposal.status == Proposal.Status.LAUNCHED:
        raise ActionError(_("This proposal has already been launched."), status=409)
    if proposal.status == Proposal.Status.WITHDRAWN:
        raise ActionError(_("This proposal was withdrawn."), status=409)


def _check_proposer(actor, proposal: Proposal, message: str) -> None:
    if not proposal_policy.can_view(actor, proposal):
        raise ActionError(_("No such proposal."), status=404)
    if not proposal_policy.is_proposer(actor, proposal):
        raise ActionError(message, status=403)


def update_proposal(*, actor, proposal: Proposal, **changes) -> Proposal:
    """The proposer edits the name, domain, audience, why now or future visibility."""
    _check_proposer(actor, proposal, _("Only the person who proposed it can change it."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ActionError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    fields = _clean_fields(changes)
    with transaction.atomic():
        locked = _locked(proposal)
        _refuse_unless_gathering(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
    return locked


def withdraw_proposal(*, actor, proposal: Proposal) -> Proposal:
    """The proposer gives up; supporters' rows stay, so the page still says who cared."""
    _check_proposer(actor, proposal, _("Only the person who proposed it can withdraw it."))
    with transaction.atomic():
        locked = _locked(proposal)
        _refuse_unless_gathering(locked)
        locked.status = Proposal.Status.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return locked


def _refuse_unless_signed_in_and_visible(user, proposal: Proposal) -> None:
    """Not found before not allowed: an outsider learns nothing of a hidden launch."""
    if not proposal_policy.can_view(user, proposal):
        raise ActionError(_("No such proposal."), status=404)
    if not user.is_authenticated:
        raise ActionError(_("Sign in to support a proposal."), status=403)


def support_proposal(*, user, proposal: Proposal, role: str, note: str = "") -> Supporter:
    """Say you would join, or would help run it. Saying it again changes your answer."""
    _refuse_unless_signed_in_and_visible(user, proposal)
    if role not in Supporter.Role.values:
        raise ActionError(_("Choose whether you would join or help run it."), field="role")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ActionError(
            _("Keep the note to one line of %(max)s characters.") % {"max": NOTE_MAX},
            field="note",
        )
    if "\n" in note or "\r" in note:
        raise ActionError(_("Keep the note to one line."), field="note")
    with transaction.atomic():
        locked = _locked(proposal)
        _refuse_unless_gathering(locked)
        if proposal_policy.is_proposer(user, locked):
            raise ActionError(
                _("You proposed it: you will be its gardener when it launches."), status=400
            )
        try:
            with transaction.atomic():
                supporter, _created = Supporter.objects.update_or_create(
                    proposal=locked, user=user, defaults={"role": role, "note": note}
                )
        except IntegrityError as exc:  # a double click raced itself; the first one counts
            raise ActionError(_("Your support is already recorded.")) from exc
    return supporter


def withdraw_support(*, user, proposal: Proposal) -> None:
    _refuse_unless_signed_in_and_visible(user, proposal)
    with transaction.atomic():
        locked = _locked(proposal)
        # After the launch, leaving is done in the community, not here.
        _refuse_unless_gathering(locked)
        deleted, _rows = Supporter.objects.filter(proposal=locked, user=user).delete()
    if not deleted:
        raise ActionError(_("You have not supported this proposal."))


def launch_proposal(
    *,
    actor,
    proposal: Proposal,
    name: str,
    slug: str = "",
    join_policy: str = JoinPolicy.OPEN,
    launch_meeting: MeetingDetails | None = None,
) -> Community:
    """The proposer turns the proposal into a coalescing community.

    They become its gardener; people who would help run it join with their level set to
    core (the core group), everyone else joins as a member; the launch meeting, if any, is
    scheduled; supporters hear of it by email. Claiming the status first makes a double
    submit create one community: the second finds the proposal launched and is refused.
    """
    _check_proposer(actor, proposal, _("Only the person who proposed it can launch it."))
    with transaction.atomic():
        claimed = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.GATHERING).update(
            status=Proposal.Status.LAUNCHED, launched_at=timezone.now()
        )
        if not claimed:
            _refuse_unless_gathering(Proposal.objects.get(pk=proposal.pk))
        proposal.refresh_from_db()
        community = community_services.create_community(
            creator=actor,
            name=name,
            slug=slug,
            concern=plain_text(proposal.domain_html),
            audience=proposal.audience,
            visibility=proposal.visibility,
            join_policy=join_policy,
            stage=Stage.COALESCING,
        )
        proposal.launched_community = community
        proposal.save(update_fields=["launched_community", "updated_at"])
        supporters = proposal.supporters.filter(user__is_active=True).select_related("user")
        for supporter in supporters:
            membership = community_services.add_member(
                actor=actor, community=community, user=supporter.user
            )
            if supporter.role == Supporter.Role.HELP:
                community_services.override_member_level(
                    actor=actor,
                    membership=membership,
                    level=Level.CORE,
                    reason=_("helped launch the community"),
                )
        if launch_meeting is not None:
            series = create_meeting(
                author=actor,
                community=community,
                details=replace(launch_meeting, kind=MeetingKind.LAUNCH),
            )
            if series.starts_at <= timezone.now():  # refused: the whole launch rolls back
                raise ActionError(_("Choose a launch time in the future."), field="day")
        tasks.notify_supporters_of_launch.delay_on_commit(proposal.pk)
    return community

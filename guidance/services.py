"""Actions that help people start well: gardeners launching, newcomers arriving."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger.record import record_activity
from communities.models import Activity, Community, Membership
from communities.models.choices import Role
from core.errors import ActionError
from core.vocabulary import BehaviourCode, Target
from discussions import services as discussions
from discussions.models import Thread
from guidance import selectors
from guidance.models import ChecklistDismissal, IntroductionThread, WelcomeDismissal

WELCOME_MAX = 2000


def _require_gardener(actor, community: Community) -> None:
    if not permissions.can_view_community(actor, community):
        raise ActionError(_("No such community."), status=404)
    if not permissions.can_manage_community(actor, community):
        raise ActionError(_("Only the community's gardeners can do that."), status=403)


def dismiss_checklist(*, actor, community: Community) -> None:
    _require_gardener(actor, community)
    ChecklistDismissal.objects.update_or_create(
        community=community, defaults={"stage": community.stage, "dismissed_by": actor}
    )


def dismiss_welcome(*, member, community: Community) -> None:
    membership = permissions.membership_of(member, community)
    if membership is None:
        raise ActionError(_("No such community."), status=404)
    WelcomeDismissal.objects.get_or_create(membership=membership)


def open_introductions(*, actor, community: Community) -> Thread:
    """The community's introductions thread, started by a gardener on first use."""
    if not permissions.can_post_in_community(actor, community):
        if not permissions.can_view_community(actor, community):
            raise ActionError(_("No such community."), status=404)
        raise ActionError(_("Join the community to introduce yourself."), status=403)
    existing = selectors.introduction_thread(community)
    if existing is not None:
        return existing
    host = community.memberships.filter(role=Role.GARDENER).select_related("user").first()
    try:
        with transaction.atomic():
            thread = discussions.create_thread(
                author=host.user,
                community=community,
                title=_("Introductions: who we are and what we practise"),
                body=_(
                    "Welcome! Say who you are, where you work and what you would like to get "
                    "better at. Reply to someone whose practice is close to yours.\n\n"
                    "*Opened on the gardeners' behalf when the first newcomer asked to "
                    "introduce themselves.*"
                ),
                behaviour_codes=[BehaviourCode.MAPPING_KNOWLEDGE],
                members_only=True,
            )
            IntroductionThread.objects.create(community=community, thread=thread)
    except IntegrityError:  # two newcomers at once: the other request made it
        return selectors.introduction_thread(community)
    return thread


def welcome_newcomer(*, gardener, community: Community, newcomer, message: str = ""):
    """Greet a newcomer by name in the introductions thread; counted in the ledger."""
    _require_gardener(gardener, community)
    membership = Membership.objects.filter(community=community, user=newcomer).first()
    if membership is None:
        raise ActionError(_("That person is not a member here."), status=404)
    message = message.strip()
    if len(message) > WELCOME_MAX:
        raise ActionError(
            _("Keep the welcome under %(max)s characters.") % {"max": WELCOME_MAX},
            field="message",
        )
    thread = open_introductions(actor=gardener, community=community)
    body = f"@{newcomer.username} {message or _('Welcome! We are glad you are here.')}"
    with transaction.atomic():
        # Two gardeners greeting the same person at once: the row lock lets one through.
        Membership.objects.select_for_update().filter(pk=membership.pk).first()
        already = Activity.objects.filter(
            community=community,
            verb=Activity.Verb.WELCOMED,
            target_type=Target.USER,
            target_id=newcomer.pk,
        )
        if already.exists():
            raise ActionError(_("%(name)s has been welcomed already.") % {"name": newcomer.name})
        post = discussions.reply_to_thread(author=gardener, thread=thread, body=body)
        record_activity(
            community=community,
            actor=gardener,
            verb=Activity.Verb.WELCOMED,
            target_type=Target.USER,
            target_id=newcomer.pk,
            title=newcomer.name,
            is_public=False,
        )
    return post

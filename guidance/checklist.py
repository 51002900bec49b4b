"""The gardener's launch checklist, every item ticked from real data, never by hand.

Seeds of a community (potential and coalescing stages) need a clear domain, people, a core
group, a launch and a rhythm, a sponsor, conversations of several kinds and a first shared
asset. Each item says why it matters and links to the page that does it; the help page
lists the same items.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communities.models import Activity, Community, Invitation
from communities.models.choices import Level, Role, Stage
from guidance.models import ChecklistDismissal
from rhythm.models import MeetingKind

EARLY_STAGES = (Stage.POTENTIAL, Stage.COALESCING)
STAGE_ORDER = {stage.value: index for index, stage in enumerate(Stage)}
MIN_PEOPLE = 5
MIN_CORE = 3
MIN_BEHAVIOURS = 3


@dataclass(frozen=True)
class Item:
    key: str
    title: Promise
    why: Promise
    action: Promise


ITEMS = [
    Item(
        "domain",
        _("Write the domain statement"),
        _("People join for what a community cares about: say it, and say who it is for."),
        _("Edit the community"),
    ),
    Item(
        "people",
        _("Invite or welcome at least five people"),
        _("Below a handful of people there is no one to learn from."),
        _("Invite people"),
    ),
    Item(
        "core",
        _("Name a core group of at least three"),
        _("A few people who care enough to keep it going carry it through the first months."),
        _("Set levels and roles"),
    ),
    Item(
        "launch",
        _("Schedule a launch event"),
        _("A launch gives people a moment to meet and a reason to start."),
        _("Schedule the launch"),
    ),
    Item(
        "rhythm",
        _("Agree a regular rhythm"),
        _("Regular meetings are the heartbeat that keeps a community alive between them."),
        _("Schedule a regular meeting"),
    ),
    Item(
        "sponsor",
        _("Name a sponsor"),
        _("Someone with resources who values the community protects its time and budget."),
        _("Set roles"),
    ),
    Item(
        "behaviours",
        _("Start threads of at least three different kinds"),
        _("Asking, sharing experience and documenting together are different ways to learn."),
        _("Start a thread"),
    ),
    Item(
        "asset",
        _("Share a first asset"),
        _("A template or guide others can reuse is the start of a shared repertoire."),
        _("Share something useful"),
    ),
]


@dataclass(frozen=True)
class ChecklistEntry:
    item: Item
    done: bool
    url: str


def checklist_applies(community: Community) -> bool:
    """Shown in the early stages unless dismissed at this stage or a later one."""
    if community.stage not in EARLY_STAGES:
        return False
    dismissal = ChecklistDismissal.objects.filter(community=community).first()
    return dismissal is None or STAGE_ORDER[community.stage] < STAGE_ORDER[dismissal.stage]


def _facts(community: Community) -> dict[str, bool]:
    memberships = community.memberships.all()
    pending_invitations = Invitation.objects.filter(
        community=community, accepted_at=None, revoked_at=None
    )
    core_group = memberships.filter(Q(level=Level.CORE) | Q(role=Role.GARDENER))
    started = Activity.objects.filter(community=community, verb=Activity.Verb.THREAD_STARTED)
    kinds = {
        code for codes in started.values_list("behaviour", flat=True) for code in codes.split()
    }
    series = community.meeting_series.all()
    return {
        "domain": bool(community.concern.strip() and community.audience.strip()),
        "people": memberships.count() + pending_invitations.count() >= MIN_PEOPLE,
        "core": core_group.count() >= MIN_CORE,
        "launch": series.filter(kind=MeetingKind.LAUNCH).exists(),
        "rhythm": series.filter(kind=MeetingKind.REGULAR).exclude(rrule="").exists(),
        "sponsor": memberships.filter(role=Role.SPONSOR).exists(),
        "behaviours": len(kinds) >= MIN_BEHAVIOURS,
        "asset": Activity.objects.filter(
            community=community, verb=Activity.Verb.ASSET_PUBLISHED
        ).exists(),
    }


def launch_checklist(community: Community) -> list[ChecklistEntry]:
    facts = _facts(community)
    slug = {"slug": community.slug}
    urls = {
        "domain": reverse("communities:settings", kwargs=slug),
        "people": reverse("communities:invite", kwargs=slug),
        "core": reverse("communities:people", kwargs=slug),
        "launch": reverse("rhythm:meeting_new", kwargs=slug) + "?kind=launch",
        "rhythm": reverse("rhythm:meeting_new", kwargs=slug) + "?kind=regular",
        "sponsor": reverse("communities:people", kwargs=slug),
        "behaviours": reverse("discussions:new", kwargs=slug),
        "asset": reverse("assets:new", kwargs=slug),
    }
    return [ChecklistEntry(item, facts[item.key], urls[item.key]) for item in ITEMS]

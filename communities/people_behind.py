"""The people lists behind figures on the members page: ``?contributed=1``,
``?newcomers=1``, ``?moved=inward|outward``, ``?from=<level>&to=<level>``, ``?quiet=1`` and
``?back=1`` with a period, ``?role=sponsor`` (the health table's sponsors),
``?level=<level>`` (``&role=member`` for the pyramid, which counts gardeners and sponsors
apart).

The people are the counting rule's own (``communities.counted``); a person counted who is
no longer a member is not listed, and the note says how many more were counted.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from communities import counted
from communities.models import Community
from communities.models.choices import Level, Role
from core.period import Period, PeriodError, parse_period

QUERY = (
    "contributed",
    "newcomers",
    "moved",
    "from",
    "to",
    "quiet",
    "back",
    "level",
    "role",
    "start",
    "end",
)
IN_PERIOD = ("contributed", "newcomers", "quiet", "back")


@dataclass(frozen=True)
class PeopleFilter:
    users: set[int] | None = None  # None: every member
    counted: int = 0
    text: str = ""
    error: str = ""
    level: str = ""
    members_only: bool = False


def people_filter(query, community: Community) -> PeopleFilter:
    level = query.get("level", "")
    level = level if level in Level.values else ""
    members_only = bool(level) and query.get("role") == Role.MEMBER
    moved = query.get("moved", "")
    moved = moved if moved in (counted.INWARD, counted.OUTWARD) else ""
    change = (query.get("from", ""), query.get("to", ""))
    if not moved and change[0] in Level.values and change[1] in Level.values:
        moved = change
    asked = next((name for name in IN_PERIOD if query.get(name) == "1"), "")
    if not (asked or moved):
        if not level and query.get("role") == Role.SPONSOR:
            sponsors = counted.sponsors(community)
            return PeopleFilter(sponsors, len(sponsors), _("the community's sponsors"))
        if not level:
            return PeopleFilter()
        rows = counted.at_level(community, level, members_only=members_only)
        label = Level(level).label
        text = (
            _("members at the level “%(level)s”, gardeners and sponsors counted apart")
            if members_only
            else _("everyone at the level “%(level)s”")
        ) % {"level": label}
        users = set(rows.values_list("user_id", flat=True))
        return PeopleFilter(users, len(users), text, level=level, members_only=members_only)
    try:
        period = parse_period(query.get("start"), query.get("end"))
    except PeriodError as error:
        return PeopleFilter(error=str(error))
    users, text = _in_period(community, period, asked, moved)
    names = {"period": period.describe()}
    if isinstance(moved, tuple):
        names.update(old=Level(moved[0]).label, new=Level(moved[1]).label)
    return PeopleFilter(users, len(users), text % names)


def _in_period(
    community: Community, period: Period, asked: str, moved: str | tuple[str, str]
) -> tuple[set[int], str]:
    """The people a figure about the period counted, and how the list says so."""
    if isinstance(moved, tuple):
        text = _("people who went from “%(old)s” to “%(new)s” %(period)s")
        return counted.level_changes(community, period).get(moved, set()), text
    if moved:
        text = (
            _("people whose level rose %(period)s")
            if moved == counted.INWARD
            else _("people whose level fell %(period)s")
        )
        return counted.level_moves(community, period)[moved], text
    if asked == "contributed":
        return set(counted.contributions(community, period)), _("people who contributed %(period)s")
    if asked == "newcomers":
        rows = counted.newcomers(community, period).values_list("actor_id", flat=True)
        return set(rows), _("newcomers: a first contribution %(period)s")
    rows = counted.went_quiet if asked == "quiet" else counted.came_back
    text = (
        _("regulars (active or core) who made no contribution %(period)s")
        if asked == "quiet"
        else _("people who came back %(period)s after 90 days or more away")
    )
    return set(rows(community, period).values_list("user_id", flat=True)), text

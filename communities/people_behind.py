"""The people lists behind figures on the members page: ``?contributed=1`` and
``?newcomers=1`` with a period, ``?level=<level>`` (``&role=member`` for the pyramid,
which counts gardeners and sponsors apart).

The people are the counting rule's own (``communities.counted``); a person counted who is
no longer a member is not listed, and the note says how many more were counted.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from communities import counted
from communities.models import Community
from communities.models.choices import Level, Role
from core.period import PeriodError, parse_period

QUERY = ("contributed", "newcomers", "level", "role", "start", "end")


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
    if query.get("contributed") != "1" and query.get("newcomers") != "1":
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
    if query.get("contributed") == "1":
        users = set(counted.contributions(community, period))
        text = _("people who contributed %(period)s") % {"period": period.describe()}
    else:
        users = set(counted.newcomers(community, period).values_list("actor_id", flat=True))
        text = _("newcomers: a first contribution %(period)s") % {"period": period.describe()}
    return PeopleFilter(users, len(users), text)

"""The thread lists behind figures: ``?evident=<code>`` and ``?waiting=1`` with a period.

The rows are the counting rule's own (``communities.counted``), shown through the threads
policy, so a list has exactly the threads its figure counted that the viewer may open.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from communities import counted
from core.period import PeriodError, parse_period
from core.vocabulary import Verb

QUERY = ("evident", "waiting", "mapped", "start", "end")


@dataclass(frozen=True)
class FigureFilter:
    ids: list[int] | None  # one per counted row; None: no figure asked for
    text: str = ""
    error: str = ""

    @property
    def counted(self) -> int:
        return len(self.ids or ())

    @property
    def threads(self) -> set[int]:
        return set(self.ids or ())


def figure_filter(query, community, behaviours) -> FigureFilter:
    """Which threads a figure's link asks for; other filters give way to it."""
    evident = query.get("evident", "")
    names = {b.code: b.name for b in behaviours}
    mapped = query.get("mapped", "")
    if mapped in names:  # the knowledge map counts every thread ever started with it
        return FigureFilter(
            ids=counted.mapped_ids(community, mapped, Verb.THREAD_STARTED),
            text=_("threads started about “%(behaviour)s”") % {"behaviour": names[mapped]},
        )
    if evident not in names and query.get("waiting") != "1":
        return FigureFilter(ids=None)
    try:
        period = parse_period(query.get("start"), query.get("end"))
    except PeriodError as error:
        return FigureFilter(ids=None, error=str(error))
    if evident in names:
        rows = counted.evident_threads(community, period, evident)
        text = _("threads where “%(behaviour)s” was evident %(period)s") % {
            "behaviour": names[evident],
            "period": period.describe(),
        }
    else:
        rows = counted.waiting_threads(community, period, timezone.now())
        text = _("threads started %(period)s still waiting for a reply") % {
            "period": period.describe()
        }
    return FigureFilter(ids=counted.thread_ids(rows), text=text)

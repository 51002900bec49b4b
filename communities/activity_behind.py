"""The activity lists behind figures: ledger rows a figure counted, with a period.

``?contributed=1`` (every contribution), ``?verb=<verb>`` (one kind of row: replies,
accepted answers, attendances, answers to invitations...), ``?mapped=<code>`` (the
knowledge map's threads and assets of a behaviour), narrowed by ``&actor=<username>``
(one person's, as the who-answers table counts them), ``&asset=<id>`` (one asset's, as the
asset reuse table counts them) or ``&public=1|0`` (open or members-only spaces). The rows
are the counting rule's own (``communities.counted``).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.names import shown_name
from communities import counted
from communities.models import Activity, Community
from core.period import PeriodError, parse_period
from core.vocabulary import BehaviourCode, Target, Verb

BIGGEST_ID = 2**63 - 1

QUERY = ("contributed", "verb", "mapped", "actor", "asset", "public", "start", "end")
# The kinds of row a figure counts alone, named as the list says them.
LISTED_VERBS = {
    Verb.THREAD_STARTED: gettext_lazy("threads started"),
    Verb.REPLIED: gettext_lazy("replies"),
    Verb.ANSWER_ACCEPTED: gettext_lazy("accepted answers"),
    Verb.ASSET_USED: gettext_lazy("reported uses of assets"),
    Verb.ASSET_ADAPTED: gettext_lazy("adaptations of assets"),
    Verb.ATTENDED: gettext_lazy("attendances at meetings"),
    Verb.RSVP: gettext_lazy("answers to meeting invitations"),
}


@dataclass(frozen=True)
class ActivityFilter:
    rows: QuerySet[Activity] | None = None  # None: no figure asked for
    text: str = ""
    error: str = ""


def _behaviour_name(code: str) -> str:
    """One of the nine by its label; a community's own extra by its code."""
    return str(BehaviourCode(code).label) if code in BehaviourCode.values else code


def activity_filter(query, community: Community) -> ActivityFilter:
    """Which rows a figure's link asks for; other filters give way to it."""
    verb, mapped = query.get("verb", ""), query.get("mapped", "")[:50]
    if query.get("contributed") == "1":
        what = _("contributions")
    elif verb in LISTED_VERBS:
        what = str(LISTED_VERBS[verb])
    elif mapped:
        what = _("threads started and assets published about “%(behaviour)s”") % {
            "behaviour": _behaviour_name(mapped)
        }
    else:
        return ActivityFilter()
    try:
        period = parse_period(query.get("start"), query.get("end"))
    except PeriodError as error:
        return ActivityFilter(error=str(error))
    if query.get("contributed") == "1":
        rows = counted.contributions_made(community, period)
    elif verb in LISTED_VERBS:
        rows = counted.in_period(community, period, [verb])
    else:
        rows = counted.mapped_lately(community, mapped, period)
    actor, public = query.get("actor", ""), query.get("public", "")
    if actor:
        rows = rows.filter(actor__username=actor)
        person = (
            get_user_model()
            .objects.filter(username=actor)
            .values_list("display_name", flat=True)
            .first()
        )
        what = _("%(what)s by %(name)s") % {"what": what, "name": shown_name(person or "", actor)}
    asset = query.get("asset", "")
    if asset:
        if not asset.isdecimal() or int(asset) > BIGGEST_ID:
            return ActivityFilter(error=_("“asset” must be the number of an asset."))
        rows = rows.filter(target_type=Target.ASSET, target_id=int(asset))
        title = rows.values_list("title", flat=True).first()
        what = _("%(what)s of “%(title)s”") % {"what": what, "title": title or asset}
    if public in ("1", "0"):
        rows = rows.filter(is_public=public == "1")
        where = _("in open spaces") if public == "1" else _("in members-only spaces")
        what = f"{what} {where}"
    return ActivityFilter(rows=rows, text=f"{what} {period.describe()}")

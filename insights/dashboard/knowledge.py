"""The knowledge map: which behaviours the community's threads and assets cover, dense or thin.

Read from the ledger (threads started and assets published carry their behaviour codes);
one aggregate query whatever the community's size.
"""

from django.db.models import Count, Q
from django.utils import timezone

from communities.models import Activity, Community
from core.period import Period, default_period
from core.vocabulary import Verb
from insights.dashboard.behaviours import NINE
from insights.models import Gap


def lately(now=None) -> Period:
    """The map's "last 90 days": whole UTC days up to today, the period the activity list
    behind the column is asked for (``counted.mapped_lately``)."""
    return default_period((now or timezone.now()).date())


def knowledge_map(community: Community, *, now=None) -> list[dict]:
    recent = lately(now)
    counts: dict[str, dict[str, int]] = {}
    for row in (
        Activity.objects.filter(
            community=community, verb__in=[Verb.THREAD_STARTED, Verb.ASSET_PUBLISHED]
        )
        .exclude(behaviour="")
        .values("behaviour")
        .annotate(
            threads=Count("pk", filter=Q(verb=Verb.THREAD_STARTED)),
            assets=Count("pk", filter=Q(verb=Verb.ASSET_PUBLISHED)),
            recent=Count("pk", filter=Q(created_at__gte=recent.since, created_at__lt=recent.until)),
        )
    ):
        for code in row["behaviour"].split():
            entry = counts.setdefault(code, {"threads": 0, "assets": 0, "recent": 0})
            for key in ("threads", "assets", "recent"):
                entry[key] += row[key]
    labels = {code: label for code, label, _hint in NINE}
    hints = {code: hint for code, _label, hint in NINE}
    codes = [code for code, _l, _h in NINE] + sorted(set(counts) - set(labels))
    top = max((c["threads"] + c["assets"] for c in counts.values()), default=0) or 1
    rows = []
    for code in codes:
        entry = counts.get(code, {"threads": 0, "assets": 0, "recent": 0})
        total = entry["threads"] + entry["assets"]
        density = "thin" if total <= 1 else ("dense" if total >= top * 0.6 else "some")
        rows.append(
            {
                "code": code,
                "label": labels.get(code, code),
                "hint": hints.get(code, ""),
                "share": round(100 * total / top),
                "density": density,
                **entry,
            }
        )
    return rows


def gap_register(community: Community):
    return Gap.objects.filter(community=community).select_related("raised_by")[:100]

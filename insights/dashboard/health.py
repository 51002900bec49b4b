"""The community's health against the nine design principles (DOMAIN-METRICS.md §3).

Each principle gets a proxy measured from the figures, a status and one line of advice.
Statuses are words ("good", "watch", "act") shown as text, never colour alone.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from communities.models.choices import Level
from insights.dashboard.figures import Figures

GOOD, WATCH, ACT = "good", "watch", "act"


@dataclass(frozen=True)
class Principle:
    number: int
    name: str
    proxy: str
    status: str
    advice: str


@dataclass(frozen=True)
class Measure:
    """What the dashboard measures for one principle, in words (the help page reads these)."""

    name: str
    measured: str
    good_when: str


MEASURES = (
    Measure(
        gettext_lazy("Design for evolution"),
        gettext_lazy(
            "the share of active threads started in the period, and whether the domain "
            "statement was reviewed in the last six months"
        ),
        gettext_lazy("at least 10 % new threads and a recent review"),
    ),
    Measure(
        gettext_lazy("Inside and outside perspectives"),
        gettext_lazy("visit threads with two or more people, and assets adapted, per month"),
        gettext_lazy("at least one a month"),
    ),
    Measure(
        gettext_lazy("Participation at many levels"),
        gettext_lazy("members who moved inward or outward, and the share at the core"),
        gettext_lazy("someone moved inward and the core is at most 30 % of members"),
    ),
    Measure(
        gettext_lazy("Public and private spaces"),
        gettext_lazy("contributions in open spaces and in members-only ones"),
        gettext_lazy("both are used"),
    ),
    Measure(
        gettext_lazy("Focus on value"),
        gettext_lazy("accepted answers, reuses and value stories per active member"),
        gettext_lazy("at least 0.5 per active member"),
    ),
    Measure(
        gettext_lazy("Familiarity and excitement"),
        gettext_lazy(
            "meetings held, and something out of the ordinary: a visit, a documentation "
            "project or news discussed by two or more people"
        ),
        gettext_lazy("two or more meetings and something out of the ordinary"),
    ),
    Measure(
        gettext_lazy("A rhythm"),
        gettext_lazy("the share of weeks with any contribution, and attendance per meeting"),
        gettext_lazy("activity in at least 75 % of weeks"),
    ),
    Measure(
        gettext_lazy("A community gardener"),
        gettext_lazy(
            "a gardener active in the last 14 days, and how long newcomers wait for a reply"
        ),
        gettext_lazy("an active gardener and newcomers answered within 48 hours"),
    ),
    Measure(
        gettext_lazy("Sponsorship"),
        gettext_lazy("whether there is a sponsor and they opened the dashboard lately"),
        gettext_lazy("a sponsor who looked in the last 30 days"),
    ),
)


class Lists:
    """Where each count in a proxy leads: the address of the list behind it (the
    dashboard's own figures' lists), or nowhere when no addresses were given."""

    def __init__(self, hrefs: Mapping[str, str] | None = None):
        self.hrefs = hrefs or {}

    def say(self, text: str, counts: dict) -> str | SafeString:
        """The proxy sentence, each count named in ``hrefs`` a figure link to its list."""
        if not self.hrefs:
            return text % counts
        linked = {
            key: format_html(
                '<a class="figure-link" data-count="{}" href="{}">{}</a>',
                value,
                self.hrefs[key],
                value,
            )
            if key in self.hrefs
            else conditional_escape(value)
            for key, value in counts.items()
        }
        return mark_safe(conditional_escape(text) % linked)  # noqa: S308 (each part escaped)


def _status(good: bool, watch: bool = False) -> str:
    return GOOD if good else (WATCH if watch else ACT)


def _evolution(f: Figures, now: datetime, lists: Lists) -> Principle:
    """1. Design for evolution: new themes, and a domain statement kept fresh."""
    new_share = round(100 * f.new_threads / f.active_threads) if f.active_threads else 0
    reviewed = f.domain_reviewed_at is not None and f.domain_reviewed_at >= now - timedelta(
        days=183
    )
    return Principle(
        1,
        str(MEASURES[0].name),
        _("%(share)s %% of active threads were started in the period; domain statement %(r)s.")
        % {"share": new_share, "r": _("reviewed") if reviewed else _("not reviewed lately")},
        _status(new_share >= 10 and reviewed, new_share >= 10 or reviewed),
        _("Revisit “what we care about” with the members and welcome new themes.")
        if not reviewed
        else _("Keep inviting new topics alongside the familiar ones."),
    )


def _inside_and_outside(f: Figures, now: datetime, lists: Lists) -> Principle:
    """2. Dialogue between inside and outside: visits and adaptations."""
    months = f.period.months()
    visits = f.conversations["visits"]
    outside = visits + f.adaptations
    return Principle(
        2,
        str(MEASURES[1].name),
        lists.say(
            _("%(v)s visit threads and %(a)s adaptations in the period (%(m)s per month)."),
            {"v": visits, "a": f.adaptations, "m": f"{outside / months:.1f}"},
        ),
        _status(outside / months >= 1, outside > 0),
        _("Invite a guest, or propose a visit to another team's workplace."),
    )


def _levels(f: Figures, now: datetime, lists: Lists) -> Principle:
    """3. Different levels of participation: movement inward, a core that is not everyone."""
    shares = {row["level"]: row["share"] for row in f.pyramid}
    return Principle(
        3,
        str(MEASURES[2].name),
        lists.say(
            _("%(in)s moved inward, %(out)s outward; core is %(core)s %% of members."),
            {"in": f.moved_inward, "out": f.moved_outward, "core": shares.get(Level.CORE, 0)},
        ),
        _status(
            f.moved_inward > 0 and shares.get(Level.CORE, 0) <= 30,
            f.moved_inward > 0 or shares.get(Level.CORE, 0) <= 30,
        ),
        _("Give occasional members a small, visible job: answering one question helps."),
    )


def _public_and_private(f: Figures, now: datetime, lists: Lists) -> Principle:
    """4. Public and private spaces, both in use."""
    return Principle(
        4,
        str(MEASURES[3].name),
        lists.say(
            _("%(pub)s contributions in open spaces, %(priv)s in members-only ones."),
            {"pub": f.public_rows, "priv": f.private_rows},
        ),
        _status(f.public_rows > 0 and f.private_rows > 0, f.public_rows + f.private_rows > 0),
        _("Offer both: open threads for everyone and a members-only space for candour."),
    )


def _value(f: Figures, now: datetime, lists: Lists) -> Principle:
    """5. Focus on value: answers, reuse and stories per active member."""
    value_acts = f.accepted_answers + f.reuse_count + f.adaptations + f.stories_told
    per_active = round(value_acts / f.active_members, 2) if f.active_members else 0.0
    return Principle(
        5,
        str(MEASURES[4].name),
        lists.say(
            _(
                "%(acc)s accepted answers, %(used)s reported uses, %(adapted)s adaptations and "
                "%(told)s value stories: %(p)s per active member."
            ),
            {
                "acc": f.accepted_answers,
                "used": f.reuse_count,
                "adapted": f.adaptations,
                "told": f.stories_told,
                "p": per_active,
            },
        ),
        _status(per_active >= 0.5, per_active >= 0.25),
        _("After a good answer or a reuse, ask for a one-line value story."),
    )


def _familiar_and_stimulating(f: Figures, now: datetime, lists: Lists) -> Principle:
    """6. Familiarity and excitement: the regular meeting, and something out of the ordinary."""
    said = _(
        "%(held)s meetings held; %(s)s something out of the ordinary (a visit, a project, news)."
    )
    stimulating = any(
        f.conversations[code]
        for code in ("visits", "documentation-projects", "discussing-developments")
    )
    return Principle(
        6,
        str(MEASURES[5].name),
        lists.say(
            said,
            {"held": f.rhythm["held"], "s": _("with") if stimulating else _("without")},
        ),
        _status(f.rhythm["held"] >= 2 and stimulating, f.rhythm["held"] >= 2 or stimulating),
        _("Keep the regular meeting and add a special event: a launch, a visit, a workshop."),
    )


def _rhythm(f: Figures, now: datetime, lists: Lists) -> Principle:
    """7. A rhythm: activity most weeks."""
    weeks_active = sum(1 for w in f.weeks if w.contributions)
    week_share = round(100 * weeks_active / len(f.weeks)) if f.weeks else 0
    return Principle(
        7,
        str(MEASURES[6].name),
        _("Activity in %(share)s %% of weeks; %(per)s attendees per meeting held.")
        % {
            "share": week_share,
            "per": f.rhythm["per_meeting"] if f.rhythm["per_meeting"] is not None else "—",
        },
        _status(week_share >= 75, week_share >= 50),
        _("Set a steady beat: a fixed meeting slot and a short weekly prompt between."),
    )


def _gardener(f: Figures, now: datetime, lists: Lists) -> Principle:
    """8. A gardener: present lately, and newcomers answered fast."""
    gardener_recent = f.gardener_last_active is not None and (
        f.gardener_last_active >= now - timedelta(days=14)
    )
    response = f.median_first_response_hours
    return Principle(
        8,
        str(MEASURES[7].name),
        _("Gardener %(g)s in the last 14 days; newcomers' median wait for a reply: %(w)s.")
        % {
            "g": _("active") if gardener_recent else _("not active"),
            "w": _("%s hours") % response if response is not None else _("no newcomer threads"),
        },
        _status(
            gardener_recent and (response is None or response < 48),
            gardener_recent or (response is not None and response < 48),
        ),
        _("Answer newcomers within two days; share gardening among two or three people."),
    )


def _sponsor(f: Figures, now: datetime, lists: Lists) -> Principle:
    """9. A sponsor who looks."""
    sponsor_seen = f.sponsor_last_seen is not None and f.sponsor_last_seen >= now - timedelta(
        days=30
    )
    return Principle(
        9,
        str(MEASURES[8].name),
        lists.say(
            ngettext(
                "%(sponsors)s sponsor; dashboard %(seen)s in the last 30 days.",
                "%(sponsors)s sponsors; dashboard %(seen)s in the last 30 days.",
                f.sponsors,
            ),
            {"sponsors": f.sponsors, "seen": _("opened") if sponsor_seen else _("not opened")},
        ),
        _status(f.sponsors > 0 and sponsor_seen, f.sponsors > 0),
        _("Name a sponsor and send them one value story a month."),
    )


PRINCIPLES = (
    _evolution,
    _inside_and_outside,
    _levels,
    _public_and_private,
    _value,
    _familiar_and_stimulating,
    _rhythm,
    _gardener,
    _sponsor,
)


def assess(
    figures: Figures, *, now: datetime, hrefs: Mapping[str, str] | None = None
) -> list[Principle]:
    """The nine design principles, each read from the period's figures; with ``hrefs``
    (proxy key: list address) each count so named links to the list behind it."""
    lists = Lists(hrefs)
    return [principle(figures, now, lists) for principle in PRINCIPLES]

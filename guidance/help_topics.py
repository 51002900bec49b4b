"""The help pages: the ideas behind copsite, explained where people meet them.

Topics are data so the index, the pages and the site search share one list. Anything a
page states about the code (behaviours, checklist items, level thresholds) is read from
the code itself, so the help cannot drift from what the platform does.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    keywords: str = ""

    @property
    def template(self) -> str:
        return f"guidance/help/{self.slug}.html"


TOPICS = [
    Topic(
        "communities-of-practice",
        _("What a community of practice is"),
        _("People who do the same kind of work and get better at it by learning together."),
        "domain community practice repertoire lifecycle stage potential coalescing maturing",
    ),
    Topic(
        "behaviours",
        _("Nine ways a community learns"),
        _("Why every thread says what kind of learning it is, with examples of each."),
        "behaviour problem solving request information experience reuse asset coordination "
        "synergy developments documentation visit mapping knowledge gap confidence thread",
    ),
    Topic(
        "participation",
        _("From the edge to the core: participation levels"),
        _("How levels are earned from what people contribute, and why the edge is legitimate."),
        "level participation peripheral occasional active core resting points ladder "
        "trajectory threshold earn",
    ),
    Topic(
        "design-principles",
        _("Nine principles of a living community"),
        _("What keeps a community alive, and what the dashboard measures for each principle."),
        "principle health dashboard sponsor rhythm gardener value evolution public private "
        "inside outside",
    ),
    Topic(
        "roles",
        _("Members, gardeners and sponsors"),
        _("Who does what in a community, and what each role can see and do."),
        "role member gardener sponsor moderate invite dashboard coordinator",
    ),
    Topic(
        "starting-a-community",
        _("Starting a community well"),
        _("The launch checklist: what a new community needs in its first months, and why."),
        "launch checklist start new community gardener core group sponsor rhythm newcomer "
        "welcome introductions propose proposal",
    ),
]

BY_SLUG = {topic.slug: topic for topic in TOPICS}


def matching(query: str) -> list[Topic]:
    """Topics whose words contain every word of the query (a handful of pages: no index)."""
    words = query.lower().split()
    if not words:
        return []
    return [
        topic
        for topic in TOPICS
        if all(word in f"{topic.title} {topic.summary} {topic.keywords}".lower() for word in words)
    ]

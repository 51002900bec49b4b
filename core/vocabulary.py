"""The words the site is written in: what people did (verbs), to what (targets), and the
behaviours a conversation or an asset serves (behaviour codes).

Every app that records or reads activity uses these enums, never bare strings, so a typo
is an import error rather than a figure that silently counts nothing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    """What a ledger row records."""

    JOINED = "joined", _("joined")
    LEFT = "left", _("left")
    ROLE_CHANGED = "role_changed", _("role changed")
    LEVEL_CHANGED = "level_changed", _("level changed")
    COMMUNITY_CREATED = "community_created", _("started the community")
    COMMUNITY_UPDATED = "community_updated", _("updated the community")
    THREAD_STARTED = "thread_started", _("started a thread")
    REPLIED = "replied", _("replied")
    ANSWER_ACCEPTED = "answer_accepted", _("had an answer accepted")
    MARKED_HELPFUL = "marked_helpful", _("found a post helpful")
    # The other side of a helpful mark: the author's contribution, counted toward levels.
    HELPFUL_RECEIVED = "helpful_received", _("had a post found helpful")
    FLAG_RESOLVED = "flag_resolved", _("resolved a flag")
    WELCOMED = "welcomed", _("welcomed a newcomer")
    # An invited outsider's reply: the dialogue between inside and outside perspectives.
    GUEST_REPLIED = "guest_replied", _("replied as a guest")
    GUEST_INVITED = "guest_invited", _("invited a guest")
    ASSET_PUBLISHED = "asset_published", _("published an asset")
    ASSET_VERSIONED = "asset_versioned", _("published a new version")
    ASSET_DOWNLOADED = "asset_downloaded", _("downloaded an asset")
    ASSET_ADAPTED = "asset_adapted", _("adapted an asset")
    ASSET_USED = "asset_used", _("reported using an asset")
    RSVP = "rsvp", _("answered an invitation to a meeting")
    ATTENDED = "attended", _("attended a meeting")
    VALUE_STORY = "value_story", _("told a value story")
    MEETING_HOSTED = "meeting_hosted", _("hosted a meeting")
    GAP_FILLED = "gap_filled", _("filled a gap in the knowledge map")


class Target(models.TextChoices):
    """What a ledger row (or a guest pass) is about."""

    COMMUNITY = "community", _("community")
    MEMBERSHIP = "membership", _("membership")
    USER = "user", _("person")
    THREAD = "thread", _("thread")
    POST = "post", _("post")
    ASSET = "asset", _("asset")
    MEETING = "meeting", _("meeting")
    # One occurrence of a meeting series (attendance is recorded per occurrence).
    MEETING_OCCURRENCE = "meeting-occurrence", _("meeting occurrence")
    GAP = "gap", _("gap")
    VALUE_STORY = "value_story", _("value story")


class BehaviourCode(models.TextChoices):
    """Wenger's nine behaviours, by the codes the behaviours table (discussions) is keyed on.

    The table stays the source of each behaviour's name and explanation, and holds the
    extras a community may switch on beside these (e.g. "growing-confidence"); the labels
    here serve pages that cannot read it. The order is the seeded order.
    """

    PROBLEM_SOLVING = "problem-solving", _("Problem solving")
    REQUESTS_FOR_INFORMATION = "requests-for-information", _("Requests for information")
    SEEKING_EXPERIENCE = "seeking-experience", _("Seeking experience")
    REUSING_ASSETS = "reusing-assets", _("Reusing assets")
    COORDINATION = "coordination-and-synergy", _("Coordination and synergy")
    DISCUSSING_DEVELOPMENTS = "discussing-developments", _("Discussing developments")
    DOCUMENTATION_PROJECTS = "documentation-projects", _("Documentation projects")
    VISITS = "visits", _("Visits")
    MAPPING_KNOWLEDGE = "mapping-knowledge", _("Mapping knowledge and identifying gaps")


# The nine codes in their seeded order, and the ones whose threads can be marked answered.
NINE = tuple(BehaviourCode)
ANSWERABLE = frozenset({BehaviourCode.PROBLEM_SOLVING, BehaviourCode.REQUESTS_FOR_INFORMATION})


# Ledger verbs that can earn participation points (some earn them for another person: reuse
# credits the asset's author). The roll-ups count them per person per week and month.
CONTRIBUTION_VERBS = frozenset(
    {
        Verb.THREAD_STARTED,
        Verb.REPLIED,
        Verb.ANSWER_ACCEPTED,
        Verb.HELPFUL_RECEIVED,
        Verb.ASSET_PUBLISHED,
        Verb.ASSET_VERSIONED,
        Verb.ASSET_USED,
        Verb.ASSET_ADAPTED,
        Verb.ATTENDED,
        Verb.VALUE_STORY,
        Verb.MEETING_HOSTED,
        Verb.GAP_FILLED,
    }
)
# A person's own contributions: the first one ever makes them a newcomer of its period.
OWN_VERBS = frozenset(
    {Verb.THREAD_STARTED, Verb.REPLIED, Verb.ASSET_PUBLISHED, Verb.VALUE_STORY, Verb.ATTENDED}
)
# Rows only the community's members read, whatever they are about: feeds never show them.
PRIVATE_VERBS = frozenset(
    {
        Verb.ROLE_CHANGED,
        Verb.LEVEL_CHANGED,
        Verb.GUEST_INVITED,
        Verb.WELCOMED,
        Verb.MARKED_HELPFUL,
        Verb.HELPFUL_RECEIVED,
        Verb.FLAG_RESOLVED,
    }
)
# The rows that make up a thread's story: folded per thread by the roll-ups.
THREAD_VERBS = frozenset({Verb.THREAD_STARTED, Verb.REPLIED, Verb.ANSWER_ACCEPTED})

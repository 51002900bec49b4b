from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Activity(models.Model):
    """The activity ledger: one row per action worth counting.

    Levels, dashboards, digests and feeds read this table and never reach into the
    discussions or assets tables, so those apps stay independent of each other.
    """

    class Verb(models.TextChoices):
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

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="activities"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="activities"
    )
    verb = models.CharField(max_length=32, choices=Verb.choices)
    # Behaviour codes (discussions.Behaviour.code), space-separated when a thread has several;
    # plain strings keep this app independent of discussions. Read with ``behaviour_codes``.
    behaviour = models.CharField(max_length=200, blank=True)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=300, blank=True)
    # False for members-only content: feeds and public pages show only public rows.
    is_public = models.BooleanField(default=True)
    # Hidden by a gardener: kept for the record, shown in lists to gardeners only.
    withdrawn = models.BooleanField(default=False)
    created_at = models.DateTimeField(db_index=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["community", "created_at"], name="activity_community_time"),
            models.Index(fields=["actor", "created_at"], name="activity_actor_time"),
            # The dashboard's rarer verbs (meetings, reuse, reviews) without reading the rest;
            # the meeting and reuse counts come from the index alone.
            models.Index(
                fields=["community", "verb", "created_at"],
                include=["target_id", "actor"],
                name="activity_verb_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_verb_display()} ({self.community})"

    @property
    def behaviour_codes(self) -> list[str]:
        return self.behaviour.split()

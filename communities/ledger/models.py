from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.ledger import writing
from core.vocabulary import Target, Verb


class LedgerQuerySet(models.QuerySet):
    """Bulk changes to ledger rows go through ``ledger.changes`` (roll-ups kept in step)."""

    def update(self, **kwargs):
        writing.require("update")
        return super().update(**kwargs)

    def delete(self):
        writing.require("delete")
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        writing.require("bulk_create")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        writing.require("bulk_update")
        return super().bulk_update(objs, *args, **kwargs)


class Activity(models.Model):
    """The activity ledger: one row per action worth counting.

    Levels, dashboards, digests and feeds read this table and never reach into the
    discussions or assets tables, so those apps stay independent of each other.
    """

    # Kept on the model too, so ``Activity.Verb.REPLIED`` reads naturally at call sites.
    Verb = Verb

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
    # The thread a row about a thread or one of its posts belongs to (a thread's own row
    # carries its id): the roll-ups fold threads by it, and a moved thread takes its rows.
    thread_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200, blank=True)
    # False for members-only content: feeds and public pages show only public rows.
    is_public = models.BooleanField(default=True)
    # Hidden by a gardener: kept for the record, shown in lists to gardeners only.
    withdrawn = models.BooleanField(default=False)
    created_at = models.DateTimeField(db_index=False)

    objects = LedgerQuerySet.as_manager()

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
            models.Index(fields=["target_type", "target_id"], name="activity_target"),
            models.Index(fields=["thread_id"], name="activity_thread"),
        ]

    # No address is stored: ``ledger.addresses.with_urls`` sets it when a list is read.
    url = ""

    def __str__(self) -> str:
        return f"{self.actor} {self.get_verb_display()} ({self.community})"

    @property
    def behaviour_codes(self) -> list[str]:
        return self.behaviour.split()

    @property
    def shows_title(self) -> bool:
        """Whether an activity list names what the row is about: a join or a leave says it all."""
        return bool(self.title) and self.verb not in {Verb.JOINED, Verb.LEFT}

    @property
    def is_about_community(self) -> bool:
        return self.target_type == Target.COMMUNITY


class LedgerDay(models.Model):
    """Ledger rows counted per (community, UTC day, actor, verb, public or not).

    Derived data: ``communities.rollups`` keeps it in step with the ledger and can rebuild
    it. The dashboard reads weeks, months and distinct contributors from here instead of
    counting every ledger row of the period. Withdrawn rows count, as they do in the ledger
    totals; rows without an actor get a row each (NULLs never clash), which sums the same.
    """

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verb = models.CharField(max_length=32)
    is_public = models.BooleanField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "day", "actor", "verb", "is_public"],
                name="ledger_day_unique",
            )
        ]
        indexes = [
            models.Index(fields=["community", "actor", "day"], name="ledger_day_actor"),
            # "Who answers": one verb's people over the period, from the index alone.
            models.Index(
                fields=["community", "verb", "day"],
                include=["actor", "count"],
                name="ledger_day_verb",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.verb}: {self.count}"


class LedgerVerbDay(models.Model):
    """Ledger rows counted per (community, UTC day, verb, public or not), everyone together:
    the period's totals and the weekly columns read a few rows a day instead of one per
    person. Derived from ``LedgerDay`` and kept in step with it."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    verb = models.CharField(max_length=32)
    is_public = models.BooleanField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "day", "verb", "is_public"], name="ledger_verb_day_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.verb}: {self.count}"


class LedgerThread(models.Model):
    """One conversation, folded from its non-withdrawn thread rows in the ledger.

    ``conversation_at`` is when a second person first took part: from then on the thread
    shows its behaviours as practised, not only asked about.
    """

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    thread_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200, blank=True)
    starter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True)
    first_actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    first_response_at = models.DateTimeField(null=True)
    accepted_at = models.DateTimeField(null=True)
    conversation_at = models.DateTimeField(null=True)
    behaviour = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            # One row per thread, wherever it has moved.
            models.UniqueConstraint(fields=["thread_id"], name="ledger_thread_unique")
        ]
        indexes = [
            # Threads alive in a period and their behaviours, from the index alone.
            models.Index(
                fields=["community", "last_at"],
                include=["first_at", "started_at", "conversation_at", "behaviour"],
                name="ledger_thread_last",
            ),
            models.Index(fields=["community", "started_at"], name="ledger_thread_started"),
        ]

    # No address is stored: ``ledger.addresses.with_thread_urls`` sets it when read.
    url = ""

    def __str__(self) -> str:
        return self.title or f"thread {self.thread_id}"

    @property
    def behaviours(self) -> set[str]:
        return set(self.behaviour.split())


class LedgerFirst(models.Model):
    """When each person first contributed something of their own to a community (thread,
    reply, asset, story, attendance): newcomers of a period are an index lookup."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    first_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "actor"], name="ledger_first_unique")
        ]
        indexes = [models.Index(fields=["community", "first_at"], name="ledger_first_time")]

    def __str__(self) -> str:
        return f"{self.actor_id} since {self.first_at:%Y-%m-%d}"


class LedgerWeek(models.Model):
    """Each person's contributions per (community, ISO week starting Monday): distinct
    contributors of a week are a row count, and full weeks stand in for their days."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "week", "actor"], name="ledger_week_unique"
            )
        ]
        # A span's people and sums from the index alone (a unique constraint with
        # included columns would be dropped on SQLite, and the upsert needs it).
        indexes = [
            models.Index(
                fields=["community", "week"], include=["actor", "count"], name="ledger_week_people"
            )
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.actor_id}: {self.count}"


class LedgerMonth(models.Model):
    """Each person's contributions per (community, calendar month): monthly active members."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "month", "actor"], name="ledger_month_unique"
            )
        ]
        # A span's people and sums from the index alone (a unique constraint with
        # included columns would be dropped on SQLite, and the upsert needs it).
        indexes = [
            models.Index(
                fields=["community", "month"],
                include=["actor", "count"],
                name="ledger_month_people",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.actor_id}: {self.count}"

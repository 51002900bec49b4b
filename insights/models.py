"""What the community knows it lacks (gaps), and what it says it made possible (stories)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.markdown import render_markdown


class Gap(models.Model):
    """An item in the gap register: something the community knows it does not yet know."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        WORKING = "working", _("Being worked on")
        FILLED = "filled", _("Filled")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="gaps"
    )
    title = models.CharField(_("what we lack"), max_length=200)
    description = models.TextField(_("more detail (optional)"), max_length=2000, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The mapping-knowledge thread it came from, as a local path.
    source_url = models.CharField(_("raised in (optional)"), max_length=300, blank=True)
    # Threads and assets that fill it: local paths, one a line.
    filled_by = models.TextField(_("what fills it"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "communities_gap"  # the table predates the app
        ordering = ["status", "-created_at"]
        indexes = [models.Index(fields=["community", "status"], name="gap_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def filling_links(self) -> list[str]:
        return [line for line in self.filled_by.splitlines() if line.strip()]


class ValueStory(models.Model):
    """A member's short account of value the community created (Wenger-Trayner cycles)."""

    class Kind(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediate — it helped there and then")
        POTENTIAL = "potential", _("Potential — something I can use later")
        APPLIED = "applied", _("Applied — I changed what I do")
        REALISED = "realised", _("Realised — it made a measurable difference")
        REFRAMING = "reframing", _("Reframing — it changed how we see things")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="value_stories"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    what_happened = models.TextField(_("what happened"), max_length=1000)
    what_changed = models.TextField(_("what it changed"), max_length=1000)
    kind = models.CharField(_("kind of value"), max_length=16, choices=Kind.choices)
    # A thread, asset or meeting of this community, as a local address.
    link = models.CharField(_("link (optional)"), max_length=300, blank=True)
    # Told about something only members may open (a members-only asset): members only too.
    members_only = models.BooleanField(default=False)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "communities_valuestory"  # the table predates the app
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "created_at"], name="value_story_time")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["immediate", "potential", "applied", "realised", "reframing"]
                ),
                name="value_story_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.what_happened[:60]

    # Markdown, rendered to sanitised HTML like every other piece of member text.
    @property
    def what_happened_html(self) -> str:
        return render_markdown(self.what_happened)

    @property
    def what_changed_html(self) -> str:
        return render_markdown(self.what_changed)

    @property
    def kind_short(self) -> str:
        return str(self.get_kind_display()).split(" —")[0]

"""A proposal gathers people around a domain before its community exists."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models.choices import Visibility

# The title becomes the community's name, the statements its domain: same limits.
TITLE_MAX = 80
TEXT_MAX = 2000
NOTE_MAX = 140


class Proposal(models.Model):
    class Status(models.TextChoices):
        GATHERING = "gathering", _("Gathering people")
        LAUNCHED = "launched", _("Launched")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("name of the community"), max_length=TITLE_MAX)
    domain = models.TextField(_("what it is about"), max_length=TEXT_MAX)
    # Rendered once on write (Markdown → sanitised HTML), so reads never re-render.
    domain_html = models.TextField(editable=False, blank=True)
    audience = models.TextField(_("who it is for"), max_length=TEXT_MAX)
    why_now = models.TextField(_("why now"), max_length=TEXT_MAX, blank=True)
    # The gardener-to-be: only they edit, withdraw and launch it.
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="proposals"
    )
    visibility = models.CharField(
        _("visibility of the community"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.GATHERING
    )
    launched_community = models.OneToOneField(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    launched_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["status", "-created_at"], name="proposal_list")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["gathering", "launched", "withdrawn"]),
                name="proposal_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status="launched") | models.Q(launched_community__isnull=True),
                name="proposal_community_only_when_launched",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"proposal_id": self.pk})

    @property
    def is_gathering(self) -> bool:
        return self.status == self.Status.GATHERING


class Supporter(models.Model):
    """One person's support: they would join, or they would help run it (the core group)."""

    class Role(models.TextChoices):
        JOIN = "join", _("would join")
        HELP = "help", _("would help run it")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_supports"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Claimed by the launch mail, so a redelivered task tells each person once.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="supporter_once_per_person"),
            models.CheckConstraint(
                condition=models.Q(role__in=["join", "help"]), name="supporter_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()}"

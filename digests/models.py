import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    OFF = "off", _("Off")


DEFAULT_FREQUENCY = Frequency.WEEKLY


class Kind(models.TextChoices):
    """Which digest a sent row stands for: a member's daily or weekly one, or a sponsor's."""

    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    SPONSOR = "sponsor", _("Sponsor digest")


class DigestPreference(models.Model):
    """How often a member hears from one community; no row means the default (weekly)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preferences"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(max_length=8, choices=Frequency.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community"], name="one_digest_preference_per_community"
            )
        ]
        indexes = [models.Index(fields=["community", "frequency"], name="digest_pref_lookup")]

    def __str__(self) -> str:
        return f"{self.user} in {self.community}: {self.frequency}"


class SentDigest(models.Model):
    """One digest that went out (its claim is a ``core.MailClaim``): read for when a member
    last had one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    period_start = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)
    # Which run sent it (kept for older rows; claims now live in core.MailClaim).
    run = models.UUIDField(editable=False, default=uuid.uuid4)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community", "kind", "period_start"], name="one_digest_per_period"
            )
        ]
        indexes = [
            models.Index(fields=["community", "user", "-sent_at"], name="digest_last_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} digest for {self.user} ({self.period_start:%Y-%m-%d})"

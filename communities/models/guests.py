from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import Target as LedgerTarget


class GuestPass(models.Model):
    """An outsider invited into one conversation (a thread or a meeting) and nothing else.

    The dialogue between inside and outside perspectives: a guest reads and replies in
    that one place until a gardener revokes the pass or it expires. Like invitations, it
    is bound to one email address and only the token's hash is stored.
    """

    class Target(models.TextChoices):
        """The targets a pass can open: the shared ledger targets' values, labelled for a pass."""

        THREAD = LedgerTarget.THREAD.value, _("a thread")
        MEETING = LedgerTarget.MEETING.value, _("a meeting")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="guest_passes"
    )
    email = models.EmailField(_("email"))
    # Typed target ids keep this app independent of the apps that own threads and meetings.
    target_type = models.CharField(max_length=16, choices=Target.choices)
    target_id = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=300)
    message = models.TextField(_("personal note"), max_length=1000, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guest_passes",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.title}"

    @property
    def is_active(self) -> bool:
        return (
            self.accepted_at is not None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


def active_passes():
    """Accepted, not revoked, not expired, held by an open account: today's open doors."""
    return GuestPass.objects.filter(
        accepted_at__isnull=False,
        revoked_at=None,
        expires_at__gt=timezone.now(),
        user__is_active=True,
    )

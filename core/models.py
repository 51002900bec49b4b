from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class MailClaim(models.Model):
    """One message that must go out exactly once, named by ``key`` (see core/claims.py).

    ``sent_at`` stays empty from the claim until the mail server has accepted the message:
    a claim left empty longer than ``MAIL_CLAIM_STALE_SECONDS`` belongs to a run that
    died, and the next run takes it again.
    """

    key = models.CharField(max_length=200, unique=True)
    claimed_at = models.DateTimeField()
    # Which run holds the claim: two runs may share a clock reading, never a token.
    run = models.UUIDField()
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key} ({'sent' if self.sent_at else 'claimed'})"


class Submission(models.Model):
    """A form token's claim: the first POST that carried it, and what it made (see
    core/submissions.py). Unique on ``token``, so a second POST with it makes nothing."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    # A digest of the fields sent: a retry sends the same, another form's content does not.
    fingerprint = models.CharField(max_length=64)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    address = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)  # the nightly prune

    def __str__(self) -> str:
        return f"{self.kind} {self.token[:8]}… → {self.address or '(in progress)'}"

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

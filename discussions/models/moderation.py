from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Flag(models.Model):
    """A member asks the gardeners to look at a post."""

    class Reason(models.TextChoices):
        OFF_TOPIC = "off_topic", _("Off topic for this community")
        UNKIND = "unkind", _("Unkind or disrespectful")
        CONFIDENTIAL = "confidential", _("Shares confidential or identifying details")
        SPAM = "spam", _("Spam or advertising")
        OTHER = "other", _("Something else")

    post = models.ForeignKey("discussions.Post", on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note for the gardeners"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "flagged_by"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_flag_per_person_and_post",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.post}"


class ModerationAction(models.Model):
    """The audit log gardeners read: who did what to which thread or post, and why."""

    class Kind(models.TextChoices):
        HIDE_POST = "hide_post", _("hid a post")
        UNHIDE_POST = "unhide_post", _("showed a post again")
        LOCK = "lock", _("locked a thread")
        UNLOCK = "unlock", _("unlocked a thread")
        PIN = "pin", _("pinned a thread")
        UNPIN = "unpin", _("unpinned a thread")
        HIDE_THREAD = "hide_thread", _("hid a thread")
        UNHIDE_THREAD = "unhide_thread", _("showed a thread again")
        DISMISS_FLAGS = "dismiss_flags", _("dismissed flags")
        SILENCE = "silence", _("silenced a member")
        UNSILENCE = "unsilence", _("lifted a silence")
        SLOW_MODE = "slow_mode", _("changed slow mode")
        MOVE = "move", _("moved a thread")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="moderation_actions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    thread = models.ForeignKey(
        "discussions.Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    post = models.ForeignKey(
        "discussions.Post", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "-created_at"], name="moderation_log")]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_kind_display()}"

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPLY = "reply", _("Replies to my threads")
    MENTION = "mention", _("Mentions of me")
    ACCEPTED = "accepted", _("My answer accepted")
    FOLLOWED = "followed", _("New threads in behaviours I follow")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Email me at once")
    DIGEST = "digest", _("Put it in my digest")
    OFF = "off", _("No email")


DEFAULT_DELIVERY = {
    Kind.REPLY: Delivery.IMMEDIATELY,
    Kind.MENTION: Delivery.IMMEDIATELY,
    Kind.ACCEPTED: Delivery.IMMEDIATELY,
    Kind.FOLLOWED: Delivery.DIGEST,
}


class Notification(models.Model):
    """Something happened that this person would want to know about.

    The thread's community, members-only and hidden flags are copied here (and kept in step
    by discussions' moderation), so the list filters visibility on this one table with the
    same rule as threads, and this app never reads the discussion tables.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    thread_id = models.PositiveBigIntegerField()
    post_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200)
    excerpt = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    members_only = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)  # the thread is hidden
    post_hidden = models.BooleanField(default=False)
    # How this one goes out by email, decided from the member's preference when it is made.
    email = models.CharField(max_length=16, choices=Delivery.choices)
    # Set when an email (immediate or digest) claimed it: a redelivered task finds it and stops.
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "post_id", "kind"], name="one_notification_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["thread_id"], name="notification_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title} → {self.recipient}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class EmailPreference(models.Model):
    """A member's choice for one kind; no row means the default for that kind."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    delivery = models.CharField(max_length=16, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.delivery}"


class BehaviourFollow(models.Model):
    """A member wants to hear of new threads of one behaviour in one community."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="behaviour_follows"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    behaviour_code = models.SlugField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community", "behaviour_code"], name="one_follow_each"
            )
        ]
        indexes = [
            models.Index(fields=["community", "behaviour_code"], name="follow_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.behaviour_code} in {self.community}"

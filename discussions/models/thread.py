from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from discussions.models.behaviour import Behaviour

TITLE_MAX = 160
BODY_MAX = 20_000


class Thread(models.Model):
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="threads"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    behaviours = models.ManyToManyField(
        Behaviour, related_name="threads", verbose_name=_("behaviours")
    )
    tags = TaggableManager(_("tags"), blank=True)
    # Within a public community, a thread may still be for members' eyes only.
    members_only = models.BooleanField(_("members only"), default=False)
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)
    # Gardeners cool a heated thread: each member may reply once per this many seconds.
    slow_mode_seconds = models.PositiveIntegerField(default=0)
    accepted_answer = models.ForeignKey(
        "discussions.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Denormalised so lists sort and count without touching posts.
    reply_count = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField()
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pinned", "-last_activity_at"]
        indexes = [
            models.Index(fields=["community", "-pinned", "-last_activity_at"], name="thread_list"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "discussions:thread", kwargs={"slug": self.community.slug, "thread_id": self.pk}
        )

    @property
    def is_answered(self) -> bool:
        return self.accepted_answer_id is not None


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="posts"
    )
    body = models.TextField(_("message"), max_length=BODY_MAX)
    # Rendered once on write (Markdown → sanitised HTML), so reads never re-render.
    body_html = models.TextField(editable=False)
    # 1 is the opening post; numbers make stable anchors and cheap page arithmetic.
    number = models.PositiveIntegerField()
    hidden = models.BooleanField(default=False)
    helpful_count = models.PositiveIntegerField(default=0)  # denormalised from Reaction
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="post_number_unique")
        ]

    def __str__(self) -> str:
        return f"#{self.number} in {self.thread}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}?post={self.number}#post-{self.number}"


class PostRevision(models.Model):
    """The text a post had before an edit: edits never lose what was said."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Revision of {self.post}"


class Reaction(models.Model):
    """A member marks a post helpful: the quiet way the periphery says "this worked"."""

    HELPFUL = "helpful"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=16, default=HELPFUL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} found {self.post} {self.kind}"

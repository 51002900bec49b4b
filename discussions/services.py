"""Business actions on threads and posts."""

import re
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger import changes
from communities.ledger.record import record_activity
from communities.models import Activity, Community, GuestPass, Membership
from communities.services.guests import invite_guest
from core.errors import ActionError
from core.markdown import render_markdown
from core.vocabulary import Target
from discussions.models import Behaviour, Post, PostRevision, Reaction, Thread
from discussions.models.thread import BODY_MAX, TITLE_MAX
from discussions.permissions import posts as post_policy
from discussions.permissions import threads as thread_policy
from discussions.selectors import behaviours_for
from notifications import services as notifications

MAX_TAGS = 8
# A second identical submission within this window is the same click twice, not a new post.
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=60)


# A full stop after a name ("thanks @ben.") ends the sentence, not the name.
MENTION = re.compile(r"(?<![\w/@])@([A-Za-z0-9_.+-]{1,149}[A-Za-z0-9_+-])")


def render_post_and_mentions(body: str) -> tuple[str, set[int]]:
    """Markdown to sanitised HTML, with @username turned into a link for people who exist.

    One query for all names in the post; returns the mentioned people's ids too, to notify.
    """
    names = set(MENTION.findall(body))
    known: dict[str, int] = {}
    if names:
        known = dict(
            get_user_model().objects.filter(username__in=names).values_list("username", "pk")
        )
        body = MENTION.sub(
            lambda m: f"[@{m[1]}]({reverse('profile', args=[m[1]])})" if m[1] in known else m[0],
            body,
        )
    return render_markdown(body), set(known.values())


def _clean_body(body: str) -> str:
    body = body.strip()
    # Markup the sanitiser removes entirely (an <iframe> alone) would leave an empty post.
    if not body or not strip_tags(render_markdown(body)).strip():
        raise ActionError(_("Write a message."), field="body")
    if len(body) > BODY_MAX:
        raise ActionError(
            _("Keep the message under %(max)s characters (it has %(n)s).")
            % {"max": f"{BODY_MAX:,}", "n": f"{len(body):,}"},
            field="body",
        )
    return body


def _codes(thread: Thread) -> str:
    return " ".join(b.code for b in thread.behaviours.all())


def record_post_activity(
    thread: Thread, post: Post, *, actor, verb: str, public: bool = True, at=None
) -> None:
    """One ledger row about a post, tagged with its thread's behaviours."""
    record_activity(
        community=thread.community,
        actor=actor,
        verb=verb,
        behaviour=_codes(thread),
        target_type=Target.POST,
        target_id=post.pk,
        thread_id=thread.pk,
        title=thread.title,
        is_public=public and not thread.members_only,
        at=at,
    )


def _refuse_if_silenced(author, community: Community) -> None:
    # Read fresh, not from the request's membership cache: a silence may be seconds old.
    membership = Membership.objects.filter(
        community=community, user=author, silenced_until__gt=timezone.now()
    ).first()
    if membership is not None:
        until = timezone.localtime(membership.silenced_until).strftime("%d %b %Y %H:%M")
        raise ActionError(
            _("A gardener has paused your posting here until %(until)s. You can still read.")
            % {"until": until},
            status=403,
        )


def _checked_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ActionError(_("Give the thread a title."), field="title")
    if len(title) > TITLE_MAX:
        raise ActionError(_("Keep the title under %s characters.") % TITLE_MAX, field="title")
    return title


def _chosen_behaviours(community: Community, codes: set[str]) -> list[Behaviour]:
    """The community's behaviours named by ``codes``: at least one, and none unknown."""
    behaviours = [b for b in behaviours_for(community) if b.code in codes]
    if not behaviours or len(behaviours) != len(codes):
        raise ActionError(_("Choose at least one behaviour that fits."), field="behaviours")
    return behaviours


def _checked_tags(tags: Iterable[str]) -> list[str]:
    tags = sorted({t.strip().lower()[:50] for t in tags if t.strip()})
    if len(tags) > MAX_TAGS:
        raise ActionError(_("Use at most %s tags.") % MAX_TAGS, field="tags")
    return tags


def _announce_thread(
    thread: Thread, post: Post, *, behaviours: list[Behaviour], mentioned: set[int], at
) -> None:
    """The new thread in the ledger, and in the notifications of whoever should hear."""
    record_activity(
        community=thread.community,
        actor=thread.author,
        verb=Activity.Verb.THREAD_STARTED,
        behaviour=" ".join(b.code for b in behaviours),
        target_type=Target.THREAD,
        target_id=thread.pk,
        thread_id=thread.pk,
        title=thread.title,
        is_public=not thread.members_only,
        at=at,
    )
    notifications.notify_new_post(
        thread=thread,
        post=post,
        actor=thread.author,
        mentioned_user_ids=mentioned,
        behaviour_codes={b.code for b in behaviours},
    )


def create_thread(
    *,
    author,
    community: Community,
    title: str,
    body: str,
    behaviour_codes: Iterable[str],
    tags: Iterable[str] = (),
    members_only: bool = False,
) -> Thread:
    """Start a thread: its opening post, its behaviours and tags, and the ledger row."""
    if not permissions.can_view_community(author, community):
        raise ActionError(_("No such community."), status=404)
    _refuse_if_silenced(author, community)
    if not thread_policy.can_start(author, community):
        raise ActionError(_("Join the community to start a thread."), status=403)
    title = _checked_title(title)
    body = _clean_body(body)
    codes = set(behaviour_codes)
    behaviours = _chosen_behaviours(community, codes)
    tags = _checked_tags(tags)
    now = timezone.now()
    duplicate = Thread.objects.filter(
        community=community,
        author=author,
        title=title,
        created_at__gte=now - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if duplicate is not None:
        return duplicate
    with transaction.atomic():
        thread = Thread.objects.create(
            community=community,
            author=author,
            title=title,
            # Outside a public community every thread is for members, so that opening the
            # community to the public later does not publish what was said in private.
            members_only=members_only or not community.is_public,
            last_activity_at=now,
            last_poster=author,
        )
        thread.behaviours.set(behaviours)
        if tags:
            thread.tags.set(tags)
        body_html, mentioned = render_post_and_mentions(body)
        post = Post.objects.create(
            thread=thread, author=author, body=body, body_html=body_html, number=1
        )
        _announce_thread(thread, post, behaviours=behaviours, mentioned=mentioned, at=now)
    return thread


def _refuse_reply_unless_allowed(author, thread: Thread) -> None:
    """Visible, so the refusal says why: locked, silenced, or not a member (403)."""
    if thread.locked and not thread_policy.can_moderate(author, thread):
        raise ActionError(_("This thread is locked: it takes no more replies."), status=403)
    _refuse_if_silenced(author, thread.community)
    if not thread_policy.can_reply(author, thread):
        raise ActionError(_("Join the community to reply."), status=403)


def reply_to_thread(*, author, thread: Thread, body: str) -> Post:
    if not thread_policy.can_view(author, thread):
        raise ActionError(_("No such thread."), status=404)
    _refuse_reply_unless_allowed(author, thread)
    body = _clean_body(body)
    now = timezone.now()
    duplicate = Post.objects.filter(
        thread=thread, author=author, body=body, created_at__gte=now - DOUBLE_SUBMIT_WINDOW
    ).first()
    if duplicate is not None:
        return duplicate
    if thread.slow_mode_seconds and not thread_policy.can_moderate(author, thread):
        since = now - timedelta(seconds=thread.slow_mode_seconds)
        recent = Post.objects.filter(thread=thread, author=author, number__gt=1)
        if recent.filter(created_at__gt=since).exists():
            raise ActionError(
                _("This thread is in slow mode: one reply each every %(n)s minutes.")
                % {"n": max(1, thread.slow_mode_seconds // 60)},
                status=429,
            )
    try:
        with transaction.atomic():
            # Lock the thread row: numbering and counters stay right under concurrent replies.
            locked = Thread.objects.select_for_update().get(pk=thread.pk)
            # Checked again under the lock: a double click's second request waits here.
            duplicate = Post.objects.filter(
                thread=thread, author=author, body=body, created_at__gte=now - DOUBLE_SUBMIT_WINDOW
            ).first()
            if duplicate is not None:
                return duplicate
            number = locked.reply_count + 2
            body_html, mentioned = render_post_and_mentions(body)
            post = Post.objects.create(
                thread=locked,
                author=author,
                body=body,
                body_html=body_html,
                number=number,
            )
            Thread.objects.filter(pk=thread.pk).update(
                reply_count=F("reply_count") + 1, last_activity_at=now, last_poster=author
            )
            # A guest's reply is the community's dialogue with the outside, counted apart.
            verb = (
                Activity.Verb.REPLIED
                if permissions.is_member(author, thread.community)
                else Activity.Verb.GUEST_REPLIED
            )
            record_post_activity(thread, post, actor=author, verb=verb, at=now)
            notifications.notify_new_post(
                thread=thread, post=post, actor=author, mentioned_user_ids=mentioned
            )
    except IntegrityError as exc:
        raise ActionError(_("Your reply crossed with another; please send it again.")) from exc
    thread.reply_count = number - 1
    thread.last_activity_at = now
    return post


def accept_answer(*, actor, thread: Thread, post: Post) -> Thread:
    """Mark the reply that solved a problem or answered a request; it shows first."""
    if not thread_policy.can_view(actor, thread):
        raise ActionError(_("No such thread."), status=404)
    if not thread_policy.can_accept_answer(actor, thread):
        raise ActionError(
            _("Only the person who asked, or a gardener, can accept an answer."), status=403
        )
    if not any(b.is_answerable for b in thread.behaviours.all()):
        raise ActionError(
            _("Only problem-solving threads and requests for information take an answer.")
        )
    if post.thread_id != thread.pk or post.number == 1 or post.hidden:
        raise ActionError(_("Choose a visible reply in this thread."))
    if thread.accepted_answer_id == post.pk:
        return thread
    with transaction.atomic():
        thread.accepted_answer = post
        thread.save(update_fields=["accepted_answer"])
        record_post_activity(thread, post, actor=post.author, verb=Activity.Verb.ANSWER_ACCEPTED)
        notifications.notify_answer_accepted(thread=thread, post=post, actor=actor)
    return thread


def edit_post(*, editor, post: Post, body: str) -> Post:
    """Change a post's text; the previous text is kept as a revision."""
    if not post_policy.can_view(editor, post):
        raise ActionError(_("No such post."), status=404)
    if post.author_id == editor.pk:
        _refuse_if_silenced(editor, post.thread.community)
    if not post_policy.can_edit(editor, post):
        raise ActionError(_("You can only edit your own posts."), status=403)
    body = _clean_body(body)
    if body == post.body:
        return post
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
        post.body = body
        post.body_html, mentioned = render_post_and_mentions(body)
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "edited_at"])
        # People newly mentioned by the edit hear of it; those already told do not, again.
        notifications.notify_mentions(
            thread=post.thread, post=post, actor=editor, mentioned_user_ids=mentioned
        )
    return post


def toggle_helpful(*, member, post: Post) -> bool:
    """Mark a post helpful, or take the mark back. Returns whether it is now marked."""
    thread = post.thread
    if not post_policy.can_view(member, post):
        raise ActionError(_("No such post."), status=404)
    if not post_policy.can_mark_helpful(member, post):
        if member.is_authenticated and post.author_id == member.pk:
            raise ActionError(_("You cannot mark your own post helpful."), status=403)
        if post.hidden:
            raise ActionError(_("A hidden post cannot be marked helpful."), status=403)
        raise ActionError(_("Join the community to mark posts helpful."), status=403)
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(
            post=post, user=member, kind=Reaction.HELPFUL
        ).delete()
        if deleted:
            Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") - 1)
            marked = Activity.objects.filter(
                verb=Activity.Verb.MARKED_HELPFUL,
                actor=member,
                target_type=Target.POST,
                target_id=post.pk,
            )
            received = Activity.objects.filter(
                verb=Activity.Verb.HELPFUL_RECEIVED, target_type=Target.POST, target_id=post.pk
            ).values_list("pk", flat=True)[:1]
            taken_back = Activity.objects.filter(Q(pk__in=marked) | Q(pk__in=list(received)))
            changes.remove(taken_back)  # taken back: it no longer counts for anyone
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, user=member, kind=Reaction.HELPFUL)
        except IntegrityError:  # a double click raced us; it is marked either way
            return True
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
        record_post_activity(
            thread, post, actor=member, verb=Activity.Verb.MARKED_HELPFUL, public=False
        )
        if post.author_id:
            record_post_activity(
                thread, post, actor=post.author, verb=Activity.Verb.HELPFUL_RECEIVED, public=False
            )
    return True


def invite_thread_guest(
    *, actor, thread: Thread, email: str, message: str = "", days: int = 30
) -> GuestPass:
    """Open this one thread to someone from outside the community, for a while."""
    if not thread_policy.can_view(actor, thread):
        raise ActionError(_("No such thread."), status=404)
    if not thread_policy.can_invite_guests(actor, thread):
        raise ActionError(_("Only the community's gardeners can invite guests."), status=403)
    guest_pass, _token = invite_guest(
        actor=actor,
        community=thread.community,
        email=email,
        target_type=GuestPass.Target.THREAD,
        target_id=thread.pk,
        title=thread.title,
        url=thread.get_absolute_url(),
        message=message,
        days=days,
    )
    return guest_pass

"""Demo threads for `manage.py seed_demo`."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from communities.models import Activity, Community
from core.vocabulary import Target
from demo.discussions_data import EXTRA_BEHAVIOURS, THREADS
from discussions import services
from discussions.models import Behaviour, CommunityBehaviour, Post, Thread


def seed(stdout) -> None:
    users = {u.username: u for u in get_user_model().objects.all()}
    communities = {c.slug: c for c in Community.objects.all()}
    for slug, codes in EXTRA_BEHAVIOURS.items():
        for code in codes:
            CommunityBehaviour.objects.get_or_create(
                community=communities[slug], behaviour=Behaviour.objects.get(code=code)
            )
    created = 0
    for age, spec in enumerate(reversed(THREADS), start=1):
        slug, author, title, codes, tags, body, replies, accepted = spec
        community = communities[slug]
        if Thread.objects.filter(community=community, title=title).exists():
            continue
        thread = services.create_thread(
            author=users[author],
            community=community,
            title=title,
            body=body,
            behaviour_codes=codes,
            tags=tags,
        )
        posts = [
            services.reply_to_thread(author=users[name], thread=thread, body=text)
            for name, text in replies
        ]
        if accepted is not None:
            services.accept_answer(actor=users[author], thread=thread, post=posts[accepted])
        _backdate(thread, days=age * 3)
        created += 1
    stdout.write(f"Demo threads: {created} new, {len(THREADS) - created} already there.")


def _backdate(thread: Thread, *, days: int) -> None:
    """Spread the demo conversation over past weeks so lists and ledgers look lived-in."""
    start = timezone.now() - timedelta(days=days)
    Thread.objects.filter(pk=thread.pk).update(created_at=start)
    post_ids = []
    for post in Post.objects.filter(thread=thread).order_by("number"):
        at = start + timedelta(hours=5 * (post.number - 1))
        Post.objects.filter(pk=post.pk).update(created_at=at)
        post_ids.append(post.pk)
        last = at
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=last)
    Activity.objects.filter(target_type=Target.THREAD, target_id=thread.pk).update(created_at=start)
    for number, pk in enumerate(post_ids, start=1):
        Activity.objects.filter(target_type=Target.POST, target_id=pk).update(
            created_at=start + timedelta(hours=5 * (number - 1))
        )

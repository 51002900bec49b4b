from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from communities import counted, permissions
from communities import selectors as communities_selectors
from communities.views.community import header_context
from communities.views.guests import invite_guest_page
from core import extensions
from core.errors import ActionError, report_refusal
from core.page_cache import whole_page_cached
from core.policies import get_visible_or_404, require
from core.ratelimits import limited
from core.submissions import record, submitted_once
from discussions import behind, selectors, services
from discussions.forms import EditPostForm, ReplyForm, ThreadForm
from discussions.models import Behaviour, Post
from discussions.permissions import can_edit_behaviour_examples
from discussions.permissions import posts as post_policy
from discussions.permissions import threads as thread_policy
from discussions.post_fragments import attach_post_html
from discussions.search import search_posts
from discussions.thread_rows import attach_row_html
from notifications import selectors as notification_selectors
from notifications import services as notification_services

THREADS_PER_PAGE = 25
SLOW_MODE_CHOICES = [
    (0, gettext_lazy("No slow mode")),
    (300, gettext_lazy("One reply per 5 minutes")),
    (3600, gettext_lazy("One reply per hour")),
    (86400, gettext_lazy("One reply per day")),
]


def _community(request, slug):
    return permissions.get_visible_community_or_404(request.user, slug)


def _thread(request, slug, thread_id):
    """The thread if this person may read it (a guest of it too), else 404."""
    return get_visible_or_404(
        thread_policy, request.user, selectors.thread_page(), community__slug=slug, pk=thread_id
    )


def _moved_or_404(request, slug, thread_id):
    """A thread moved elsewhere: its old address leads on for whoever may read it (301)."""
    thread = get_visible_or_404(
        thread_policy, request.user, selectors.moved_from(slug), pk=thread_id
    )
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(thread.get_absolute_url() + (f"?{query}" if query else ""))


def _post(request, thread, number):
    """One of the thread's posts if this person may read it (hidden: gardeners), else 404."""
    post = get_visible_or_404(post_policy, request.user, thread=thread, number=number)
    post.thread = thread
    return post


def _whole_number(value: str) -> int | None:
    """A number from the query string, or None for anything else (never a 500 on junk).

    ``isdigit`` lets through "²", which ``int`` refuses, and ``int`` refuses more than
    4,300 digits; absurdly long numbers are cut short, and the caller clamps them anyway.
    """
    return int(value[:12]) if value.isdecimal() else None


@whole_page_cached(
    scope="community", query=("behaviour", "tag", "unanswered", "mine", "page", *behind.QUERY)
)
def thread_list(request, slug):
    community = _community(request, slug)
    behaviours = selectors.behaviours_for(community)
    codes = {b.code for b in behaviours}
    figure = behind.figure_filter(request.GET, community, behaviours)
    # A figure's list shows what the figure counted: the other filters give way to it.
    plain = figure.ids is None
    behaviour = request.GET.get("behaviour", "") if plain else ""
    behaviour = behaviour if behaviour in codes else ""
    tag = request.GET.get("tag", "")[:60] if plain else ""
    unanswered = plain and request.GET.get("unanswered") == "1"
    mine = plain and request.GET.get("mine") == "1" and request.user.is_authenticated
    qs = selectors.threads(
        community,
        viewer=request.user,
        behaviour=behaviour,
        tag=tag,
        unanswered=unanswered,
        mine=mine,
        among=None if plain else figure.threads,
    )
    page = Paginator(qs, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # the rows carry their HTML to the template
    attach_row_html(request, page.object_list, community)
    return render(
        request,
        "discussions/thread_list.html",
        {
            **header_context(request, community),
            "page": page,
            "behind": None
            if plain
            else counted.Behind(
                text=figure.text,
                clear_url=reverse("discussions:list", kwargs={"slug": community.slug}),
                shown=page.paginator.count,
                counted=figure.counted,
            ),
            "behind_error": figure.error,
            "behaviours": behaviours,
            "behaviour": behaviour,
            "tag": tag,
            "unanswered": unanswered,
            "mine": mine,
            "can_post": thread_policy.can_start(request.user, community),
            "can_follow": behaviour and permissions.is_member(request.user, community),
            "following": notification_selectors.follows_behaviour(
                request.user, community, behaviour
            ),
        },
    )


@login_required
@require_POST
def follow_behaviour(request, slug):
    """Follow or stop following a behaviour here: new threads of it then notify you."""
    community = _community(request, slug)
    code = request.POST.get("behaviour", "")
    behaviour = next((b for b in selectors.behaviours_for(community) if b.code == code), None)
    if behaviour is None:
        raise Http404(_("No such behaviour."))
    follow = request.POST.get("follow") == "1"
    try:
        notification_services.follow_behaviour(
            user=request.user, community=community, behaviour_code=code, follow=follow
        )
    except ActionError as error:
        report_refusal(request, error)
    else:
        if follow:
            message = _("You will hear of new “%(name)s” threads here.")
        else:
            message = _("You no longer follow “%(name)s” threads here.")
        messages.success(request, message % {"name": behaviour.name})
    return redirect(f"{reverse('discussions:list', kwargs={'slug': slug})}?behaviour={code}")


@login_required
@submitted_once("thread")
@limited("thread")
def thread_new(request, slug):
    community = _community(request, slug)
    require(
        thread_policy.can_start(request.user, community),
        _("Join the community to start a thread."),
    )
    behaviours = selectors.behaviours_with_examples(community)
    form = ThreadForm(
        request.POST or None,
        behaviours=behaviours,
        community=community,
        initial={"behaviours": [b for b in behaviours if b.code == request.GET.get("behaviour")]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.create_thread(
                author=request.user,
                community=community,
                title=data["title"],
                body=data["body"],
                behaviour_codes=[b.code for b in data["behaviours"]],
                tags=data["tags"],
                members_only=data.get("members_only", False),
            )
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            record(request, thread)
            messages.success(request, _("Your thread is started."))
            return redirect(thread)
    return render(
        request,
        "discussions/thread_new.html",
        {
            "community": community,
            "form": form,
            "behaviours": behaviours,
            "selected": {str(pk) for pk in form["behaviours"].value() or []},
            "can_edit_examples": can_edit_behaviour_examples(request.user, community),
        },
        status=400 if form.errors else 200,
    )


@whole_page_cached(scope="community", query=("page", "post", "quote"))
def thread_detail(request, slug, thread_id, reply_form=None, status=200):
    # A guest of this one thread may open it even where the community is closed to them.
    try:
        thread = _thread(request, slug, thread_id)
    except Http404:
        return _moved_or_404(request, slug, thread_id)
    community = thread.community
    pages = selectors.page_count(thread)
    post_number = _whole_number(request.GET.get("post", ""))
    if post_number is not None:
        page_number = selectors.page_for_post(post_number)
    else:
        page_number = _whole_number(request.GET.get("page", "")) or 1
    page_number = max(1, min(page_number, pages))
    posts, accepted = selectors.page_of_posts(thread, page_number)
    user = request.user
    can_accept = thread_policy.can_accept_answer(user, thread) and any(
        b.is_answerable for b in thread.behaviours.all()
    )
    header = header_context(request, community)
    shown = [*posts, accepted] if accepted else posts
    is_moderator = thread_policy.can_moderate(user, thread)
    # What each post's fragment depends on besides the post itself (see post_fragments).
    page = {
        "thread": thread,
        "community": community,
        "page_number": page_number,
        "is_moderator": is_moderator,
        "marked_helpful": selectors.helpful_marks(user, shown),
        "editable": {p.pk for p in shown if post_policy.can_edit(user, p)},
        "markable": {p.pk for p in shown if post_policy.can_mark_helpful(user, p)},
        "flaggable": {p.pk for p in shown if post_policy.can_flag(user, p)},
        "can_accept": can_accept,
        "can_reply": thread_policy.can_reply(user, thread),
    }
    attach_post_html(request, shown, page)
    return render(
        request,
        "discussions/thread_detail.html",
        {
            **header,
            **page,
            "posts": posts,
            "pages": pages,
            "page_range": range(1, pages + 1),
            "accepted": accepted,
            "reply_form": reply_form or ReplyForm(initial=_quoted(request, thread)),
            "move_targets": (
                communities_selectors.gardened_communities(user).exclude(pk=community.pk)
                if is_moderator
                else []
            ),
            "slow_mode_choices": SLOW_MODE_CHOICES,
            "guest_view": not permissions.can_view_community(user, community),
            "can_invite_guests": thread_policy.can_invite_guests(user, thread),
            "thread_actions": extensions.thread_actions(thread=thread, user=user),
            "thread_panels": extensions.thread_panels(thread=thread, user=user),
            "thread_switches": _thread_switches(thread),
        },
        status=status,
    )


def _thread_switches(thread) -> list[tuple]:
    """The gardeners' switches: field, label to turn it on, label to turn it off, state."""
    return [
        ("pinned", _("Pin"), _("Unpin"), thread.pinned),
        ("locked", _("Lock"), _("Unlock"), thread.locked),
        ("hidden", _("Hide thread"), _("Show thread"), thread.hidden),
    ]


def _quoted(request, thread) -> dict:
    """?quote=N prefills the reply with that post as a Markdown quote (works without JS)."""
    number = _whole_number(request.GET.get("quote", ""))
    if not number or not thread_policy.can_reply(request.user, thread):
        return {}
    post = (
        Post.objects.filter(thread=thread, number=number, hidden=False)
        .select_related("author")
        .first()
    )
    if post is None:
        return {}
    who = f"@{post.author.username}" if post.author else _("A former member")
    quoted = "\n".join(f"> {line}" for line in post.body.splitlines())
    return {"body": f"> **{who}** wrote:\n{quoted}\n\n"}


@login_required
@require_POST
@submitted_once("reply")
@limited("reply")
def reply(request, slug, thread_id):
    thread = _thread(request, slug, thread_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post = services.reply_to_thread(
                author=request.user, thread=thread, body=form.cleaned_data["body"]
            )
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            record(request, post)
            messages.success(request, _("Your reply is posted."))
            return redirect(post)
    return thread_detail(request, slug, thread_id, reply_form=form, status=400)


@login_required
@require_POST
def accept(request, slug, thread_id, number):
    thread = _thread(request, slug, thread_id)
    post = get_object_or_404(Post, thread=thread, number=number)
    try:
        services.accept_answer(actor=request.user, thread=thread, post=post)
    except ActionError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Answer accepted. Thank you for closing the loop."))
    return redirect(thread)


@login_required
def edit_post(request, slug, thread_id, number):
    thread = _thread(request, slug, thread_id)
    post = _post(request, thread, number)
    require(post_policy.can_edit(request.user, post), _("You can only edit your own posts."))
    form = EditPostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(editor=request.user, post=post, body=form.cleaned_data["body"])
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            messages.success(request, _("Your changes are saved; the earlier text is kept."))
            return redirect(post)
    return render(
        request,
        "discussions/edit_post.html",
        {"community": thread.community, "thread": thread, "post": post, "form": form},
        status=400 if form.errors else 200,
    )


@whole_page_cached(scope="site", query=("q", "community", "behaviour", "page"))
def search(request):
    """Site search: only what this person may open, never hidden posts."""
    query = request.GET.get("q", "").strip()[:200]
    communities = list(permissions.visible_communities(request.user).order_by("name"))
    slug = request.GET.get("community", "")
    community = next((c for c in communities if c.slug == slug), None)
    behaviour = request.GET.get("behaviour", "")
    behaviours = list(Behaviour.objects.all())
    behaviour = behaviour if behaviour in {b.code for b in behaviours} else ""
    hits = search_posts(
        request.user, query, community_id=community.pk if community else None, behaviour=behaviour
    )
    return render(
        request,
        "discussions/search.html",
        {
            "query": query,
            "hits": hits,
            "communities": communities,
            "community_filter": community,
            "behaviours": behaviours,
            "behaviour": behaviour,
            # Other apps' matches (help pages, assets) come through the extension point.
            "sections": extensions.search_sections(query=query, user=request.user) if query else [],
        },
    )


@login_required
@require_POST
def helpful(request, slug, thread_id, number):
    thread = _thread(request, slug, thread_id)
    post = _post(request, thread, number)
    try:
        services.toggle_helpful(member=request.user, post=post)
    except ActionError as error:
        report_refusal(request, error)
    return redirect(post)


@login_required
@limited("guest_invite")
def invite_guest(request, slug, thread_id):
    """A gardener opens this one thread to someone from outside the community."""
    thread = _thread(request, slug, thread_id)
    require(
        thread_policy.can_invite_guests(request.user, thread),
        _("Only the community's gardeners can invite guests."),
    )
    return invite_guest_page(
        request,
        community=thread.community,
        target=thread,
        invite=partial(services.invite_thread_guest, actor=request.user, thread=thread),
        template="discussions/invite_guest.html",
        context={"thread": thread},
    )

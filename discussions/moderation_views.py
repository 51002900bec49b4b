from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import permissions
from communities.models import Membership
from communities.views.community import header_context
from core.errors import ActionError, report_refusal
from core.policies import get_visible_or_404, require
from core.ratelimits import limited
from discussions import moderation, selectors
from discussions.models import Flag, Post
from discussions.permissions import posts as post_policy
from discussions.permissions import threads as thread_policy


def _thread_in(request, slug, thread_id):
    """The thread, if this person may see it; 404 otherwise (nothing leaks)."""
    return get_visible_or_404(
        thread_policy, request.user, selectors.thread_page(), community__slug=slug, pk=thread_id
    )


def _post_in(request, slug, thread_id, number) -> Post:
    """The post, if this person may read it (a hidden one: gardeners); 404 otherwise."""
    thread = _thread_in(request, slug, thread_id)
    post = get_visible_or_404(post_policy, request.user, thread=thread, number=number)
    post.thread = thread
    return post


def gardener_only(view):
    @login_required
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        community = permissions.get_visible_community_or_404(request.user, slug)
        require(
            permissions.can_moderate_community(request.user, community),
            _("Only gardeners can moderate."),
        )
        return view(request, community, *args, **kwargs)

    return wrapper


@login_required
@limited("flag")
def flag(request, slug, thread_id, number):
    post = _post_in(request, slug, thread_id, number)
    require(
        post_policy.can_flag(request.user, post),
        _("Only members can flag posts, and not their own."),
    )
    if request.method == "POST":
        try:
            moderation.flag_post(
                member=request.user,
                post=post,
                reason=request.POST.get("reason", ""),
                note=request.POST.get("note", "").strip(),
            )
        except ActionError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("Thank you. The gardeners will look at this post."))
            return redirect(post)
    return render(
        request,
        "discussions/flag.html",
        {
            "community": post.thread.community,
            "post": post,
            "thread": post.thread,
            "reasons": Flag.Reason.choices,
        },
        status=400 if request.method == "POST" else 200,
    )


@gardener_only
def queue(request, community):
    return render(
        request,
        "discussions/moderation.html",
        {
            **header_context(request, community),
            "flagged": selectors.open_flags(community),
            "log": selectors.moderation_log(community),
        },
    )


@login_required
@require_POST
def hide_post(request, slug, thread_id, number):
    post = _post_in(request, slug, thread_id, number)
    hidden = request.POST.get("hidden") == "1"
    try:
        moderation.set_post_hidden(
            actor=request.user, post=post, hidden=hidden, note=request.POST.get("note", "")
        )
    except ActionError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request, _("Post hidden; its text is kept.") if hidden else _("Post shown again.")
        )
    if request.POST.get("next") == "queue":
        return redirect("discussions:moderation", slug=slug)
    return redirect(post)


@login_required
@require_POST
def dismiss(request, slug, thread_id, number):
    post = _post_in(request, slug, thread_id, number)
    try:
        moderation.dismiss_flags(actor=request.user, post=post)
    except ActionError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Flags dismissed; the post stays visible."))
    return redirect("discussions:moderation", slug=slug)


@login_required
@require_POST
def thread_switch(request, slug, thread_id):
    thread = _thread_in(request, slug, thread_id)
    switch = request.POST.get("switch", "")
    on = request.POST.get("on") == "1"
    try:
        moderation.set_thread_switch(actor=request.user, thread=thread, switch=switch, on=on)
    except ActionError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(thread)


@gardener_only
@require_POST
def silence(request, community, membership_id):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "community"),
        pk=membership_id,
        community=community,
    )
    days = request.POST.get("days", "")
    try:
        moderation.silence_member(
            actor=request.user,
            membership=membership,
            # Cut absurdly long numbers short (int refuses > 4,300 digits); the range check
            # then refuses them with its message.
            days=int(days[:12]) if days.isdecimal() else -1,
            note=request.POST.get("note", "").strip(),
        )
    except ActionError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Saved. It is in the moderation log."))
    return redirect("communities:people", slug=community.slug)


@login_required
@require_POST
def slow_mode(request, slug, thread_id):
    thread = _thread_in(request, slug, thread_id)
    seconds = request.POST.get("seconds", "")
    try:
        moderation.set_slow_mode(
            actor=request.user,
            thread=thread,
            seconds=int(seconds[:12]) if seconds.isdecimal() else -1,  # as for days above
        )
    except ActionError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("Slow mode saved."))
    return redirect(thread)


@login_required
@require_POST
def move(request, slug, thread_id):
    thread = _thread_in(request, slug, thread_id)
    target = permissions.visible_communities(request.user).filter(slug=request.POST.get("to", ""))
    try:
        if not target.exists():
            raise ActionError(_("Choose a community you garden."))
        moderation.move_thread(actor=request.user, thread=thread, to=target.get())
    except ActionError as error:
        report_refusal(request, error)
        return redirect(thread)
    messages.success(request, _("Thread moved to %(name)s.") % {"name": thread.community.name})
    return redirect(thread)

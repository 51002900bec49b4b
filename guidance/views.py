from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from communities import permissions
from communities.views.community import header_context
from core.errors import ActionError, report_error
from discussions.models import Behaviour
from guidance import services
from guidance.behaviour_examples import EXAMPLES
from guidance.checklist import ITEMS
from guidance.help_topics import BY_SLUG, TOPICS
from insights.dashboard.health import MEASURES
from participation.rules import DEFAULT_RULES, DEMOTION_MARGIN, POINTS, ladder


def help_index(request):
    return render(request, "guidance/help/index.html", {"topics": TOPICS})


def help_topic(request, topic):
    topic = BY_SLUG.get(topic)
    if topic is None:
        raise Http404(_("There is no help page by that name."))
    context = {"topic": topic, "topics": TOPICS}
    if topic.slug == "participation":
        context.update(
            ladder=ladder(DEFAULT_RULES),
            points=POINTS,
            rules=DEFAULT_RULES,
            demotion_margin=round(DEMOTION_MARGIN * 100),
        )
    if topic.slug == "design-principles":
        context["measures"] = MEASURES
    if topic.slug == "starting-a-community":
        context["checklist"] = ITEMS
    if topic.slug == "behaviours":
        context["behaviours"] = [
            (b, EXAMPLES.get(b.code, ())) for b in Behaviour.objects.order_by("position")
        ]
    return render(request, topic.template, context)


@login_required
@require_POST
def introductions(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    try:
        thread = services.open_introductions(actor=request.user, community=community)
    except ActionError as error:
        report_error(request, error)
        return redirect(community)
    return redirect(f"{thread.get_absolute_url()}#reply-heading")


@login_required
@require_POST
def dismiss_checklist(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    try:
        services.dismiss_checklist(actor=request.user, community=community)
    except ActionError as error:
        report_error(request, error)
    return redirect(community)


@login_required
@require_POST
def dismiss_welcome(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    try:
        services.dismiss_welcome(member=request.user, community=community)
    except ActionError as error:
        report_error(request, error)
    return redirect(community)


class WelcomeForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Your welcome"),
        required=False,
        max_length=services.WELCOME_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Posted in the introductions thread, addressed to them by name. Mention something "
            "you have in common, or a thread they might like."
        ),
    )


@login_required
def welcome(request, slug, username):
    community = permissions.get_visible_community_or_404(request.user, slug)
    if not permissions.can_manage_community(request.user, community):
        raise Http404(_("No such page."))
    newcomer = get_user_model().objects.filter(username=username).first()
    if newcomer is None or not permissions.is_member(newcomer, community):
        raise Http404(_("That person is not a member here."))
    form = WelcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.welcome_newcomer(
                gardener=request.user,
                community=community,
                newcomer=newcomer,
                message=form.cleaned_data["message"],
            )
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(request, _("You welcomed %(name)s.") % {"name": newcomer.name})
            return redirect(post)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "guidance/welcome.html",
        {**header_context(request, community), "newcomer": newcomer, "form": form},
        status=status,
    )

"""The knowledge map and gap register of a community."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import permissions
from communities.views.community import header_context
from core.errors import ActionError, report_error
from core.submissions import record, submitted_once
from insights import services
from insights.dashboard.knowledge import gap_register, knowledge_map, lately
from insights.forms import GapForm, GapUpdateForm
from insights.models import Gap


@submitted_once("gap")
def knowledge(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    form = GapForm(request.POST or None, initial={"source_url": request.GET.get("from", "")})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                gap = services.raise_gap(
                    author=request.user, community=community, **form.cleaned_data
                )
            except ActionError as error:
                if error.status == 403:
                    messages.error(request, error.message)
                    return redirect(community)
                report_error(request, error, form)
            else:
                to = reverse("insights:knowledge", kwargs={"slug": community.slug})
                record(request, gap, to)
                messages.success(request, _("The gap is in the register."))
                return redirect(to)
    gaps = list(gap_register(community))
    can_manage = permissions.can_manage_community(request.user, community)
    for gap in gaps:
        gap.can_update = can_manage or (
            request.user.is_authenticated and gap.raised_by_id == request.user.pk
        )
    return render(
        request,
        "insights/knowledge.html",
        {
            **header_context(request, community),
            "map": knowledge_map(community),
            "lately": lately(),
            "gaps": gaps,
            "form": form,
            "update_form": GapUpdateForm(),
            "statuses": Gap.Status.choices,
            "can_raise": permissions.can_post_in_community(request.user, community),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def update_gap(request, slug, gap_id):
    community = permissions.get_visible_community_or_404(request.user, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    gap = get_object_or_404(Gap, pk=gap_id, community=community)
    form = GapUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status; keep the links under 2,000 characters."))
        return redirect("insights:knowledge", slug=community.slug)
    try:
        services.update_gap(actor=request.user, gap=gap, **form.cleaned_data)
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("The gap is updated."))
    return redirect("insights:knowledge", slug=community.slug)

"""Pages reached from a thread's "What this thread can lead to" row."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assets import selectors, services
from assets.forms import CiteForm, LivingDocumentForm
from assets.permissions import assets as asset_policy
from core.errors import ActionError, report_refusal
from core.policies import get_visible_or_404, require
from discussions.permissions import threads as thread_policy
from discussions.selectors import thread_page


def _thread_to_act_on(request, slug, thread_id):
    thread = get_visible_or_404(
        thread_policy, request.user, thread_page(), community__slug=slug, pk=thread_id
    )
    require(
        asset_policy.can_use_from_thread(request.user, thread),
        _("Only the community's members use its library."),
    )
    return thread.community, thread


@login_required
def cite(request, slug, thread_id):
    community, thread = _thread_to_act_on(request, slug, thread_id)
    assets = selectors.library(community, viewer=request.user)
    form = CiteForm(request.POST or None, assets=assets)
    if request.method == "POST" and form.is_valid():
        try:
            services.cite_asset(user=request.user, thread=thread, asset=form.cleaned_data["asset"])
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            messages.success(request, _("The thread now cites it."))
            return redirect(thread)
    return render(
        request,
        "assets/cite.html",
        {"community": community, "thread": thread, "form": form, "has_assets": assets.exists()},
        status=400 if form.errors else 200,
    )


@login_required
def from_thread(request, slug, thread_id):
    community, thread = _thread_to_act_on(request, slug, thread_id)
    form = LivingDocumentForm(request.POST or None, initial={"title": thread.title})
    if request.method == "POST" and form.is_valid():
        try:
            asset = services.start_living_document(
                user=request.user, thread=thread, title=form.cleaned_data["title"]
            )
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            messages.success(
                request, _("The living document is started. Members can improve it together.")
            )
            return redirect(asset)
    return render(
        request,
        "assets/from_thread.html",
        {"community": community, "thread": thread, "form": form},
        status=400 if form.errors else 200,
    )

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from communities import selectors, services
from communities.forms import CommunityForm
from communities.models.choices import JoinPolicy, Stage
from core.errors import ActionError, report_error

PAGE_SIZE = 24


def directory(request):
    query = request.GET.get("q", "").strip()[:100]
    stage = request.GET.get("stage", "")
    join_policy = request.GET.get("join", "")
    stage = stage if stage in Stage.values else ""
    join_policy = join_policy if join_policy in JoinPolicy.values else ""
    communities = selectors.with_gardeners(
        selectors.directory(request.user, query=query, stage=stage, join_policy=join_policy)
    )
    page = Paginator(communities, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "communities/_partials/directory_results.html"
        if request.htmx and not request.htmx.history_restore_request
        else "communities/directory.html"
    )
    return render(
        request,
        template,
        {
            "page": page,
            "query": query,
            "stage": stage,
            "join_policy": join_policy,
            "stages": Stage.choices,
            "join_policies": [
                (JoinPolicy.OPEN, _("Open")),
                (JoinPolicy.REQUEST, _("By request")),
                (JoinPolicy.INVITE, _("Invitation only")),
            ],
        },
    )


@login_required
def create(request):
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = services.create_community(creator=request.user, **form.cleaned_data)
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(request, _("Your community is ready. You are its first gardener."))
            return redirect(community)
    status = 400 if form.errors else 200
    return render(request, "communities/create.html", {"form": form}, status=status)

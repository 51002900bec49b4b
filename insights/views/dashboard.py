"""The dashboard for sponsors and gardeners, its CSV, and the value stories pages."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.models import Membership
from communities.views.community import header_context
from core import charts, extensions
from core.errors import ActionError, report_error
from insights.dashboard import health
from insights.dashboard.behaviours import NINE
from insights.dashboard.cached import figures_for
from insights.dashboard.figures import WEEKLY_COLUMNS, weekly
from insights.dashboard.period import PeriodError, default_period, parse_period
from insights.forms import ValueStoryForm
from insights.models import ValueStory
from insights.services import tell_value_story


def _dashboard_community(request, slug):
    """Sponsors and gardeners only; everyone else, signed in or not, gets 404."""
    community = permissions.get_visible_community_or_404(request.user, slug)
    if not permissions.can_view_dashboard(request.user, community):
        raise Http404
    return community


def dashboard(request, slug):
    community = _dashboard_community(request, slug)
    try:
        period = parse_period(request.GET.get("start"), request.GET.get("end"))
    except PeriodError as error:
        return render(
            request,
            "insights/dashboard/dashboard.html",
            {
                "community": community,
                "period_error": str(error),
                "period": default_period(),
                "start": request.GET.get("start", ""),
                "end": request.GET.get("end", ""),
            },
            status=400,
        )
    now = timezone.now()
    # Evidence for the sponsorship principle; written at most hourly, not on every view.
    Membership.objects.filter(community=community, user=request.user).filter(
        Q(dashboard_seen_at__isnull=True) | Q(dashboard_seen_at__lt=now - timedelta(hours=1))
    ).update(dashboard_seen_at=now)
    figures = figures_for(community, period, now=now)
    principles = health.assess(figures, now=now)
    evident = figures.behaviours_evident
    return render(
        request,
        "insights/dashboard/dashboard.html",
        {
            "community": community,
            "period": period,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "f": figures,
            "weekly_chart": charts.bars(
                [(w.start.strftime("%d %b"), w.contributions) for w in figures.weeks]
            ),
            "people_chart": charts.bars(
                [(w.start.strftime("%d %b"), w.active_members) for w in figures.weeks]
            ),
            "pyramid_chart": charts.pyramid(figures.pyramid),
            "evident": [(code, label) for code, label, _hint in NINE if code in evident],
            "missing": [(code, label, hint) for code, label, hint in NINE if code not in evident],
            "principles": principles,
            # Figures other apps keep (reuse across communities) through the extension point.
            "panels": extensions.dashboard_panels(
                community=community, period=period, user=request.user
            ),
            "status_counts": {
                status: sum(1 for p in principles if p.status == status)
                for status in (health.GOOD, health.WATCH, health.ACT)
            },
        },
    )


def dashboard_csv(request, slug):
    community = _dashboard_community(request, slug)
    try:
        period = parse_period(request.GET.get("start"), request.GET.get("end"))
    except PeriodError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{community.slug}-weekly-{period.start}-{period.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    columns = [column for column, _verbs in WEEKLY_COLUMNS]
    writer.writerow(["week_starting", "contributions", "active_members", *columns])
    for week in weekly(community, period):
        writer.writerow(
            [week.start.isoformat(), week.contributions, week.active_members]
            + [week.columns[column] for column in columns]
        )
    return response


def stories(request, slug):
    """Value stories told in a community, newest first; members tell a new one here."""
    community = permissions.get_visible_community_or_404(request.user, slug)
    can_tell = permissions.can_post_in_community(request.user, community)
    form = ValueStoryForm(request.POST or None, initial={"link": request.GET.get("link", "")})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                tell_value_story(author=request.user, community=community, **form.cleaned_data)
            except ActionError as error:
                if error.status == 403:
                    messages.error(request, error.message)
                    return redirect(community)
                report_error(request, error, form)
            else:
                messages.success(request, _("Thank you: your story is told."))
                return redirect("insights:stories", slug=community.slug)
    return render(
        request,
        "insights/stories.html",
        {
            **header_context(request, community),
            "stories": ValueStory.objects.filter(community=community).select_related("author")[:50],
            "form": form,
            "can_tell": can_tell,
        },
        status=400 if form.errors else 200,
    )

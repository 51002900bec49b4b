"""The dashboard for sponsors and gardeners, its CSV, and the value stories pages."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import counted, permissions
from communities.models import Membership
from communities.models.choices import Role
from communities.views.community import header_context
from core import charts, extensions
from core.errors import ActionError, report_error
from core.period import PeriodError, default_period, parse_period
from core.submissions import record, submitted_once
from core.vocabulary import Verb
from insights import selectors as insight_selectors
from insights.dashboard import health
from insights.dashboard.behaviours import NINE
from insights.dashboard.cached import figures_for
from insights.dashboard.figures import WEEKLY_COLUMNS, weekly
from insights.forms import ValueStoryForm
from insights.models import ValueStory
from insights.permissions import visible_stories
from insights.services import tell_value_story

STORIES_PER_PAGE = 50


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
    principles = health.assess(figures, now=now, hrefs=_health_lists(community, period))
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
            "evident": [
                (code, label, figures.conversations[code])
                for code, label, _hint in NINE
                if code in evident
            ],
            "extra_evident": sorted(
                (code, figures.conversations[code]) for code in figures.extra_behaviours_evident
            ),
            "members_url": reverse("communities:members", kwargs={"slug": community.slug}),
            "threads_url": reverse("discussions:list", kwargs={"slug": community.slug}),
            "activity_url": reverse("communities:activity", kwargs={"slug": community.slug}),
            "meetings_url": reverse("rhythm:meetings", kwargs={"slug": community.slug}),
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


def _health_lists(community, period) -> dict[str, str]:
    """The lists behind the counts in the health table's proxies, for the same period."""
    slug, query = {"slug": community.slug}, period.query
    activity = reverse("communities:activity", kwargs=slug)
    members = reverse("communities:members", kwargs=slug)
    return {
        "v": f"{reverse('discussions:list', kwargs=slug)}?evident=visits&{query}",
        "a": f"{activity}?verb={Verb.ASSET_ADAPTED.value}&{query}",
        "in": f"{members}?moved={counted.INWARD}&{query}",
        "out": f"{members}?moved={counted.OUTWARD}&{query}",
        "pub": f"{activity}?contributed=1&public=1&{query}",
        "priv": f"{activity}?contributed=1&public=0&{query}",
        "held": f"{reverse('rhythm:meetings', kwargs=slug)}?held=1&{query}",
        "acc": f"{activity}?verb={Verb.ANSWER_ACCEPTED.value}&{query}",
        "used": f"{activity}?verb={Verb.ASSET_USED.value}&{query}",
        "adapted": f"{activity}?verb={Verb.ASSET_ADAPTED.value}&{query}",
        "told": f"{reverse('insights:stories', kwargs=slug)}?{query}",
        "sponsors": f"{members}?role={Role.SPONSOR.value}",
    }


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


def _stories_behind(request, community):
    """The stories a figure links to (``?kind=`` and a period), and how the list says so."""
    kind = request.GET.get("kind", "")
    kind = kind if kind in ValueStory.Kind.values else ""
    every = visible_stories(request.user, community, insight_selectors.stories(community))
    if not (kind or request.GET.get("start") or request.GET.get("end")):
        return every, None, ""
    try:
        period = parse_period(request.GET.get("start"), request.GET.get("end"))
    except PeriodError as error:
        return every, None, str(error)
    counted_stories = insight_selectors.stories(community, period=period, kind=kind)
    listed = visible_stories(request.user, community, counted_stories)
    text = _("value stories told %(period)s") % {"period": period.describe()}
    if kind:
        text = _("“%(kind)s” value stories told %(period)s") % {
            "kind": str(ValueStory.Kind(kind).label).split(" —")[0],
            "period": period.describe(),
        }
    clear = reverse("insights:stories", kwargs={"slug": community.slug})
    # Stories about members-only things are counted; outsiders learn only how many.
    return listed, {"text": text, "clear_url": clear, "counted": counted_stories.count()}, ""


@submitted_once("story")
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
                story = tell_value_story(
                    author=request.user, community=community, **form.cleaned_data
                )
            except ActionError as error:
                if error.status == 403:
                    messages.error(request, error.message)
                    return redirect(community)
                report_error(request, error, form)
            else:
                to = reverse("insights:stories", kwargs={"slug": community.slug})
                record(request, story, to)
                messages.success(request, _("Thank you: your story is told."))
                return redirect(to)
    listed, behind, behind_error = _stories_behind(request, community)
    page = Paginator(listed, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    if behind is not None:
        behind = counted.Behind(**behind, shown=page.paginator.count)
    return render(
        request,
        "insights/stories.html",
        {
            **header_context(request, community),
            "stories": page.object_list,
            "page": page,
            "behind": behind,
            "behind_error": behind_error,
            "form": form,
            "can_tell": can_tell,
        },
        status=400 if form.errors else 200,
    )

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assets import selectors, services
from assets.forms import AdaptForm, AssetForm, UseForm, VersionForm
from assets.models import Asset, AssetVersion
from assets.permissions import assets as asset_policy
from assets.uploads import INLINE_SAFE
from communities import counted, permissions
from communities.views.community import header_context
from core.errors import ActionError, report_refusal
from core.markdown import render_markdown
from core.period import PeriodError, parse_period
from core.policies import get_visible_or_404, require
from core.submissions import record, submitted_once
from core.vocabulary import Verb

ASSETS_PER_PAGE = 24


def _community(request, slug):
    return permissions.get_visible_community_or_404(request.user, slug)


def _asset(request, community, asset_id) -> Asset:
    return get_visible_or_404(
        asset_policy, request.user, selectors.asset_page(), community=community, pk=asset_id
    )


def _done(request, to):
    """Where to go after an upload: a redirect, or its address for the progress-bar script
    (which must not follow the redirect itself, or the page's message would be used up)."""
    if request.headers.get("X-Upload-Progress") == "1":
        return JsonResponse({"location": resolve_url(to)})
    return redirect(to)


def _reused_behind(request, community) -> dict:
    """The assets a figure counted: ``?reused=1`` with a period (the dashboard's used or
    adapted), ``?mapped=<code>`` (the knowledge map's)."""
    found = {"among": None, "text": "", "error": ""}
    mapped = request.GET.get("mapped", "")
    names = dict(selectors.behaviour_choices(community)) if mapped else {}
    if mapped in names:  # the knowledge map counts every asset ever published with it
        return found | {
            "among": set(counted.mapped_ids(community, mapped, Verb.ASSET_PUBLISHED)),
            "text": _("assets published for “%(behaviour)s”") % {"behaviour": names[mapped]},
        }
    if request.GET.get("reused") != "1":
        return found
    try:
        period = parse_period(request.GET.get("start"), request.GET.get("end"))
    except PeriodError as error:
        return found | {"error": str(error)}
    return found | {
        "among": counted.reused_asset_ids(community, period),
        "text": _("assets used or adapted %(period)s") % {"period": period.describe()},
    }


def library(request, slug):
    community = _community(request, slug)
    kind = request.GET.get("kind", "")
    kind = kind if kind in Asset.Kind.values else ""
    behaviours = selectors.behaviour_choices(community)
    behaviour = request.GET.get("behaviour", "")
    behaviour = behaviour if behaviour in {code for code, _name in behaviours} else ""
    sort = request.GET.get("sort", "newest")
    sort = sort if sort in selectors.SORTS else "newest"
    tag = request.GET.get("tag", "")[:60]
    figure = _reused_behind(request, community)
    if figure["among"] is not None:  # a figure's list: the other filters give way to it
        kind = behaviour = tag = ""
    qs = selectors.library(
        community,
        viewer=request.user,
        tag=tag,
        kind=kind,
        behaviour=behaviour,
        sort=sort,
        among=figure["among"],
    )
    page = Paginator(qs, ASSETS_PER_PAGE).get_page(request.GET.get("page"))
    behind = None
    if figure["among"] is not None:
        behind = counted.Behind(
            text=figure["text"],
            clear_url=reverse("assets:library", kwargs={"slug": community.slug}),
            shown=page.paginator.count,
            counted=len(figure["among"]),  # rows counted: a figure's own number
        )
    return render(
        request,
        "assets/library.html",
        {
            **header_context(request, community),
            "page": page,
            "behind": behind,
            "behind_error": figure["error"],
            "kind": kind,
            "kinds": Asset.Kind.choices,
            "behaviour": behaviour,
            "behaviours": behaviours,
            "sort": sort,
            "tag": tag,
            "can_publish": asset_policy.can_publish(request.user, community),
        },
    )


@login_required
@submitted_once("asset", answer=_done)
def asset_new(request, slug):
    community = _community(request, slug)
    require(
        asset_policy.can_publish(request.user, community),
        _("Join the community to share in its library."),
    )
    form = AssetForm(
        request.POST or None,
        request.FILES or None,
        community=community,
        behaviours=selectors.behaviour_choices(community),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            asset = services.publish_asset(
                author=request.user,
                community=community,
                title=data["title"],
                kind=data["kind"],
                summary=data["summary"],
                upload=data.get("file"),
                url=data.get("url", ""),
                body=data.get("body", ""),
                tags=data["tags"],
                behaviour=data["behaviour"],
                licence=data["licence"],
                visibility=data.get("visibility", Asset.Visibility.MEMBERS),
                members_can_edit=data["members_can_edit"],
            )
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            record(request, asset)
            messages.success(request, _("It is in the library. Thank you for sharing."))
            return _done(request, asset)
    return render(
        request,
        "assets/asset_new.html",
        {"community": community, "form": form},
        status=400 if form.errors else 200,
    )


def asset_detail(request, slug, asset_id):
    community = _community(request, slug)
    asset = _asset(request, community, asset_id)
    user = request.user
    versions = selectors.versions(asset)
    latest = versions[0] if versions else None
    return render(
        request,
        "assets/asset_detail.html",
        {
            **header_context(request, community),
            "asset": asset,
            "versions": versions,
            "latest": latest,
            "body_html": render_markdown(latest.body) if asset.is_document and latest else "",
            "lineage": selectors.lineage(user, asset),
            "reuses": selectors.reusers(asset),
            "threads": selectors.citing_threads(user, asset),
            "origin": selectors.origin_thread(user, asset),
            "can_add_version": asset_policy.can_add_version(user, asset),
            "can_adapt": asset_policy.can_adapt(user, asset),
            "can_report_use": asset_policy.can_report_use(user, asset),
            "use_form": UseForm(),
        },
    )


def download(request, slug, asset_id, number):
    """Every download passes here: permission first, then a stream, never a public URL."""
    community = _community(request, slug)
    asset = _asset(request, community, asset_id)
    version = get_object_or_404(AssetVersion, asset=asset, number=number)
    services.record_download(user=request.user, asset=asset)
    if asset.kind == Asset.Kind.LINK:
        # The browser goes there; the server never fetches it.
        return HttpResponseRedirect(version.url)
    if asset.kind == Asset.Kind.DOCUMENT:
        response = HttpResponse(version.body, content_type="text/markdown; charset=utf-8")
        name = f"{slugify(asset.title) or 'document'}-v{version.number}.md"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        try:
            handle = version.file.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise Http404(_("This file is missing from storage.")) from error
        response = FileResponse(
            handle,
            as_attachment=version.content_type not in INLINE_SAFE,
            filename=version.filename,
            content_type=version.content_type,
        )
    response["X-Content-Type-Options"] = "nosniff"
    # Even a file shown inline may not run scripts or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store" if asset.members_only else "public, max-age=300"
    return response


@login_required
def new_version(request, slug, asset_id):
    community = _community(request, slug)
    asset = _asset(request, community, asset_id)
    require(
        asset_policy.can_add_version(request.user, asset),
        _("Only the person who shared it, or a gardener, can add a version."),
    )
    latest = asset.latest_version
    form = VersionForm(
        request.POST or None,
        request.FILES or None,
        kind=asset.kind,
        initial={"body": latest.body if latest else "", "url": latest.url if latest else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_asset_version(
                author=request.user,
                asset=asset,
                change_note=data["change_note"],
                upload=data.get("file"),
                url=data.get("url", ""),
                body=data.get("body", ""),
            )
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            messages.success(request, _("New version saved; earlier versions stay available."))
            return _done(request, asset)
    return render(
        request,
        "assets/version_new.html",
        {"community": community, "asset": asset, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def adapt(request, slug, asset_id):
    community = _community(request, slug)
    asset = _asset(request, community, asset_id)
    require(asset_policy.can_adapt(request.user, asset))
    targets = selectors.adapt_targets(request.user)
    form = AdaptForm(
        request.POST or None,
        communities=targets,
        initial={"title": _("%(title)s (adapted)") % {"title": asset.title}},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adaptation = services.adapt_asset(
                user=request.user,
                asset=asset,
                community=data["community"],
                title=data["title"],
                change_note=data["change_note"],
                story=data["story"],
            )
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            messages.success(request, _("Your adaptation is in the library. Make it yours."))
            return redirect(adaptation)
    return render(
        request,
        "assets/adapt.html",
        {"community": community, "asset": asset, "form": form, "has_targets": targets.exists()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def used(request, slug, asset_id):
    community = _community(request, slug)
    asset = _asset(request, community, asset_id)
    form = UseForm(request.POST)
    if form.is_valid():
        try:
            services.report_use(user=request.user, asset=asset, story=form.cleaned_data["story"])
        except ActionError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("Thank you: the people who made it will see it helped."))
    else:
        messages.error(request, _("Keep the story shorter, please."))
    return redirect(asset)


def _version_number(value: str) -> int | None:
    return int(value[:9]) if value.isdecimal() else None


def diff(request, slug, asset_id):
    """What changed between two versions of a living document, line by line."""
    community = _community(request, slug)
    asset = _asset(request, community, asset_id)
    if not asset.is_document:
        raise Http404(_("Only living documents have a text diff."))
    versions = selectors.versions(asset)
    by_number = {v.number: v for v in versions}
    newest = versions[0].number if versions else 1
    old_n = _version_number(request.GET.get("from", "")) or max(1, newest - 1)
    new_n = _version_number(request.GET.get("to", "")) or newest
    old, new = by_number.get(old_n), by_number.get(new_n)
    if old is None or new is None:
        messages.error(request, _("Choose two versions that exist."))
        old, new = by_number.get(max(1, newest - 1)), by_number.get(newest)
    lines = []
    if old is not None and new is not None:
        for line in difflib.unified_diff(
            old.body.splitlines(), new.body.splitlines(), lineterm="", n=3
        ):
            if line.startswith(("---", "+++")):
                continue
            kind = {"+": "added", "-": "removed", "@": "hunk"}.get(line[:1], "same")
            lines.append((kind, line))
    return render(
        request,
        "assets/diff.html",
        {
            **header_context(request, community),
            "asset": asset,
            "versions": versions,
            "old": old,
            "new": new,
            "lines": lines,
        },
    )

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.models.choices import JoinPolicy, Visibility
from core.errors import ActionError, report_refusal
from core.policies import get_visible_or_404, require
from core.submissions import record, submitted_once
from proposals import selectors, services
from proposals.forms import LaunchForm, ProposalForm, SupportForm
from proposals.models import NOTE_MAX, Supporter
from proposals.permissions import proposals as proposal_policy

PAGE_SIZE = 20


def _proposal(request, proposal_id: int):
    return get_visible_or_404(
        proposal_policy, request.user, selectors.proposal_page(), pk=proposal_id
    )


def proposal_list(request):
    sort = request.GET.get("sort", "")
    sort = sort if sort in selectors.SORTS else "newest"
    page = Paginator(selectors.gathering_proposals(request.user, sort), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "proposals/list.html",
        {
            "page": page,
            "sort": sort,
            "can_propose": proposal_policy.can_propose(request.user),
        },
    )


@login_required
@submitted_once("proposal")
def proposal_new(request):
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.propose_community(proposer=request.user, **form.cleaned_data)
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            record(request, proposal)
            messages.success(
                request, _("Your proposal is up. Share its address with people who care.")
            )
            return redirect(proposal)
    return render(
        request,
        "proposals/form.html",
        {"form": form, "proposal": None},
        status=400 if form.errors else 200,
    )


def proposal_detail(request, proposal_id: int, status: int = 200):
    proposal = _proposal(request, proposal_id)
    user = request.user
    supporters = selectors.supporters(proposal)
    community = proposal.launched_community
    my_support = selectors.support_of(user, supporters)
    return render(
        request,
        "proposals/detail.html",
        {
            "proposal": proposal,
            "supporters": supporters,
            "helpers": [s for s in supporters if s.role == Supporter.Role.HELP],
            "joiners": [s for s in supporters if s.role == Supporter.Role.JOIN],
            "my_support": my_support,
            "support_form": SupportForm(initial={"note": my_support.note if my_support else ""}),
            "can_support": proposal_policy.can_support(user, proposal),
            "can_edit": proposal_policy.can_edit(user, proposal),
            "can_launch": proposal_policy.can_launch(user, proposal),
            "is_proposer": proposal_policy.is_proposer(user, proposal),
            "community": community,
        },
        status=status,
    )


def _refused(request, proposal_id: int, error: ActionError):
    """The proposal page again, with the reason and the refusal's 4xx status; what the
    person may not do at all answers with the site's 403 page."""
    report_refusal(request, error)
    return proposal_detail(request, proposal_id, status=error.status)


@login_required
def proposal_edit(request, proposal_id: int):
    proposal = _proposal(request, proposal_id)
    require(
        proposal_policy.is_proposer(request.user, proposal),
        _("Only the person who proposed it can change it."),
    )
    if not proposal.is_gathering:
        return _refused(
            request, proposal_id, ActionError(_("This proposal is closed."), status=409)
        )
    form = ProposalForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_proposal(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(proposal)
    return render(
        request,
        "proposals/form.html",
        {"form": form, "proposal": proposal},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def proposal_withdraw(request, proposal_id: int):
    proposal = _proposal(request, proposal_id)
    try:
        services.withdraw_proposal(actor=request.user, proposal=proposal)
    except ActionError as error:
        return _refused(request, proposal_id, error)
    messages.success(request, _("The proposal is withdrawn. Its supporters stay listed."))
    return redirect(proposal)


@login_required
@require_POST
def support(request, proposal_id: int):
    proposal = _proposal(request, proposal_id)
    form = SupportForm(request.POST)
    if not form.is_valid():
        if "role" in form.errors:
            message = _("Choose whether you would join or help run it.")
        else:
            message = _("Keep the note to one line of %(max)s characters.") % {"max": NOTE_MAX}
        return _refused(request, proposal_id, ActionError(message))
    try:
        supporter = services.support_proposal(
            user=request.user,
            proposal=proposal,
            role=form.cleaned_data["role"],
            note=form.cleaned_data["note"],
        )
    except ActionError as error:
        return _refused(request, proposal_id, error)
    if supporter.role == Supporter.Role.HELP:
        messages.success(request, _("Thank you: you would help run it."))
    else:
        messages.success(request, _("Thank you: you would join it."))
    return redirect(proposal)


@login_required
@require_POST
def unsupport(request, proposal_id: int):
    proposal = _proposal(request, proposal_id)
    try:
        services.withdraw_support(user=request.user, proposal=proposal)
    except ActionError as error:
        return _refused(request, proposal_id, error)
    messages.success(request, _("Your support is withdrawn."))
    return redirect(proposal)


@login_required
def launch(request, proposal_id: int):
    proposal = _proposal(request, proposal_id)
    require(
        proposal_policy.is_proposer(request.user, proposal),
        _("Only the person who proposed it can launch it."),
    )
    if not proposal.is_gathering:
        return _refused(
            request,
            proposal_id,
            ActionError(
                _("This proposal has already been launched.")
                if proposal.launched_at
                else _("This proposal was withdrawn."),
                status=409,
            ),
        )
    form = LaunchForm(
        request.POST or None,
        initial={
            "name": proposal.title,
            "slug": services.suggested_slug(proposal.title),
            # Outsiders cannot find a community that is not public: nobody could just join.
            "join_policy": (
                JoinPolicy.OPEN if proposal.visibility == Visibility.PUBLIC else JoinPolicy.INVITE
            ),
            "timezone": request.user.timezone,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            community = services.launch_proposal(
                actor=request.user,
                proposal=proposal,
                launch_meeting=form.launch_meeting(),
                **form.community_fields(),
            )
        except ActionError as error:
            if error.status == 409:  # a double submit: the first one launched it
                return _refused(request, proposal_id, error)
            report_refusal(request, error, form)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is launched. You are its gardener; everyone who supported it is a "
                    "member, and those who offered to help run it are its core group."
                )
                % {"name": community.name},
            )
            return redirect(community)
    return render(
        request,
        "proposals/launch.html",
        {"form": form, "proposal": proposal},
        status=400 if form.errors else 200,
    )

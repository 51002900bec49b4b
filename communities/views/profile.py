"""A person's page: the communities they belong to and how they moved through them."""

from django.shortcuts import get_object_or_404, render

from accounts.models import User
from communities import permissions, selectors


def profile(request, username):
    person = get_object_or_404(User, username=username, is_active=True)
    return render(
        request,
        "communities/profile.html",
        {
            "person": person,
            "memberships": selectors.profile_memberships(person, viewer=request.user),
            "trajectory": permissions.mark_readable_reasons(
                request.user, selectors.trajectory(person, viewer=request.user)[:50]
            ),
            "is_me": request.user == person,
        },
    )

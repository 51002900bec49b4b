"""The machinery every policy shares: lazy truths, the one guard and the one refusal."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.policies import Truth, get_visible_or_404, require
from discussions.models import Thread
from discussions.permissions import threads


def test_truths_combine_like_q_and_ask_only_what_they_need():
    asked = []

    def fact(name, value):
        return Truth(lambda: asked.append(name) or value)

    assert bool(fact("a", True) | fact("b", True)) is True
    assert bool(fact("c", False) & fact("d", True)) is False
    assert bool(~fact("e", False)) is True
    assert asked == ["a", "c", "e"]


def test_the_guard_finds_what_one_may_see_in_one_query(fresh, django_assert_num_queries):
    thread, member = fresh.threads["private"], fresh.viewer("member")

    with django_assert_num_queries(1):
        found = get_visible_or_404(threads, member, pk=thread.pk)

    assert found == thread
    with pytest.raises(Http404):
        get_visible_or_404(threads, fresh.viewer("outsider"), pk=thread.pk)
    assert get_visible_or_404(threads, member, Thread.objects.filter(pk=thread.pk)) == thread


def test_members_and_readers_never_pay_for_the_guest_pass_lookup(fresh, django_assert_num_queries):
    member, reader = fresh.viewer("member"), fresh.viewer("outsider")
    public, members_only = fresh.threads["public"], fresh.threads["public-members-only"]
    assert public.community and members_only.community  # loaded, as the pages load them

    with django_assert_num_queries(0):
        assert threads.can_view(reader, public)
    with django_assert_num_queries(1):  # the membership, then cached for the request
        assert threads.can_view(member, members_only)
        assert threads.can_reply(member, members_only)


def test_a_refusal_is_the_sites_403_page_with_the_reason(client, rf):
    with pytest.raises(PermissionDenied, match="Join first"):
        require(False, "Join first")
    require(True, "never raised")

    from copsite.views import permission_denied

    page = permission_denied(rf.get("/"), PermissionDenied("Join the community first."))
    assert page.status_code == 403
    assert "Join the community first." in page.content.decode()

import pytest

from discussions import services
from tests.factories import UserFactory, add_replies

pytestmark = pytest.mark.django_db


def test_mentions_of_real_people_become_profile_links(thread, answerer):
    UserFactory(username="ben")

    post = services.reply_to_thread(
        author=answerer, thread=thread, body="Ask @ben, not @nobody; mail me@example.org"
    )

    assert '<a href="/u/ben/"' in post.body_html
    assert "@nobody" in post.body_html and "/u/nobody/" not in post.body_html
    assert "/u/example.org/" not in post.body_html


def test_a_mention_cannot_smuggle_markup(thread, answerer):
    post = services.reply_to_thread(
        author=answerer, thread=thread, body='@"><script>alert(1)</script> hello'
    )
    assert "<script>" not in post.body_html


def test_quote_prefills_the_reply_as_markdown(thread, answerer, asker, client):
    reply = add_replies(thread, 1, authors=[answerer])[0]
    client.force_login(asker)

    response = client.get(thread.get_absolute_url(), {"quote": reply.number})

    initial = response.context["reply_form"].initial["body"]
    assert initial.startswith(f"> **@{answerer.username}** wrote:")
    assert "> Reply 1" in initial


@pytest.mark.parametrize("quote", ["999", "abc", "", "²"])
def test_odd_quote_values_are_ignored(thread, asker, client, quote):
    client.force_login(asker)
    response = client.get(thread.get_absolute_url(), {"quote": quote})
    assert response.status_code == 200
    assert not response.context["reply_form"].initial


def test_outsiders_get_no_quote(thread, client):
    client.force_login(UserFactory())
    response = client.get(thread.get_absolute_url(), {"quote": 1})
    assert not response.context["reply_form"].initial

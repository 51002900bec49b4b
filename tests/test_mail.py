"""Mail parts: the HTML part is escaped, the subject and the text part are plain text."""

from django.core import mail

from core.mail import send_templated_mail
from tests.factories import CommunityFactory


def test_subject_and_text_keep_apostrophes_and_ampersands_the_html_escapes_markup(db):
    community = CommunityFactory(name="Pilots' night shift & <friends>")
    send_templated_mail(
        template_prefix="proposals/email/launched",
        context={"community": community, "proposal": None, "url": "http://x/c/p/", "helper": True},
        to=["a@example.org"],
    )
    [message] = mail.outbox
    assert "Pilots' night shift & <friends>" in message.subject
    assert "&#x27;" not in message.subject and "&#x27;" not in message.body
    html = message.alternatives[0][0]
    assert "&lt;friends&gt;" in html and "<friends>" not in html

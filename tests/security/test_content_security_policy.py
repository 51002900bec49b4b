"""Every page carries a Content-Security-Policy that allows no inline script."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("path", ["/", "/communities/", "/accounts/login/", "/no-such-page/"])
def test_pages_forbid_inline_and_foreign_scripts(client, path):
    policy = _policy(client.get(path))
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_a_signed_in_community_page_has_it_too(client, community, member):
    client.force_login(member)
    assert "script-src 'self'" in client.get(f"/c/{community.slug}/")["Content-Security-Policy"]


def test_no_template_has_an_inline_script_or_event_handler():
    found = []
    for template in ROOT.glob("*/templates/**/*.html"):
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=", text):
            found.append(str(template.relative_to(ROOT)))
    assert found == []

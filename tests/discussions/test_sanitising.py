"""Markdown in posts is rendered to harmless HTML: stored that way, and shown that way."""

from html.parser import HTMLParser

import pytest

from core.errors import ActionError
from core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS
from discussions import services
from tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss-script')</script>",
    "Before <SCRIPT SRC=https://evil.example/x.js></SCRIPT> after",
    "[click me](javascript:alert('xss-js'))",
    "[click me](JaVaScRiPt:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">tabbed</a>',
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    "![image](javascript:alert(1))",
    "<img src=x onerror=alert('xss-img')>",
    "<p onclick=\"alert('xss-click')\">paragraph</p>",
    "<a href='https://ok.example' onclick='alert(1)' onmouseover='alert(2)'>ok</a>",
    "<svg onload=alert('xss-svg')><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src='https://evil.example' srcdoc='<script>alert(1)</script>'></iframe>",
    "<scr<script>ipt>alert('xss-nested')</script>",
    "<div><b><i onmouseover=alert(1)>nested</i></b></div>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>body { display: none }</style>",
    "<object data=x></object><embed src=x>",
    "<form action=https://evil.example><input name=password><button>Go</button></form>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href='https://evil.example/'>",
    '[titled](https://ok.example "t\\" onmouseover=alert(1)")',
    "<javascript:alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    "```\n<script>alert('in code')</script>\n```",
    "`<img src=x onerror=alert(1)>` inline code",
    '<td background="javascript:alert(1)" align="left">cell</td>',
    '> <a href="vbscript:msgbox(1)">quote</a>',
]


class _Audit(HTMLParser):
    """Collects everything in a fragment that could run script or leave the allow-list."""

    def __init__(self, *, strict: bool):
        super().__init__(convert_charrefs=True)
        self.strict = strict  # a stored post: only the allow-list; a page: only no script
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if self.strict and tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        if tag in {"iframe", "svg", "object", "embed", "math", "base", "frame"}:
            self.problems.append(f"tag <{tag}>")
        if tag == "script":
            self.in_script = True
            if self.strict:
                self.problems.append("script")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name}")
            if self.strict and name not in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in {"href", "src", "action", "formaction", "background", "srcdoc"}:
                scheme = (value or "").split(":", 1)[0].strip().lower()
                if ":" in (value or "") and scheme not in ALLOWED_SCHEMES:
                    self.problems.append(f"{name}={value}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert" in data:
            self.problems.append(f"script content {data!r}")


def _problems(html: str, *, strict: bool) -> list[str]:
    audit = _Audit(strict=strict)
    audit.feed(html)
    audit.close()
    return audit.problems


@pytest.mark.parametrize("body", ["<script>alert(1)</script>", "<iframe src=x></iframe>"])
def test_a_post_that_sanitises_to_nothing_is_refused(thread, answerer, body):
    with pytest.raises(ActionError, match="Write a message"):
        services.reply_to_thread(author=answerer, thread=thread, body=body)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_post_is_stored_as_harmless_html(thread, answerer, payload):
    post = services.reply_to_thread(author=answerer, thread=thread, body=f"Hello\n\n{payload}")

    assert _problems(post.body_html, strict=True) == []
    assert "<p>Hello</p>" in post.body_html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_thread_page_shows_no_live_markup_from_posts(community, member, client, payload):
    thread = ThreadFactory(
        community=community, author=member, title=f"Title {payload}", body=f"Opening {payload}"
    )
    services.reply_to_thread(author=member, thread=thread, body=f"Reply {payload}")
    client.force_login(member)

    for url in [thread.get_absolute_url(), f"/c/{community.slug}/threads/"]:
        content = client.get(url).content.decode()
        assert _problems(content, strict=False) == [], url


def test_edited_text_is_sanitised_too(thread, asker):
    post = thread.posts.get(number=1)

    services.edit_post(editor=asker, post=post, body="<img src=x onerror=alert(1)> **ok**")

    post.refresh_from_db()
    assert _problems(post.body_html, strict=True) == []
    assert "<strong>ok</strong>" in post.body_html


def test_safe_markdown_still_works(thread, answerer):
    body = (
        "## Heading\n\n**bold** _em_ `code` ~~no~~\n\n- a\n- b\n\n1. one\n\n"
        "> quoted\n\n[site](https://example.org) and <mailto:a@example.org>\n\n"
        "| a | b |\n|---|--:|\n| 1 | 2 |\n"
    )

    html = services.reply_to_thread(author=answerer, thread=thread, body=body).body_html

    assert "<h4>Heading</h4>" in html  # page structure owns h1/h2; user headings shift down
    for fragment in [
        "<strong>bold</strong>",
        "<em>em</em>",
        "<code>code</code>",
        "<li>a</li>",
        "<blockquote>",
        "<table>",
        "<td>2</td>",
    ]:
        assert fragment in html
    assert '<a href="https://example.org" rel="nofollow noopener ugc">site</a>' in html


def test_links_carry_rel_nofollow(thread, answerer):
    html = services.reply_to_thread(
        author=answerer,
        thread=thread,
        body='<a href="https://example.org" rel="opener" target="_blank">x</a>',
    ).body_html

    assert 'rel="nofollow noopener ugc"' in html
    assert 'opener"' not in html.replace("noopener", "")
    assert "target" not in html


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" data:text/html,x">x</a>',
        "<svg><circle/></svg>",
        "<iframe src=https://example.org></iframe>",
    ],
)
def test_the_audit_itself_catches_live_markup(raw):
    # Guards the guard: unsanitised payloads must be reported, on a page as in a post.
    assert _problems(raw, strict=False)
    assert _problems(raw, strict=True)

"""One URL policy for every entry point (issue 9, items 2 and 3).

``http://user:pass@host/`` and ``http://127.0.0.1:A\\@127.0.0.1:B/`` (host B to
Python, host A to a browser) are refused by :func:`phuly_tui.urls.check_web_url`,
and every place that takes a URL — the parser's links, the fetcher, the
library (the CLI's and the app's input), the app's link following and the
browser opener — is given the same table and must refuse each entry without
repeating a password.  A last test reads the package's source and fails when a
new module takes URLs apart by hand instead of asking :mod:`phuly_tui.urls`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import phuly_tui
from phuly_tui.config import Config
from phuly_tui.errors import PhulyError, UnsafeURLError
from phuly_tui.fetch.origins import OriginPolicy, displayable_url
from phuly_tui.library import Library
from phuly_tui.parse import parse_article, parse_listing
from phuly_tui.ui.external import open_in_browser
from phuly_tui.urls import (
    URLRefused,
    check_web_url,
    is_http_url,
    is_portal_url,
    origin_of,
    redacted,
    resolve,
    web_url,
)
from tests.support.portal_server import FIXTURE_DIR

BASE = "http://127.0.0.1:8000"
NEWEST = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"
SECRET = "s3cret"
#: (address, why it is refused); every one names the portal's host somewhere
HOSTILE = [
    (f"http://user:{SECRET}@127.0.0.1:8000/Pages/ok.aspx", "userinfo"),
    (f"http://{SECRET}@127.0.0.1:8000/Pages/ok.aspx", "userinfo"),
    (f"https://:{SECRET}@phuly.hanam.gov.vn/Pages/ok.aspx", "userinfo"),
    ("http://127.0.0.1:8000@evil.example/Pages/ok.aspx", "userinfo"),
    # the address: host 127.0.0.1:8001 to Python, 127.0.0.1:8000 to a browser
    ("http://127.0.0.1:8000\\@127.0.0.1:8001/Pages/ok.aspx", "backslash"),
    ("http://127.0.0.1:8001\\@127.0.0.1:8000/Pages/ok.aspx", "backslash"),
    ("http:\\\\127.0.0.1:8000/Pages/ok.aspx", "backslash"),
    ("http:/\\evil.example/Pages/ok.aspx", "backslash"),
    ("http://127.0.0.1:8000\\.evil.example/Pages/ok.aspx", "backslash"),
]
IDS = [f"{why}-{n}" for n, (_url, why) in enumerate(HOSTILE)]


def test_the_policy_refuses_each_and_says_why() -> None:
    for url, why in HOSTILE:
        with pytest.raises(URLRefused) as refused:
            check_web_url(url)
        assert refused.value.reason == why, url
        assert SECRET not in str(refused.value)
        assert web_url(url) is None
        assert not is_http_url(url)
        assert origin_of(url) == ""
        assert not is_portal_url(url, BASE)


@pytest.mark.parametrize(("url", "why"), HOSTILE, ids=IDS)
def test_a_page_link_with_credentials_or_a_backslash_is_no_link(url: str, why: str) -> None:
    """Never fetched, opened, stored or printed: the text stays, the link does not."""
    del why
    href = url.replace("&", "&amp;").replace('"', "&quot;")
    assert resolve(url, BASE + "/Pages/a.aspx") is None
    page = (
        "<html><head><meta charset='utf-8'><title>Tin</title></head><body>"
        "<div class='news-detail'><h1 class='title'>Tin thử</h1>"
        "<div class='date'>14/06/2024</div><div class='content'>"
        f'<p>Đoạn một có <a href="{href}">liên kết</a> ở giữa câu văn dài.</p>'
        f"<p><img src=\"{href}\" alt='ảnh'></p></div>"
        f"<div class='news-related'><h3>Tin liên quan</h3><ul><li><a href=\"{href}\">Tin khác</a>"
        "</li></ul></div></div></body></html>"
    ).encode()
    article = parse_article(page, BASE + "/Pages/a.aspx")
    text = repr(article.to_dict())
    assert SECRET not in text
    assert "evil.example" not in text
    assert "\\\\" not in text.replace("\\\\\\\\", "")  # no backslash inside any URL
    assert "liên kết" in text
    listing_page = (FIXTURE_DIR / "site" / "Pages" / "tin-tuc-su-kien.aspx").read_text("utf-8")
    assert NEWEST in listing_page
    listing = parse_listing(
        listing_page.replace(f'href="{NEWEST}"', f'href="{href}"').encode(),
        BASE + "/Pages/tin-tuc-su-kien.aspx",
    )
    assert listing.items
    assert SECRET not in repr(listing.to_dict())
    assert all(item.url.startswith(BASE + "/") for item in listing.items)


@pytest.mark.parametrize(("url", "why"), HOSTILE, ids=IDS)
def test_the_fetchers_policy_refuses_without_a_request(url: str, why: str) -> None:
    del why
    policy = OriginPolicy(BASE)
    assert not policy.is_allowed(url)
    with pytest.raises(UnsafeURLError) as refused:
        policy.check(url)
    assert SECRET not in refused.value.message
    # a redirect to such an address is refused, and named without the password
    target = policy.redirect_target(url, BASE + "/Pages/a.aspx")
    assert not policy.is_allowed(target)
    assert SECRET not in displayable_url(target)


@pytest.mark.parametrize(("url", "why"), HOSTILE, ids=IDS)
def test_the_library_refuses_it_as_input(url: str, why: str, tmp_path: Path) -> None:
    """What the CLI (``read``, ``export``, ``list``, a deep link) and the app ask for."""
    del why
    library = Library(Config(base_url=BASE, data_dir=tmp_path))
    with pytest.raises(UnsafeURLError) as refused:
        library.absolute(url)
    assert SECRET not in refused.value.message
    assert not library.is_portal_url(url)


@pytest.mark.parametrize(("url", "why"), HOSTILE, ids=IDS)
def test_the_browser_opener_refuses_it(url: str, why: str) -> None:
    del why
    launched: list[tuple[str, ...]] = []
    result = open_in_browser(
        url,
        env={"DISPLAY": ":0", "PATH": "/usr/bin"},
        platform="linux",
        which=lambda name: f"/usr/bin/{name}",
        launcher=launched.append,
    )
    assert not result.opened
    assert launched == []
    assert SECRET not in result.reason


def test_the_base_url_is_refused_with_credentials() -> None:
    from phuly_tui.config import load_config

    with pytest.raises(PhulyError) as refused:
        load_config(environ={"PHULY_TUI_BASE_URL": f"http://user:{SECRET}@127.0.0.1:8000"})
    assert SECRET not in refused.value.message


def test_redacted_hides_what_the_authority_holds() -> None:
    assert redacted(f"http://user:{SECRET}@h/p?a=b@c") == "http://***@h/p?a=b@c"
    assert redacted("http://a:1\\@b:2/p") == "http://***@b:2/p"
    assert redacted(f"user:{SECRET}@h/x") == "***@h/x"
    assert redacted("/Pages/a@b.aspx") == "/Pages/a@b.aspx"


# -- one spelling --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spelling", "normal"),
    [
        ("HTTP://127.0.0.1:8000/Pages/X.aspx", "http://127.0.0.1:8000/Pages/X.aspx"),
        ("http://PHULY.Hanam.gov.vn:443/x", "http://phuly.hanam.gov.vn:443/x"),
        ("https://PHULY.Hanam.gov.vn:443/x", "https://phuly.hanam.gov.vn/x"),
        ("http://example.vn:80/x#top", "http://example.vn/x"),
        ("http://example.vn.", "http://example.vn/"),
        ("http://example.vn:/x?a=1", "http://example.vn/x?a=1"),
        ("http://[::1]:8000/x", "http://[::1]:8000/x"),
        # controls and bidi overrides are sent percent-encoded: written so, one page,
        # and an address never carries a byte a terminal acts on (spaces as sent: %20)
        (
            "http://example.vn/a\x9b2J\u202e.aspx?x=\x1b]52;c;aGk=\x07&y=[b] c",
            "http://example.vn/a%C2%9B2J%E2%80%AE.aspx?x=%1B]52;c;aGk=%07&y=[b]%20c",
        ),
    ],
)
def test_one_spelling_per_page(spelling: str, normal: str) -> None:
    assert check_web_url(spelling) == normal


def test_links_and_input_come_back_in_their_one_spelling(tmp_path: Path) -> None:
    library = Library(Config(base_url=BASE, data_dir=tmp_path))
    page = BASE + "/Pages/a.aspx"
    forms = [
        "HTTP://127.0.0.1:8000/Pages/b.aspx",
        "http://127.0.0.1:8000/Pages/b.aspx#muc-2",
        "/Pages/b.aspx",
        "https://PHULY.hanam.gov.vn/Pages/b.aspx",  # the canonical portal, rebased
    ]
    expected = BASE + "/Pages/b.aspx"
    assert {resolve(form, page) for form in forms} == {expected}
    assert {library.absolute(form) for form in forms} == {expected}


@pytest.mark.parametrize(
    "refused", ["http://h:0/", "http://h:65536/", "http://h:8x/", "http://a b/", "http://%65vil/"]
)
def test_malformed_hosts_and_ports_are_refused(refused: str) -> None:
    assert web_url(refused) is None


# -- no other place takes URLs apart ---------------------------------------------------------
PACKAGE = Path(phuly_tui.__file__).parent
#: pieces of a URL that decide what it is or where it goes
AUTHORITY_PARTS = frozenset({"netloc", "hostname", "username", "password", "scheme"})
#: (module, function) allowed to read them, and why
ALLOWED = {
    # a proxy address is not a page: it may carry credentials by design, and they are
    # removed before it is named in a message
    ("fetch/proxies.py", "proxy_for"),
    ("config/values.py", "_proxy"),
    # the scheme of a request the policy already let through decides whether TLS is set up
    ("fetch/transport.py", "handle_async_request"),
    # the parser's fast path sends every href with a backslash to the policy (resolve)
    ("parse/links.py", "_needs_resolver"),
}


def _hand_made_url_checks() -> list[str]:
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative != "urls.py":
            _visit(ast.parse(path.read_text(encoding="utf-8")), relative, "<module>", found)
    return found


def _visit(node: ast.AST, module: str, function: str, found: list[str]) -> None:
    """Every authority part read, or ``"://"``/``"@"``/``"\\"`` tested, outside ALLOWED."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            _visit(child, module, child.name, found)
            continue
        allowed = (module, function) in ALLOWED
        where = f"{module}:{getattr(child, 'lineno', 0)} in {function}"
        if isinstance(child, ast.Attribute) and child.attr in AUTHORITY_PARTS and not allowed:
            found.append(f"{where}: .{child.attr}")
        elif (
            isinstance(child, ast.Compare)
            and isinstance(child.left, ast.Constant)
            and child.left.value in ("://", "@", "\\")
            and not allowed
        ):
            found.append(f"{where}: {ast.unparse(child)}")
        _visit(child, module, function, found)


def test_only_the_url_module_takes_addresses_apart() -> None:
    found = _hand_made_url_checks()
    assert not found, "URL checks outside phuly_tui.urls:\n" + "\n".join(found)

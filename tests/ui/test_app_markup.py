"""Outside text is never markup, wherever it reaches the screen (issue 9, item 1).

A hostile article — its address, title, image caption, attachment name, related
links, a link off the portal, a server's redirect target and Content-Type all
carrying ``[@click=…]`` markup — is read through every place that shows outside
text: notifications (message and title), the reader and its error pane, the
status line, the picker, the confirm dialog, search results, bookmarks, the
find bar, the help and the key bar.  Each time the characters must show
literally, nothing on the screen may carry a click action, a click on the
would-be link does nothing (no file written, the app still running), and no
markup parser ever sees the hostile text.
"""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from phuly_tui.ui.app import PhulyApp
from tests.support.app_harness import make_app, notifications, settle
from tests.support.portal_server import FIXTURE_DIR, PortalServer
from tests.support.screen_dump import screen_lines, screen_text

ARTICLE_FILE = "Pages/ky-hop-thuong-le-giua-nam-2024-hdnd-thanh-pho-phu-ly.aspx"
#: the issue's address: ``y`` copied it and said so in markup
ARTICLE_TARGET = "/Pages/ok.aspx?a=[bold%20red]RED[/]"
ARTICLE_PATH = "/Pages/ok.aspx?a=[bold red]RED[/]"
TITLE = "Kỳ họp thường lệ giữa năm 2024 HĐND thành phố Phủ Lý"
CAPTION = "Quang cảnh kỳ họp thường lệ giữa năm 2024 HĐND thành phố"
ATTACHMENT = "Nghị quyết kỳ họp thường lệ giữa năm 2024"
RELATED_1 = "/Pages/ubnd-thanh-pho-phu-ly-so-ket-tinh-hinh-kinh-te-xa-hoi-6-thang-dau-nam-2024.aspx"
RELATED_2 = "/Pages/thu-ngan-sach-9-thang-nam-2024-cua-thanh-pho-phu-ly-dat-khu-vuc-cao.aspx"
PARAGRAPH = "Kỳ họp diễn ra trong 1,5 ngày"

HOSTILE_TITLE = "[@click=app.quit]Kỳ họp[/] [bold]đậm[/bold]"
HOSTILE_CAPTION = "[@click=app.quit]Ảnh[/] [red]chú thích[/red]"
HOSTILE_ATTACHMENT = "[@click=app.quit]Nghị quyết[/] [b]tệp[/b]"
#: the issue's payload: a click on "q" saves a screenshot where the page says
CLICK_Q = "[@click=app.screenshot('pwn.svg','~/x')]q[/]"
BROKEN_LINK = "/Pages/x.aspx?" + CLICK_Q
MOVED = "/Pages/moved.aspx"
REDIRECT_TARGET = "http://evil.example/[@click=app.quit]q[/]"
ODD_TYPE = "/Pages/odd-type.aspx"
CONTENT_TYPE = "application/x-[@click=app.quit]q[/]"
OFFSITE = "http://evil.example/[@click=app.quit]x[/]"
OFFSITE_TEXT = "[@click=app.quit]liên kết[/]"


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;")


def hostile_article() -> bytes:
    html = (FIXTURE_DIR / "site" / ARTICLE_FILE).read_text(encoding="utf-8")
    html = html.replace(TITLE, HOSTILE_TITLE).replace(CAPTION, HOSTILE_CAPTION)
    html = html.replace(ATTACHMENT, HOSTILE_ATTACHMENT)
    html = html.replace(f'href="{RELATED_1}"', f'href="{_attribute(BROKEN_LINK)}"')
    html = html.replace(f'href="{RELATED_2}"', f'href="{MOVED}"')
    links = f'<a href="{_attribute(OFFSITE)}">{OFFSITE_TEXT}</a> <a href="{ODD_TYPE}">tệp lạ</a> '
    html = html.replace(PARAGRAPH, links + PARAGRAPH, 1)
    return html.encode("utf-8")


def answer(
    status: int, body: bytes = b"", headers: dict[str, str] | None = None
) -> Callable[[BaseHTTPRequestHandler], None]:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


@pytest.fixture
def hostile_portal(fresh_portal: PortalServer) -> PortalServer:
    fresh_portal.routes[ARTICLE_TARGET] = answer(
        200, hostile_article(), {"Content-Type": "text/html; charset=utf-8"}
    )
    fresh_portal.routes[MOVED] = answer(302, headers={"Location": REDIRECT_TARGET})
    fresh_portal.routes[ODD_TYPE] = answer(200, b"%PDF-1.4", {"Content-Type": CONTENT_TYPE})
    return fresh_portal


@pytest.fixture
def markup_parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string Textual or Rich parses as markup while the test runs."""
    import rich.markup
    import textual.markup

    seen: list[str] = []
    to_content = textual.markup.to_content
    render = rich.markup.render

    def spy_content(markup: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(markup)
        return to_content(markup, *args, **kwargs)

    def spy_render(markup: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(markup)
        return render(markup, *args, **kwargs)

    monkeypatch.setattr(textual.markup, "to_content", spy_content)
    monkeypatch.setattr(rich.markup, "render", spy_render)
    return seen


def live_actions(app: PhulyApp) -> list[str]:
    """Click actions carried by anything painted on the screen (toasts included)."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            meta = segment.style.meta if segment.style is not None else {}
            if "@click" in meta:
                found.append(f"{segment.text!r}: {meta['@click']}")
    return found


def toast_text(app: PhulyApp) -> str:
    from textual.widgets._toast import Toast

    return "\n".join(toast.render().plain for toast in app.screen.query(Toast))


def toast_position(app: PhulyApp, text: str, index: int) -> tuple[int, int]:
    """Screen ``(x, y)`` of ``text[index]`` inside a notification (one row of it)."""
    from textual.widgets._toast import Toast

    lines = screen_lines(app)
    for toast in app.screen.query(Toast):
        region = toast.region
        for y in range(region.y, region.bottom):
            x = lines[y][region.x : region.right].find(text)
            if x >= 0:
                return region.x + x + index, y
    raise AssertionError(f"{text!r} is in no notification:\n{screen_text(app)}")


async def click_in_toast(pilot: Pilot[Any], app: PhulyApp, text: str, index: int) -> None:
    """Click where ``[@click=…]`` markup would have made a link of ``text[index]``."""
    await pilot.click(offset=toast_position(app, text, index))
    await settle(pilot)


async def until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds (a debounce timer, a worker)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened:\n{screen_text(pilot.app)}")


def assert_inert(app: PhulyApp, home: Path) -> None:
    assert app.is_running
    assert not live_actions(app)
    assert not list(home.rglob("pwn.svg"))


async def test_outside_text_is_literal_and_inert_everywhere(
    hostile_portal: PortalServer,
    tmp_path: Path,
    markup_parsed: list[str],
    isolated_env: Path,
) -> None:
    home = isolated_env
    app = make_app(hostile_portal.url, tmp_path / "data", url=hostile_portal.url + ARTICLE_PATH)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:

        async def press(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
                await settle(pilot)

        async def reopen() -> None:
            """Back to the hostile article (after a link that opened a dialog)."""
            app.main.open_article(hostile_portal.url + ARTICLE_PATH)
            await settle(pilot)
            app.main.focus_pane("reader")
            await settle(pilot)

        await settle(pilot)
        reader = app.main.reader
        assert reader.article is not None, (notifications(app), hostile_portal.requests)
        # the reader: title and image caption
        assert reader.article.title == HOSTILE_TITLE
        screen = screen_text(app)
        assert HOSTILE_TITLE in screen
        assert HOSTILE_CAPTION in screen
        assert_inert(app, home)

        # y: the address, copied and said in a notification
        await press("y")
        assert "a=[bold red]RED[/]" in toast_text(app)
        assert_inert(app, home)
        app.clear_notifications()

        # 1: the related link fails; its address is in the notification, and the
        # article being read stays in the pane (issue 11)
        await press("1")
        assert CLICK_Q in toast_text(app)
        assert reader.article is not None
        assert reader.article.title == HOSTILE_TITLE
        assert_inert(app, home)
        # the attack: click the "q" of the address in the notification
        await click_in_toast(pilot, app, "]q[/]", 1)
        assert_inert(app, home)
        app.clear_notifications()
        await reopen()

        # 2: a redirect off the portal; the server's Location is in the message
        await press("2")
        assert REDIRECT_TARGET in toast_text(app)
        assert_inert(app, home)
        await click_in_toast(pilot, app, "]q[/]", 1)  # [@click=app.quit]q[/]
        assert_inert(app, home)
        app.clear_notifications()
        await reopen()

        # a: the attachment's name in the picker
        await press("a")
        assert HOSTILE_ATTACHMENT in screen_text(app)
        assert_inert(app, home)
        await press("escape")

        # L: the links; the one off the portal asks first, with its address in full
        await press("L")
        screen = screen_text(app)
        assert OFFSITE_TEXT in screen
        assert OFFSITE in screen
        await press("1")
        assert OFFSITE in screen_text(app)  # the confirm dialog
        assert_inert(app, home)
        await press("n")

        # a file where a page was expected: the server's Content-Type in the message
        await press("L")
        await press("2")
        assert CONTENT_TYPE in toast_text(app)
        assert_inert(app, home)
        await click_in_toast(pilot, app, "]q[/]", 1)
        assert_inert(app, home)
        await press("n")
        app.clear_notifications()
        await reopen()

        # b, B: the bookmark list
        assert reader.article is not None
        assert reader.article.title == HOSTILE_TITLE
        await press("b")
        await press("B")
        assert HOSTILE_TITLE in screen_text(app)
        assert_inert(app, home)
        await press("escape")

        # /: search results
        await press("slash")
        await pilot.press(*"dam")
        await until(pilot, lambda: HOSTILE_TITLE in screen_text(app))  # typing pauses first
        assert_inert(app, home)
        await press("escape")

        # f: the find bar, with markup typed as the query
        await press("f")
        await press(*"[bold]")
        assert "[bold]" in screen_text(app)
        assert_inert(app, home)
        await press("escape")

        # ?: the help, and the key bar and status line all along
        await press("question_mark")
        assert_inert(app, home)
        await press("escape")

        # a notification whose title is outside text (Textual draws titles too)
        app.notify(HOSTILE_ATTACHMENT, title=HOSTILE_TITLE)
        await settle(pilot)
        toasts = toast_text(app)
        assert HOSTILE_TITLE in toasts
        assert HOSTILE_ATTACHMENT in toasts
        assert_inert(app, home)
        await click_in_toast(pilot, app, "Nghị quyết[/]", 0)
        assert_inert(app, home)
        app.notify(HOSTILE_ATTACHMENT, title=HOSTILE_TITLE)  # a click dismissed the first
        await settle(pilot)
        await click_in_toast(pilot, app, "Kỳ họp[/]", 0)
        assert_inert(app, home)

        for title, message in notifications(app):
            assert "\x1b" not in title + message
    parsed = [markup for markup in markup_parsed if "@click" in markup or "[bold]" in markup]
    assert not parsed, f"outside text parsed as markup: {parsed}"
    assert not list(home.rglob("pwn.svg"))

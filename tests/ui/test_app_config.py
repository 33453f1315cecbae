"""Configuration seen in the app: language, theme, keymap, command palette; read marks."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot

from phuly_tui.i18n import set_language
from phuly_tui.ui.commands import TEXTUAL_COMMANDS
from phuly_tui.ui.keys import key_table
from tests.support.app_harness import NEWEST_TITLE, make_app, notifications, settle
from tests.support.portal_server import PortalServer
from tests.support.screen_dump import screen_text

NEWEST = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"


async def run_from_palette(pilot: Pilot[int], words: str) -> None:
    """Open the command palette, type ``words`` and run the first match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words, "enter")


@pytest.fixture
def vietnamese_afterwards() -> Iterator[None]:
    yield
    set_language("vi")


async def test_lang_en_switches_the_interface(
    portal: PortalServer, tmp_path: Path, vietnamese_afterwards: None
) -> None:
    app = make_app(portal.url, tmp_path / "data", lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Quit" in text
        assert "Sections" in text
        assert "Thoát" not in text
        assert "10 unread" in app.main.status.text


async def test_demo_insecure_and_offline_are_said_in_the_status_bar(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", demo=True, insecure=True)
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        status = app.main.status.text
        assert "Bản demo" in status
        assert "KHÔNG kiểm tra chứng chỉ TLS" in status


async def test_theme_from_config_with_a_fallback(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "a", theme="textual-light")
    assert app.theme == "textual-light"
    app = make_app(portal.url, tmp_path / "b", theme="no-such-theme")
    assert app.theme == "textual-dark"


async def test_keymap_remaps_by_binding_id(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data", keymap={"quit": "x", "next_article": "ctrl+n"})
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.main.article_list.highlighted == 1
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running


async def test_command_palette_lists_every_action(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in (
            "Quay lại",
            "Tiến tới",
            "Tìm trong bài",
            "Sao chép địa chỉ",
            "Xuất bài (Markdown)",
            "Xuất bài (văn bản thuần)",
        ):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"sao chep", "enter")
        await settle(pilot)
        assert app.clipboard.endswith(NEWEST)


async def test_the_documents_view_runs_from_the_palette(
    portal: PortalServer, tmp_path: Path
) -> None:
    """Issue 13: the "Văn bản" view is key ``D`` "and in the palette"."""
    from phuly_tui.ui.screens.documents import DocumentsScreen

    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Văn bản" in titles
        await run_from_palette(pilot, "van ban")
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)


@pytest.mark.parametrize(
    ("lang", "typed", "title"), [("vi", "van ban", "Văn bản"), ("en", "docum", "Documents")]
)
async def test_the_palette_shows_the_documents_view_with_its_key_from_any_pane(
    lang: str,
    typed: str,
    title: str,
    portal: PortalServer,
    tmp_path: Path,
    vietnamese_afterwards: None,
) -> None:
    """What the palette paints for ``D``: its title in the interface's language and
    its key as remapped (``[keymap]``), with the focus in the reader pane too."""
    from phuly_tui.ui.screens.documents import DocumentsScreen

    app = make_app(portal.url, tmp_path / "data", lang=lang, keymap={"documents": "ctrl+d"})
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # the reader pane
        assert app.focused is app.main.reader
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*typed)
        await settle(pilot)
        lines = [line.strip() for line in screen_text(app).splitlines()]
        assert title in lines
        assert lines[lines.index(title) + 1] == "Ctrl+D · documents"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)


async def test_the_palette_names_keys_as_the_help_screen_does(
    portal: PortalServer, tmp_path: Path
) -> None:
    """The palette wrote Textual's key names under each command ("question_mark",
    "backspace,left_square_bracket", a remapped "ctrl+d"): the help's are "?", …"""
    app = make_app(portal.url, tmp_path / "data", keymap={"documents": "ctrl+d"})
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert helps["Trợ giúp"] == "? · help"
        assert helps["Tìm kiếm"] == "/ · search"
        assert helps["Quay lại"] == "Backspace [ · back"
        assert helps["Trang sau"] == "Space PgDn · page_down"
        assert helps["Văn bản"] == "Ctrl+D · documents"
        table = {ident: keys for keys, _where, _what, ident in key_table(app.config.keymap)}
        assert table["documents"] == "Ctrl+D"  # the help screen says it alike


async def test_textual_system_commands_speak_the_users_language(
    portal: PortalServer, tmp_path: Path
) -> None:
    """Theme, Keys, Screenshot … were English in the Vietnamese palette, and so was
    its placeholder; Textual's Quit doubled the key table's "Thoát"."""
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Giao diện"] == "Đổi giao diện màu"
        assert commands["Bảng phím"].startswith("Hiện trợ giúp của ô đang chọn")
        assert commands["Chụp màn hình"] == "Lưu ảnh SVG của màn hình hiện tại"
        assert not {"Theme", "Keys", "Screenshot", "Quit"} & set(commands)
        assert [title for title in commands if title == "Thoát"] == ["Thoát"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Tìm lệnh…"
        await pilot.press(*"giao dien", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Tìm giao diện…"


async def test_textual_system_commands_in_english(
    portal: PortalServer, tmp_path: Path, vietnamese_afterwards: None
) -> None:
    app = make_app(portal.url, tmp_path / "data", lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Theme", "Keys", "Screenshot"} <= set(titles)
        assert titles.count("Quit") == 1  # the key table's, not Textual's as well


async def test_the_screenshot_command_saves_a_fresh_file_and_says_so_plainly(
    portal: PortalServer, tmp_path: Path
) -> None:
    """Textual's own Screenshot notified in English with markup (shown literally by
    our plain notifications: "[$text-success]"); ours saves into the downloads
    folder under a name that is free, and says where in Vietnamese."""
    from phuly_tui.paths import downloads_dir

    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "chup man hinh")
        await pilot.pause(0.3)
        await settle(pilot)
        saved = [(title, m) for title, m in notifications(app) if title == "Chụp màn hình"]
    assert saved, notifications(app)
    [(_title, message)] = saved
    assert message.startswith("Đã lưu ảnh màn hình: ")
    path = Path(message.removeprefix("Đã lưu ảnh màn hình: "))
    assert path.parent == downloads_dir()
    assert path.read_text(encoding="utf-8").startswith("<svg")
    assert "[$" not in message


def test_every_textual_system_command_has_a_translation() -> None:
    """Read Textual's ``App.get_system_commands``: a command added or reworded by a
    Textual upgrade fails here instead of appearing in English."""
    source = textwrap.dedent(inspect.getsource(App.get_system_commands))
    found = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "SystemCommand"
        ):
            title, help_text = (arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant))
            found.add((title, help_text))
    assert found == set(TEXTUAL_COMMANDS)


async def test_unread_counts_and_updated_marker(fresh_portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        section = app.main.section_list.get_option_at_index(1).prompt  # after "Tin mới"
        assert str(section) == "Tin tức - Sự kiện (10)"
        await pilot.press("enter")
        await settle(pilot)
        section = app.main.section_list.get_option_at_index(1).prompt  # after "Tin mới"
        assert str(section) == "Tin tức - Sự kiện (9)"
        # the portal changes the article after it was read
        page = Path(__file__).parents[1] / "fixtures/portal/site" / NEWEST.lstrip("/")
        body = page.read_text(encoding="utf-8").replace("27 hộ", "28 hộ").encode("utf-8")

        def changed(handler: object) -> None:
            handler.send_response(200)  # type: ignore[attr-defined]
            handler.send_header("Content-Type", "text/html; charset=utf-8")  # type: ignore[attr-defined]
            handler.send_header("Content-Length", str(len(body)))  # type: ignore[attr-defined]
            handler.end_headers()  # type: ignore[attr-defined]
            handler.wfile.write(body)  # type: ignore[attr-defined]

        fresh_portal.routes[NEWEST] = changed
        await pilot.press("r")
        await settle(pilot)
        reader = app.main.reader
        assert "28 hộ" in reader.text
        assert "đã cập nhật" in reader.text.splitlines()[1]
        first = app.main.article_list.prompt_at(0)
        assert NEWEST_TITLE in str(first)
        assert str(first).endswith("• đã cập nhật")


async def test_no_color_still_shows_which_pane_has_focus(
    portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.no_color
        main = app.main
        assert main.article_list.styles.border.top[0] == "heavy"  # not only a colour
        assert main.reader.styles.border.top[0] == "round"
        await pilot.press("enter")
        await settle(pilot)
        assert main.reader.styles.border.top[0] == "heavy"


def test_run_app_refuses_a_deep_link_off_the_portal(portal: PortalServer, tmp_path: Path) -> None:
    from phuly_tui.config import Config
    from phuly_tui.errors import NotAURLError, OffOriginError
    from phuly_tui.ui.app import run_app

    config = Config(base_url=portal.url, data_dir=tmp_path / "data")
    with pytest.raises(OffOriginError):
        run_app(config, url="https://example.com/Pages/x.aspx")
    with pytest.raises(NotAURLError):
        run_app(config, url="khong-phai-dia-chi")


async def test_sync_from_the_command_palette(fresh_portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "dong bo")
        await settle(pilot, rounds=5)
        messages = [m for title, m in notifications(app) if title == "Đồng bộ"]
        message = messages[-1]
        assert message.startswith("Xong: ")
        assert "0 lỗi" in message
    library = app.library
    assert library.cached_article(
        fresh_portal.url + "/Pages/khoi-cong-xay-dung-khu-nha-o-xa-hoi-tai-phuong-thanh-chau.aspx"
    )


async def test_unknown_config_keys_are_said_in_the_app(
    portal: PortalServer, tmp_path: Path
) -> None:
    """The warning printed before the app starts is hidden by its screen: say it there too."""
    app = make_app(
        portal.url, tmp_path / "data", unknown_keys=("timout",), source=tmp_path / "c.toml"
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        said = notifications(app)
    assert any(
        title == "Lỗi cấu hình" and "“timout”" in message and "c.toml" in message
        for title, message in said
    ), said


async def test_a_deep_link_to_an_archived_copy_opens_the_portal_page(
    portal: PortalServer, tmp_path: Path
) -> None:
    """``phuly-tui https://web.archive.org/web/…/https://phuly.hanam.gov.vn/Pages/x.aspx``:
    the capture's address leads to the portal page (issue 10), read through the
    library; another site's capture stays off the portal."""
    from phuly_tui.config import Config
    from phuly_tui.errors import OffOriginError
    from phuly_tui.library import Library
    from phuly_tui.ui.app import deep_link

    capture = f"https://web.archive.org/web/20250628101112id_/https://phuly.hanam.gov.vn{NEWEST}"
    library = Library(Config(base_url=portal.url, data_dir=tmp_path / "data"))
    assert deep_link(library, capture) == capture
    with pytest.raises(OffOriginError):
        deep_link(library, "https://web.archive.org/web/20250628101112id_/https://example.com/")
    app = make_app(portal.url, tmp_path / "data", url=capture)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        article = app.main.reader.article
        assert article is not None
        assert article.url == portal.url + NEWEST

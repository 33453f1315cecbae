"""Start-up: what is on screen first, from the portal, from the store, or an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rich.text import Text

from phuly_tui.ui.widgets.article_list import ArticleList
from tests.conftest import CLOSED_URL
from tests.support.app_harness import NEWEST_TITLE, make_app, notifications, settle
from tests.support.portal_server import PortalServer
from tests.support.screen_dump import screen_text


async def test_first_section_loaded_list_focused_newest_highlighted(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.main
        assert isinstance(app.focused, ArticleList)
        assert len(main.section_list.sections) == 7
        assert main.section_list.sections[0].name == "Tin tức - Sự kiện"
        assert main.section_list.highlighted == 1  # after "Tin mới"
        assert len(main.article_list.items) == 10
        assert main.article_list.highlighted == 0
        assert main.article_list.highlighted_item is not None
        assert main.article_list.highlighted_item.title == NEWEST_TITLE
        text = screen_text(app)
        assert NEWEST_TITLE[:20] in text
        assert "28/11/2024" in text  # dd/mm/yyyy
        assert "Tin tức - Sự kiện" in main.status.text


async def test_stored_titles_paint_when_the_portal_is_down(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = make_app(fresh_portal.url, data)
    async with first.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert len(first.main.article_list.items) == 10
    fresh_portal.stop()
    second = make_app(fresh_portal.url, data)
    async with second.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = second.main
        assert len(main.article_list.items) == 10
        assert main.article_list.items[0].title == NEWEST_TITLE
        assert "Đang xem bản lưu lúc" in main.status.text


async def test_portal_down_and_nothing_stored_says_what_to_do(tmp_path: Path) -> None:
    app = make_app(CLOSED_URL, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        message = app.main.article_list.prompt_at(0)
        assert isinstance(message, Text)
        assert "Không kết nối được tới cổng thông tin" in message.plain
        assert message.plain.endswith("— thử lại: r")
        assert "thử lại: r" in screen_text(app)
        sections = app.main.section_list.get_option_at_index(0).prompt
        assert isinstance(sections, Text)
        assert sections.plain == "Chưa tải được danh sách chuyên mục — thử lại: r"
        assert [title for title, _ in notifications(app)] == ["Lỗi kết nối"]
        assert app.is_running


async def test_deep_link_opens_the_article_in_the_reader(
    portal: PortalServer, tmp_path: Path
) -> None:
    from tests.support.app_harness import SEED_PATH, SEED_TITLE

    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert reader.article is not None
        assert reader.article.title.startswith(SEED_TITLE)
        assert app.focused is reader
        assert len(app.main.article_list.items) == 10  # the list loaded behind it


async def test_stored_article_when_the_portal_is_down_says_how_old(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    from tests.support.app_harness import SEED_PATH

    data = tmp_path / "data"
    seed = fresh_portal.url + SEED_PATH
    first = make_app(fresh_portal.url, data, url=seed)
    async with first.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
    fresh_portal.stop()
    second = make_app(fresh_portal.url, data, url=seed)
    async with second.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reader = second.main.reader
        assert reader.article is not None
        assert reader.article.url == seed
        assert reader.text.startswith("Đang xem bản lưu lúc ")
        assert "Đang xem bản lưu lúc" in second.main.status.text
        warnings = [m for t, m in notifications(second) if t == "Lỗi kết nối"]
        assert len(warnings) == 1


async def test_offline_mode_never_touches_the_network(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = make_app(fresh_portal.url, data)
    async with first.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
    requests = len(fresh_portal.requests)
    second = make_app(fresh_portal.url, data, offline=True)
    async with second.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert len(second.main.article_list.items) == 10
        assert "Ngoại tuyến" in second.main.status.text
        await pilot.press("enter")
        await settle(pilot)
        text = second.main.reader.text
        # titled with what happened: nothing was connected, so no "Lỗi kết nối"
        assert text.startswith("Chưa có bản lưu (ngoại tuyến)\n\nKho dữ liệu chưa có ")
        assert "chế độ ngoại tuyến không dùng mạng" in text
        assert "thử lại" not in text  # retrying cannot help offline
        titles = {title for title, _message in notifications(second)}
        assert "Chưa có bản lưu (ngoại tuyến)" in titles
        assert "Lỗi kết nối" not in titles
    assert len(fresh_portal.requests) == requests


async def test_start_prefetch_reads_the_store_in_a_thread(
    portal: PortalServer, tmp_path: Path
) -> None:
    from phuly_tui.config import Config
    from phuly_tui.errors import StoreError
    from phuly_tui.library import Library
    from phuly_tui.ui.prefetch import StartPrefetch, read_stored_start

    data = tmp_path / "data"
    first = make_app(portal.url, data)
    async with first.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    library = Library(Config(base_url=portal.url, data_dir=data))
    stored = StartPrefetch(library).result(timeout=5)
    assert stored is not None
    assert stored.error is None
    assert [s.name for s in stored.sections][:1] == ["Tin tức - Sự kiện"]
    assert stored.pages[0].items[0].title == NEWEST_TITLE
    assert len(stored.read) == 1

    class BrokenLibrary:
        def cached_home(self) -> None:
            raise StoreError()

    broken = read_stored_start(BrokenLibrary())  # type: ignore[arg-type]
    assert isinstance(broken.error, StoreError)
    assert broken.pages == []


async def test_deep_link_to_a_section_opens_its_list(portal: PortalServer, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = make_app(portal.url, data)
    async with first.run_test(size=(120, 36)) as pilot:
        await settle(pilot)  # the store now knows the sections
    app = make_app(portal.url, data, url=portal.url + "/Pages/kinh-te.aspx")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.main.article_list.section is not None
        assert app.main.article_list.section.name == "Kinh tế"
        assert isinstance(app.focused, ArticleList)
        assert app.main.reader.article is None


async def test_deep_link_to_a_section_opens_its_list_on_a_new_store(
    portal: PortalServer, tmp_path: Path
) -> None:
    """Nothing read yet, so nothing names the address a section: the page itself
    says it is a listing, and the list opens — not the reader (issue 10)."""
    app = make_app(portal.url, tmp_path / "data", url=portal.url + "/Pages/kinh-te.aspx")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.main.article_list.section is not None
        assert app.main.article_list.section.name == "Kinh tế"
        assert app.main.reader.article is None
        assert isinstance(app.focused, ArticleList)
        titles = [item.title for item in app.main.article_list.items]
        assert titles
        # the page said so: the address now leads to the list (a section once the
        # menu is read, a listing before), never to the reader again
        route = app.library.route(portal.url + "/Pages/kinh-te.aspx")
        assert route.kind in ("section", "listing")
        assert route.section is not None
        assert route.section.name == "Kinh tế"
        # the start-up's home refresh still fills the sections pane (the section's
        # list, in the same worker group, once cancelled it and left it empty)
        home = (await app.library.home()).value
        assert home.sections
        assert app.main.section_list.sections == home.sections


def _fresh_python(code: str) -> str:
    """What ``code`` prints in a new interpreter: nothing of this test process
    (other tests load modules and compile patterns) is loaded there yet."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def test_the_app_module_leaves_rarely_used_modules_for_their_first_use(tmp_path: Path) -> None:
    """Before the first frame — the app's modules imported, the stored start read
    (:func:`read_stored_start`, in the start thread) — no palette sync, no s/D
    document keys, no table layout (an article with a table imports it), no sync
    engine (a daily start does not sync), no search, no documents' store code, no
    records of bookmarks, search, documents or captures, no article side of the
    model (a start shows titles) and no find in the article: each is imported
    when first needed."""
    from phuly_tui.model import Home, Listing
    from phuly_tui.store import open_store
    from tests.support.store_samples import BASE, gold_models, put

    data = tmp_path / "data"
    with open_store(data) as store:
        for model in gold_models():
            if isinstance(model, Home | Listing):
                put(store, model)
    code = (
        "import sys, phuly_tui.ui.app\n"
        "from pathlib import Path\n"
        "from phuly_tui.config import Config\n"
        "from phuly_tui.library import Library\n"
        "from phuly_tui.ui.prefetch import read_stored_start\n"
        f"library = Library(Config(base_url={BASE!r}, data_dir=Path({str(data)!r})))\n"
        "start = read_stored_start(library)\n"
        "later = {'phuly_tui.ui.sync_command', 'phuly_tui.ui.screens.document_actions',\n"
        "         'phuly_tui.render.table', 'phuly_tui.sync', 'phuly_tui.store.search',\n"
        "         'phuly_tui.store.document_search', 'phuly_tui.store.documents',\n"
        "         'phuly_tui.store.records', 'phuly_tui.model.article', 'phuly_tui.render.find'}\n"
        "print(start.error, len(start.pages[0].items), sorted(later & set(sys.modules)))\n"
        "import phuly_tui.model\n"
        "print('Article' in vars(phuly_tui.model))\n"  # the class is not built either
    )
    assert _fresh_python(code).splitlines() == ["None 10 []", "False"]


def test_the_patterns_only_hostile_text_needs_are_compiled_on_first_use() -> None:
    """A daily start cleans ordinary titles: the escape, control, bidi, zero-width
    and mark-run patterns (~1.4 ms to compile) wait for the first text that has
    such characters — and are there when it comes."""
    code = (
        "import phuly_tui.ui.app\n"
        "from phuly_tui import text\n"
        "from phuly_tui.library import routes\n"
        "from phuly_tui.ui.formatting import screen_line\n"
        "getters = (text._escapes, text._separating_controls, text._controls, text._bidi,\n"
        "           text._zero_width, text._mark_run, routes._replay)\n"
        "def compiled(): return sum(g.cache_info().currsize for g in getters)\n"
        "print(screen_line('Phủ Lý  đón Tết'), compiled())\n"
        "print(screen_line('a\\x1b[31mb\\u200bc\\u202e' + 'e' + '\\u0301' * 9), compiled())\n"
    )
    assert _fresh_python(code).splitlines() == ["Phủ Lý đón Tết 0", "abcé\u0301\u0301\u0301 6"]

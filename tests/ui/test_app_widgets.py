"""The app's widgets and helpers with hand-built model objects (no server)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from phuly_tui.i18n import set_language
from phuly_tui.model import (
    Article,
    Attachment,
    Heading,
    Image,
    InlineLink,
    ListBlock,
    ListingItem,
    Paragraph,
    RelatedLink,
    Table,
    Video,
)
from phuly_tui.ui.history import History
from phuly_tui.ui.keys import KEYS, key_table, markdown_table
from phuly_tui.ui.widgets.article_list import ArticleList
from phuly_tui.ui.widgets.reader import Reader, render_article

HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"


def sample_article() -> Article:
    return Article(
        url="https://phuly.hanam.gov.vn/Pages/a.aspx",
        title="Tiêu đề\x1b[31m bài\u202e viết",
        section="Kinh tế",
        published="2024-06-14T08:30",
        lead="Sa pô của bài.",
        author="Ngọc Lan",
        blocks=(
            Paragraph(
                "Xem Cổng Dịch vụ công và trang Bộ Y tế.",
                (
                    InlineLink("Cổng Dịch vụ công", "https://dichvucong.gov.vn"),
                    InlineLink("không có trong câu", "https://moh.gov.vn"),
                ),
            ),
            Heading("Một tiêu đề con"),
            ListBlock(("một", "hai"), ordered=True),
            ListBlock(("táo",), ordered=False),
            Table((("Cột A", "Cột B"), ("1", "2"))),
            Image("/PublishingImages/x/IMG_1.jpg", "IMG_1.jpg"),
            Image("/PublishingImages/x/IMG_2.jpg", "", "Chú thích ảnh"),
            Video("https://youtube.example/v", "Phóng sự"),
        ),
        related=(RelatedLink("Bài liên quan", "https://phuly.hanam.gov.vn/Pages/b.aspx", None),),
        attachments=(Attachment("Kế hoạch số 18", "https://phuly.hanam.gov.vn/D/KH-18.pdf"),),
    )


def test_render_article_blocks_in_order_with_cli_words() -> None:
    set_language("vi")
    previous = ListingItem("Bài trước đó", "https://phuly.hanam.gov.vn/Pages/p.aspx")
    rendered = render_article(sample_article(), previous=previous, notice="Đang xem bản lưu")
    text = "\n".join(b.plain for b in rendered.searchable if b is not None)
    assert text.startswith("Đang xem bản lưu")
    assert "Tiêu đề bài viết" in text  # the colour escape and the bidi override are gone
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "Kinh tế · Thứ Sáu, 14/06/2024 08:30 · Tác giả: Ngọc Lan" in text  # as the CLI
    assert "Cổng Dịch vụ công[1] và trang Bộ Y tế. [2]" in text
    assert "1. một\n2. hai" in text
    assert "• táo" in text
    assert "[Ảnh 1/2: IMG_1.jpg]" in text
    assert "[Ảnh 2/2: Chú thích ảnh]" in text
    assert "[Video 1/1: Phóng sự][3]" in text  # numbered like a link (issue 11)
    assert "[PDF] Kế hoạch số 18" in text
    assert "Tin liên quan\n1. Bài liên quan" in text
    assert "Bài trước (p): Bài trước đó" in text
    assert [link.url for link in rendered.links] == [
        "https://dichvucong.gov.vn",
        "https://moh.gov.vn",
        "https://youtube.example/v",  # L lists the video too
    ]
    order = [text.index(s) for s in ("Sa pô", "Cổng", "Một tiêu đề con", "[Ảnh 1/2", "Tin liên")]
    assert order == sorted(order)


class ListApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.ends = 0

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")

    def on_article_list_end_reached(self, event: ArticleList.EndReached) -> None:
        self.ends += 1


async def test_article_list_scales_and_shows_read_and_updated() -> None:
    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        articles = app.query_one(ArticleList)
        items = [
            ListingItem(f"Tin số {n} {HOSTILE}", f"https://x/Pages/{n}.aspx", "2024-06-14")
            for n in range(600)
        ]
        articles.show_items(items)  # its speed: benchmarks/time_limits.py
        await pilot.pause()
        assert len(articles.items) == 600
        assert articles.virtual_size.height >= 600
        articles.set_read_state({items[0].url}, {items[1].url})
        first = articles.prompt_at(0)
        second = articles.prompt_at(1)
        assert isinstance(first, Text)
        assert isinstance(second, Text)
        assert first.plain == f"Tin số 0 {HOSTILE}\n14/06/2024"  # the date on its own line
        assert first.style == "dim"  # read
        assert second.plain.endswith("• đã cập nhật")
        articles.highlighted = 598
        await pilot.pause()
        assert app.ends == 0
        await pilot.press("j")
        assert app.ends == 1  # reaching the last item asks for more
        await pilot.press("j")
        assert articles.highlighted == 599  # no wrapping
        assert app.ends == 2


def test_history_is_browser_like() -> None:
    history = History()
    assert history.current is None
    history.visit("a")
    history.remember_scroll(10)
    history.visit("b")
    history.visit("b")  # the same article again: no new entry
    assert len(history) == 2
    assert history.peek(-1) is not None
    back = history.back()
    assert back is not None
    assert back.url == "a"
    assert back.scroll_y == 10
    assert history.back() is None
    history.visit("c")  # drops the forward entry "b"
    assert history.forward() is None
    assert [history.back().url] == ["a"]  # type: ignore[union-attr]


def test_every_key_has_an_id_and_a_row_in_the_table() -> None:
    ids = [spec.id for spec in KEYS]
    assert len(ids) == len(set(ids))
    rows = key_table({"quit": "ctrl+x"})
    assert ("Ctrl+X", "Mọi nơi", "Thoát", "quit") in rows  # named like the defaults
    assert any(row[3] == "related_1 … related_9" for row in rows)
    assert {row[3] for row in rows} >= {"back", "forward", "find", "links", "attachments"}


def test_the_readme_keys_table_is_the_generated_one() -> None:
    """The README's "Keys" table is ``python -m phuly_tui.ui.keys``'s output, unedited:
    a key added, moved or renamed without regenerating it fails here."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = markdown_table().strip()
    assert table.startswith("| Keys | Where | Action |")
    assert table in readme, "regenerate it: python -m phuly_tui.ui.keys"


class ReaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Reader(id="reader")


async def test_reader_find_highlights_without_diacritics() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(sample_article())
        await pilot.pause()
        assert reader.find("cong dich vu") == 1
        assert reader.find("tieu de") == 2
        assert reader.next_match() == 1
        lit = [b for b in reader.rendered.searchable if b is not None and b.spans]
        assert any("reverse" in str(span.style) for b in lit for span in b.spans)
        reader.clear_find()
        assert reader.matches == []


class KeyBarApp(App[None]):
    """The key bar under two focusable widgets with bindings of their own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Trợ giúp", key_display="?")
    ]
    helped = False

    def compose(self) -> ComposeResult:
        from phuly_tui.ui.widgets.key_bar import KeyBar

        yield ArticleList(id="articles")
        yield Reader(id="reader")
        yield KeyBar(id="keys")

    def action_help(self) -> None:
        self.helped = True


async def test_key_bar_follows_the_focus_and_its_keys_can_be_clicked() -> None:
    from phuly_tui.ui.widgets.key_bar import KeyBar

    app = KeyBarApp()
    async with app.run_test(size=(100, 20)) as pilot:
        app.query_one(ArticleList).focus()
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert bar.text.startswith("⏎ Mở  ? Trợ giúp")
        app.query_one(Reader).focus()
        await pilot.pause()
        assert bar.text.startswith("1-9 Tin liên quan  Bksp Quay lại  n Bài sau")
        assert bar.text.endswith("^p palette")
        await pilot.click(bar, offset=(1 + bar.text.index("? Trợ giúp"), 0))
        assert app.helped


async def test_key_bar_cuts_a_long_line_but_keeps_the_palette_key() -> None:
    from phuly_tui.ui.widgets.key_bar import KeyBar

    app = KeyBarApp()
    async with app.run_test(size=(50, 20)) as pilot:
        app.query_one(Reader).focus()
        await pilot.pause()
        bar = app.query_one(KeyBar)
        shown = bar.render().plain
        assert len(shown) == bar.content_region.width
        assert len(bar.text) > len(shown)  # the whole line does not fit
        assert shown.endswith("^p palette")
        assert "…" in shown
        assert shown.startswith("1-9 Tin liên quan")
        await pilot.click(bar, offset=(1 + shown.index("…"), 0))  # the cut: nothing runs
        assert not app.helped
        await pilot.click(bar, offset=(1 + shown.index("^p"), 0))
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_article_list_draws_read_items_dim_and_the_highlight_bold() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        articles = app.query_one(ArticleList)
        items = [
            ListingItem(
                f"Tiêu đề bài viết số {n} khá dài để phải xuống dòng",
                f"https://x/{n}",
                "2024-06-14",
            )
            for n in range(30)
        ]
        articles.show_items(items)
        articles.set_read_state({items[1].url})
        articles.focus()
        await pilot.pause()
        heights = [len(articles.prompt_at(i).wrap(app.console, 58)) for i in range(3)]

        def row(y: int) -> list[tuple[str, bool, bool]]:
            strip = articles.render_line(y)
            return [
                (s.text, bool(s.style and s.style.dim), bool(s.style and s.style.bold))
                for s in strip
            ]

        first, second = row(0), row(heights[0])
        assert "".join(t for t, _, _ in first).startswith("Tiêu đề bài viết số 0")
        assert any(bold for t, _, bold in first if t.strip())  # highlighted
        assert "".join(t for t, _, _ in second).startswith("Tiêu đề bài viết số 1")
        assert all(dim for t, dim, _ in second if t.strip())  # read, not highlighted
        assert len(articles.render_line(0).text) == articles.scrollable_content_region.width
        await pilot.press("pagedown")
        assert articles.highlighted is not None
        assert articles.highlighted > 2
        await pilot.press("home")
        assert articles.highlighted == 0
        await pilot.press("end")
        assert articles.highlighted == 29
        assert app.ends == 1
        await pilot.press("end")  # already at the end: ask again (a failed load is retried)
        assert app.ends == 2
        await pilot.press("pagedown")
        assert app.ends == 3
        assert articles.highlighted == 29


def test_a_video_keeps_its_address_in_markdown_and_text_exports() -> None:
    from phuly_tui.export import export_article

    set_language("vi")
    article = sample_article()
    markdown = export_article(article, "md")
    assert "[Video 1/1: Phóng sự](<https://youtube.example/v>)" in markdown
    assert "[Video 1/1: Phóng sự] https://youtube.example/v" in export_article(article, "txt")

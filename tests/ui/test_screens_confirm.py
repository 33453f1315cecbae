"""ConfirmScreen: y/Enter yes, n/Escape no, the full URL shown literally."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Label

from phuly_tui.ui.screens.confirm import ConfirmScreen
from tests.support.screen_dump import screen_text

HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"
URL = "https://example.org/tai-lieu/bao-cao-2024.pdf?id=7&x=[bold]y[/bold]"


class HostApp(App[None]):
    def __init__(self, question: str | None = None, url: str = URL) -> None:
        super().__init__()
        self.question = question
        self.url = url
        self.results: list[bool | None] = []

    def compose(self) -> ComposeResult:
        yield Label("main")

    def ask(self) -> None:
        self.push_screen(ConfirmScreen(self.question, self.url), self.results.append)


@pytest.mark.parametrize(
    ("keys", "answer"),
    [(("y",), True), (("enter",), True), (("n",), False), (("escape",), False),
     (("tab", "enter"), False), (("shift+tab", "enter"), False)],
)  # fmt: skip
async def test_keys_answer(keys: tuple[str, ...], answer: bool) -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        app.ask()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.results == [answer]
        assert app.is_running


async def test_default_question_and_full_url() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        app.ask()
        await pilot.pause()
        text = screen_text(app)
        assert "Liên kết này dẫn ra ngoài cổng thông tin" in text
        assert URL in text


async def test_a_very_long_url_is_folded_not_cut() -> None:
    url = "https://example.org/" + "a" * 150 + "/end"
    app = HostApp(url=url)
    async with app.run_test() as pilot:
        app.ask()
        await pilot.pause()
        joined = "".join(line.strip(" │") for line in screen_text(app).splitlines())
        assert url in joined


async def test_hostile_question_and_url_are_literal_and_controls_stripped() -> None:
    url = f"https://x.test/{HOSTILE}\x1b]8;;https://evil.test\x07"
    app = HostApp(question=HOSTILE, url=url)
    async with app.run_test(size=(120, 30)) as pilot:
        app.ask()
        await pilot.pause()
        text = screen_text(app)
        assert text.count(HOSTILE) == 2
        assert "\x1b" not in text
        assert "evil.test" not in text  # the OSC 8 sequence is removed whole
        await pilot.press("n")
        await pilot.pause()
        assert app.results == [False]
        assert app.is_running


async def test_clicking_yes() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        app.ask()
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.results == [True]

"""Search the offline library as you type, then open a result in the reader.

The search itself is injected (``Library.search`` in the app, a list in tests),
so the screen knows nothing of SQLite.  It runs in a thread worker — the store
is plain SQLite — started ~150 ms after the last keystroke (one query per
pause in typing, not per key), and a newer query makes the older answer
irrelevant: only the latest worker's results are shown.

Filters are typed among the words, so a keyboard-only user never leaves the
box: ``muc:kinh-te`` (a section, as ``list SECTION`` takes it), ``tu:01/01/2024``
and ``den:30/06/2024`` (inclusive days); the hint line says so.  When nothing
stored matches, Ctrl+R closes the dialog and starts a sync.

Everything in a result comes from web pages and is drawn as ``Text`` built
from plain strings; the matched words are highlighted by styling the spans the
store reports, never by markup.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from typing import ClassVar, Final, Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from ...errors import PhulyError
from ...i18n import t
from ...render.dates import format_date
from ...render.hits import Hit, hit_origin
from ...text import UNSAFE_CHARACTERS
from .. import labels as _labels  # noqa: F401  (registers the messages)
from ..formatting import DROPPED_ON_SCREEN as _DROPPED
from ..formatting import display_parts, screen_line
from ..keys import localize_bindings
from ..widgets.choice_list import ChoiceList
from ..widgets.text_input import TextInput

__all__ = ["SearchHit", "SearchScreen", "result_prompt"]

log = logging.getLogger(__name__)

#: style of a matched word (reverse + bold reads in monochrome and NO_COLOR too)
MATCH_STYLE: Final = "bold reverse"
# one-for-one replacement keeps the store's spans valid: controls, line and
# paragraph separators, bidi and zero-width characters become a space (but the
# joiner of an emoji sequence, which display_parts drops like any line's)
_UNSAFE_CHARACTER: Final = re.compile(f"(?!\u200d)[{UNSAFE_CHARACTERS}]")


class SearchHit(Hit, Protocol):
    """What the screen needs of a search result (``phuly_tui.store.SearchResult``):
    what :func:`~phuly_tui.render.hits.hit_origin` reads, and the rest of its lines."""

    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def published(self) -> str | None: ...
    @property
    def snippet(self) -> str: ...
    @property
    def highlights(self) -> tuple[tuple[int, int], ...]: ...


def _highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = "") -> Text:
    """``text`` as ``Text`` with ``spans`` stressed, drawn as any outside line is
    (:func:`~phuly_tui.ui.formatting.display_parts`): the spans, offsets into
    ``text``, are moved past the joiners and selectors that drawing drops."""
    safe = _UNSAFE_CHARACTER.sub(" ", text)
    shown = display_parts(safe)
    # at[i]: where text[i] is drawn (the characters dropped before it counted out)
    at: Sequence[int] = range(len(safe) + 1)
    if len(shown) != len(safe):
        at = list(accumulate((ch not in _DROPPED for ch in safe), initial=0))
    line = Text(shown, style=style, end="")
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            line.stylize(MATCH_STYLE, at[start], at[end])
    return line


def result_prompt(hit: SearchHit) -> Text:
    """Three lines for one result: title, what matched and when, snippet with matches.

    The middle line says whether an article or a document matched
    (:func:`~phuly_tui.render.hits.hit_origin`, as ``phuly-tui search`` says
    it): ``05/07/2024 · Tin bài · Tin tức - Sự kiện``,
    ``12/12/2024 · Văn bản đính kèm · trang 2``.
    """
    title_spans: Sequence[tuple[int, int]] = getattr(hit, "title_highlights", ())
    # the title's bold stays on the title: a base style would spread to the other lines
    prompt = Text()
    prompt.append_text(_highlighted(hit.title, title_spans, style="bold"))
    meta = " · ".join(p for p in (format_date(hit.published), screen_line(hit_origin(hit))) if p)
    prompt.append("\n")
    prompt.append(meta, style="dim")
    if hit.snippet:
        prompt.append("\n")
        prompt.append_text(_highlighted(hit.snippet, hit.highlights))
    return prompt


@dataclass(frozen=True, slots=True)
class _Answer:
    """What one search worker produced: results, or an error message to show."""

    query: str
    results: tuple[SearchHit, ...] = ()
    error: str | None = None


class SearchScreen(ModalScreen[str | None]):
    """Search box over a results list; dismisses with the chosen article's URL.

    Args:
        search: called in a thread with the query; returns the results, best
            first.  A :class:`~phuly_tui.errors.PhulyError` it raises is shown
            in the status line; anything else is logged and shown as a generic
            failure.
        query: text to start with (searched at once when not blank).
        sync: what Ctrl+R starts (the app's sync) after closing the dialog —
            the way out when nothing stored matches.  None: the key does nothing.

    Attributes:
        last_query: the query whose results are on screen — the reader uses it
            to highlight the matches in the opened article.
    """

    #: pause after the last keystroke before searching, in seconds
    DEBOUNCE: ClassVar[float] = 0.15

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
    }
    SearchScreen > #search-dialog {
        width: 100%;
        max-width: 110;
        height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    SearchScreen #search-title {
        text-style: bold;
    }
    SearchScreen #search-status {
        color: $text-muted;
        height: auto;
    }
    SearchScreen #search-results {
        height: 1fr;
    }
    SearchScreen #search-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "search.close", id="search.close"),
        Binding("down", "focus_results", "search.focus_results", show=False, id="search.results"),
        Binding("slash", "focus_input", "search.focus_input", show=False, id="search.input"),
        Binding("ctrl+r", "sync", "search.sync", id="search.sync"),
    ]

    def __init__(
        self,
        search: Callable[[str], Sequence[SearchHit]],
        *,
        query: str = "",
        sync: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self._search = search
        self._sync = sync
        self._initial_query = query
        self._results: tuple[SearchHit, ...] = ()
        self._timer: Timer | None = None
        self._worker: Worker[_Answer] | None = None
        self._open_when_ready = False
        self.last_query = ""

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Label(Text(t("search.title"), end=""), id="search-title")
            # compact: at 80×24 every row is worth a result
            yield TextInput(
                value=self._initial_query,
                placeholder=t("search.placeholder"),
                id="search-input",
                compact=True,
            )
            yield Static(Text(t("search.prompt"), end=""), id="search-status")
            yield ChoiceList(id="search-results", markup=False)
            yield Label(Text(t("search.hint"), end=""), id="search-hint")

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        if self._initial_query.strip():
            self._start(self._initial_query)

    # -- typing → searching ---------------------------------------------------
    @property
    def results(self) -> tuple[SearchHit, ...]:
        """The results on screen, best first."""
        return self._results

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if event.value == self._pending_query():
            return  # already being searched (the initial query posts a Changed too)
        self._open_when_ready = False
        self._timer = self.set_timer(self.DEBOUNCE, partial(self._start, event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the box opens the highlighted (first) result, searching first if needed."""
        event.stop()
        query = event.value
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if query == self.last_query and self._results and self._worker_done():
            self._open_highlighted()
        elif query.strip():
            self._open_when_ready = True
            if query != self._pending_query():
                self._start(query)

    def _pending_query(self) -> str | None:
        if self._worker is None or self._worker_done():
            return None
        return self._worker.name

    def _worker_done(self) -> bool:
        return self._worker is None or self._worker.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        )

    def _start(self, query: str) -> None:
        """Search for ``query`` now (in a thread), replacing any search under way."""
        self._timer = None
        status = self.query_one("#search-status", Static)
        if not query.strip():
            if self._worker is not None:
                self._worker.cancel()
                self._worker = None
            self._show(_Answer(query))
            status.update(Text(t("search.prompt"), end=""))
            return
        status.update(Text(t("search.searching"), end=""))
        self._worker = self.run_worker(
            partial(self._run_search, query),
            name=query,
            group="search",
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    def _run_search(self, query: str) -> _Answer:
        """The worker: never raises, so no traceback can reach the screen."""
        try:
            return _Answer(query, tuple(self._search(query)))
        except PhulyError as exc:
            return _Answer(query, error=exc.message)
        except Exception as exc:
            log.exception("search failed for %r", query)
            return _Answer(query, error=type(exc).__name__)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state != WorkerState.SUCCESS:
            return
        answer = event.worker.result
        if isinstance(answer, _Answer):
            self._show(answer)

    def _show(self, answer: _Answer) -> None:
        status = self.query_one("#search-status", Static)
        results_list = self.query_one("#search-results", OptionList)
        self.last_query = answer.query
        if answer.error is not None:
            self._results = ()
            results_list.clear_options()
            status.update(Text(t("search.failed", error=screen_line(answer.error)), end=""))
            self._open_when_ready = False
            return
        self._results = answer.results
        results_list.set_options(Option(result_prompt(hit)) for hit in answer.results)
        if answer.results:
            results_list.highlighted = 0
            status.update(Text(t("search.count", count=len(answer.results)), end=""))
        elif answer.query.strip():
            status.update(Text(t("search.none", query=screen_line(answer.query)), end=""))
        if self._open_when_ready:
            self._open_when_ready = False
            if answer.results:
                self._open_highlighted()

    # -- choosing -------------------------------------------------------------
    def _open_highlighted(self) -> None:
        index = self.query_one("#search-results", OptionList).highlighted
        if self._results:
            self.dismiss(self._results[index if index is not None else 0].url)

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._results):
            self.dismiss(self._results[event.option_index].url)

    def action_focus_results(self) -> None:
        results_list = self.query_one("#search-results", OptionList)
        if results_list.option_count:
            results_list.focus()

    def action_focus_input(self) -> None:
        self.query_one("#search-input", Input).focus()

    def action_sync(self) -> None:
        """Ctrl+R: close the dialog and fetch more (progress shows in the status line)."""
        if self._sync is None:
            return
        self.action_close()
        self._sync()

    def action_close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._worker is not None:
            self._worker.cancel()
        self.dismiss(None)

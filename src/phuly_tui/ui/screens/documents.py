"""The "Văn bản" view (``D``): every known document, newest first, filterable by type.

The documents come from a callable (``Library.known_documents``) run in a
thread when the view opens.  A document known only because an article cites
its number has no file: it is listed, marked "chưa có tệp", and Enter on it
says so instead of opening anything.

Filtering: ``/`` focuses the box; a type typed as its code or name (``KH``,
``kh``, ``Kế hoạch``, ``ke hoach``, ``Công văn``) keeps that type, anything
else keeps the documents whose number, subject, title or issuer hold the
words (diacritics optional).  ``t`` steps through the types present (a type
picker on one key).  Enter opens the highlighted document in the reader.

Every string in a row comes from documents and pages: ``Text`` from plain
strings, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import add_messages, t
from ...render.dates import format_date
from ...text import fold
from ..formatting import screen_line
from ..keys import localize_bindings
from ..widgets.choice_list import ChoiceList
from ..widgets.text_input import TextInput
from .list_source import RowsDialog

__all__ = ["DocumentsScreen", "KnownDocumentLike", "document_prompt", "matches_filter"]


add_messages(
    {
        "documents.title": ("Văn bản", "Documents"),
        "documents.loading": ("Đang tải…", "Loading…"),
        "documents.failed": (
            "Không đọc được danh sách văn bản: {error}",
            "Could not read the documents: {error}",
        ),
        "documents.empty": (
            "Chưa biết văn bản nào (mở một tệp đính kèm, hoặc đồng bộ: phuly-tui sync "
            "--attachments).",
            "No documents known yet (open an attachment, or sync: phuly-tui sync --attachments).",
        ),
        "documents.none_match": (
            "Không có văn bản nào khớp “{filter}”.",
            "Nothing matches “{filter}”.",
        ),
        "documents.count": ("{count} văn bản", "{count} documents"),
        "documents.count_type": ("{type}: {count} văn bản", "{type}: {count} documents"),
        "documents.count_types": ("{count} · loại (t): {types}", "{count} · types (t): {types}"),
        "documents.not_available": ("chưa có tệp — chỉ được nhắc đến", "no file — only cited"),
        "documents.cited_only": (
            "Văn bản {number} chưa có tệp trên cổng: chỉ có bài viết nhắc đến số của nó.",
            "Document {number} has no file on the portal: articles only cite its number.",
        ),
        "documents.filter": (
            "Lọc: mã loại (KH, TB, CĐ…), tên loại hoặc từ trong số, trích yếu",
            "Filter: a type code (KH, TB, CĐ…), a type name, or words of the number or subject",
        ),
        "documents.hint": (
            "Enter đọc · / lọc · t đổi loại · Esc đóng",
            "Enter reads · / filter · t next type · Esc closes",
        ),
        "documents.close": ("Đóng", "Close"),
        "documents.next_type": ("Loại sau", "Next type"),
        "documents.focus_filter": ("Lọc", "Filter"),
        "documents.focus_list": ("Danh sách", "List"),
    }
)


class KnownDocumentLike(Protocol):
    """What a row needs (``phuly_tui.store.KnownDocument`` has it)."""

    @property
    def number(self) -> str | None: ...
    @property
    def doc_type(self) -> str | None: ...
    @property
    def doc_type_code(self) -> str | None: ...
    @property
    def issued(self) -> str | None: ...
    @property
    def issuer(self) -> str | None: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str | None: ...


def document_prompt(document: KnownDocumentLike) -> Text:
    """Two lines: "dd/mm/yyyy  18/KH-UBND  [Kế hoạch]", then the subject (or title);
    a document with no file says so, dimmed."""
    prompt = Text(end="")
    issued = format_date(document.issued)
    if issued:
        prompt.append(issued, style="bold")
        prompt.append("  ")
    if document.number:
        prompt.append(screen_line(document.number), style="bold")
        prompt.append("  ")
    if document.doc_type:
        prompt.append(f"[{screen_line(document.doc_type)}]", style="dim")
    subject = screen_line(document.subject or document.title)
    if prompt.plain:  # a file whose number is not known yet: its title alone, one line
        prompt.append("\n")
    if document.url is None:
        prompt.append(f"{subject} — {t('documents.not_available')}", style="dim italic")
    else:
        prompt.append(subject)
        if document.issuer:
            prompt.append(f" · {screen_line(document.issuer)}", style="dim")
    return prompt


def _type_of(text: str) -> tuple[str | None, str] | None:
    """``(code, name)`` when ``text`` names a document type, else None."""
    from ...errors import UsageError
    from ...library import resolve_doc_type

    try:
        return resolve_doc_type(text)
    except UsageError:
        return None


def matches_filter(document: KnownDocumentLike, text: str) -> bool:
    """True when ``document`` passes the filter ``text`` (see the module docstring)."""
    text = text.strip()
    if not text:
        return True
    kind = _type_of(text)
    if kind is not None:
        code, name = kind
        return (code is not None and document.doc_type_code == code) or document.doc_type == name
    haystack = fold(
        " ".join(
            part or ""
            for part in (
                document.number,
                document.subject,
                document.title,
                document.issuer,
                document.doc_type,
            )
        )
    )
    return all(word in haystack for word in fold(text).split())


class DocumentsScreen(RowsDialog[KnownDocumentLike, tuple[str, str]]):
    """The "Văn bản" view; dismisses with ``(url, title)`` of the document to read.

    Args:
        documents: the known documents newest first, or a callable returning
            them (run in a thread when the view opens).
    """

    DEFAULT_CSS = """
    DocumentsScreen {
        align: center middle;
    }
    DocumentsScreen > #documents-dialog {
        width: 100%;
        max-width: 120;
        height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    DocumentsScreen #documents-title {
        text-style: bold;
    }
    DocumentsScreen #documents-status {
        height: auto;
        color: $text-muted;
    }
    DocumentsScreen #documents-list {
        height: 1fr;
    }
    DocumentsScreen #documents-hint {
        color: $text-muted;
    }
    """

    NAME = "documents"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "documents.close", id="documents.close"),
        Binding("slash", "focus_filter", "documents.focus_filter", id="documents.filter"),
        Binding("t", "next_type", "documents.next_type", id="documents.next_type"),
        Binding("down", "focus_list", "documents.focus_list", show=False, id="documents.list"),
    ]

    def __init__(
        self,
        documents: Sequence[KnownDocumentLike] | Callable[[], Sequence[KnownDocumentLike]],
    ) -> None:
        super().__init__(documents)
        localize_bindings(self)
        self._all: list[KnownDocumentLike] = []
        self._shown: list[KnownDocumentLike] = []

    @property
    def shown(self) -> tuple[KnownDocumentLike, ...]:
        """The documents listed now (after the filter)."""
        return tuple(self._shown)

    @property
    def filter_text(self) -> str:
        return self.query_one("#documents-filter", Input).value

    def compose(self) -> ComposeResult:
        with Vertical(id="documents-dialog"):
            yield Label(Text(t("documents.title"), end=""), id="documents-title")
            yield TextInput(placeholder=t("documents.filter"), id="documents-filter")
            yield Static(Text("", end=""), id="documents-status")
            yield ChoiceList(id="documents-list", markup=False)
            yield Label(Text(t("documents.hint"), end=""), id="documents-hint")

    def _fill(self, documents: list[KnownDocumentLike]) -> None:
        self._all = documents
        self._apply_filter()

    def _apply_filter(self) -> None:
        text = self.filter_text
        self._shown = [d for d in self._all if matches_filter(d, text)]
        options = self.query_one("#documents-list", OptionList)
        options.set_options(Option(document_prompt(d)) for d in self._shown)
        if self._shown:
            options.highlighted = 0
        if not self._all:
            self._status(t("documents.empty"))
        elif not self._shown:
            self._status(t("documents.none_match", filter=screen_line(text)))
        else:
            kind = _type_of(text) if text.strip() else None
            if kind is not None:
                self._status(t("documents.count_type", type=kind[1], count=len(self._shown)))
            else:
                kinds = ", ".join(self.types())
                count = t("documents.count", count=len(self._shown))
                if kinds:
                    count = t("documents.count_types", count=count, types=kinds)
                self._status(count)

    @on(Input.Changed, "#documents-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply_filter()

    @on(Input.Submitted, "#documents-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_focus_list()

    @on(OptionList.OptionSelected, "#documents-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        document = self._shown[event.option_index]
        if document.url is None:
            number = screen_line(document.number or document.title)
            self._status(t("documents.cited_only", number=number))
            return
        self.dismiss((document.url, document.title))

    def types(self) -> list[str]:
        """The type codes (or names, for a công văn) present, most frequent first."""
        counts: dict[str, int] = {}
        for document in self._all:
            kind = document.doc_type_code or document.doc_type
            if kind:
                counts[kind] = counts.get(kind, 0) + 1
        return sorted(counts, key=lambda k: (-counts[k], k))

    def action_next_type(self) -> None:
        """``t``: filter by the next type present (after the last: all of them)."""
        kinds = ["", *self.types()]
        current = self.filter_text.strip()
        index = kinds.index(current) if current in kinds else 0
        self.query_one("#documents-filter", Input).value = kinds[(index + 1) % len(kinds)]

    def action_focus_filter(self) -> None:
        self.query_one("#documents-filter", Input).focus()

    def action_focus_list(self) -> None:
        options = self.query_one("#documents-list", OptionList)
        if self._shown:
            options.focus()

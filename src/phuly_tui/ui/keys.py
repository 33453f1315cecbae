"""Every key of the app in one table: bindings, help, command palette, README.

Each :class:`KeySpec` names a binding id (what users remap in the config
file's ``[keymap]`` table, applied with Textual's ``App.set_keymap``), the
default keys, the action, where it works and the i18n key of its description.
Widgets take their ``BINDINGS`` from :func:`bindings_for`, so the table and
the behaviour cannot drift apart.

Binding descriptions are stored as i18n keys and translated per instance by
:func:`localize_bindings` — class attributes are built at import time, before
the user's language is known.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, Literal

from textual.binding import Binding, BindingsMap, BindingType

from ..i18n import add_messages, t
from ..values import Value
from . import messages as _messages  # noqa: F401  (registers the labels)

if TYPE_CHECKING:
    from textual.dom import DOMNode

__all__ = [
    "KEYS",
    "RELATED_IDS",
    "KeySpec",
    "Scope",
    "bindings_for",
    "check_keymap",
    "describe_bindings",
    "key_table",
    "localize_bindings",
    "shown_keys",
]

Scope = Literal["global", "screen", "lists", "reader"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class KeySpec(Value):
    """One remappable key binding."""

    id: str
    keys: str
    action: str
    description: str
    scope: Scope
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    #: i18n key of where the key works, when more precise than the scope
    where: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
        )


_RELATED: Final = tuple(
    KeySpec(
        f"related_{n}",
        str(n),
        f"screen.open_related({n})",
        "key.related",
        "reader",
        show=n == 1,
        key_display="1-9" if n == 1 else None,
    )
    for n in range(1, 10)
)

#: the binding ids of ``1``–``9``: related news on an article, cited documents on a
#: document (the reader relabels them with :func:`describe_bindings`)
RELATED_IDS: Final = tuple(spec.id for spec in _RELATED)

KEYS: Final[tuple[KeySpec, ...]] = (
    # everywhere (App)
    KeySpec("quit", "q", "quit", "key.quit", "global"),
    KeySpec("help", "question_mark", "help", "key.help", "global", key_display="?"),
    KeySpec("search", "slash", "search", "key.search", "global", key_display="/"),
    KeySpec("bookmarks", "B", "bookmarks", "key.bookmarks", "global", show=False),
    KeySpec("documents", "D", "documents", "key.documents", "global", show=False),
    KeySpec("reload", "r", "reload", "key.reload", "global"),
    KeySpec("cancel_load", "escape", "cancel_load", "key.cancel", "global", show=False),
    # the main screen: panes and the current article
    KeySpec("next_pane", "tab", "next_pane", "key.next_pane", "screen", show=False),
    KeySpec("prev_pane", "shift+tab", "prev_pane", "key.prev_pane", "screen", show=False),
    KeySpec("pane_left", "left,h", "pane_left", "key.pane_left", "screen", show=False),
    KeySpec("pane_right", "right,l", "pane_right", "key.pane_right", "screen", show=False),
    KeySpec(
        "toggle_read",
        "m",
        "toggle_read",
        "key.toggle_read",
        "screen",
        show=False,
        where="scope.article",
    ),
    KeySpec(
        "mark_section_read",
        "M",
        "mark_section_read",
        "key.mark_section_read",
        "screen",
        show=False,
        where="scope.articles",
    ),
    KeySpec(
        "toggle_bookmark",
        "b",
        "toggle_bookmark",
        "key.toggle_bookmark",
        "screen",
        show=False,
        where="scope.article",
    ),
    KeySpec(
        "open_browser",
        "o",
        "open_browser",
        "key.open_browser",
        "screen",
        show=False,
        where="scope.article",
    ),
    KeySpec(
        "copy_url", "y", "copy_url", "key.copy_url", "screen", show=False, where="scope.article"
    ),
    KeySpec(
        # the action is not "copy_text": Textual's Screen has one (Ctrl+C copies a selection)
        "copy_text",
        "Y",
        "copy_article_text",
        "key.copy_text",
        "screen",
        show=False,
        where="scope.reader",
    ),
    KeySpec("export", "e", "export", "key.export", "screen", show=False, where="scope.reader"),
    KeySpec(
        "export_text",
        "E",
        "export('txt')",
        "key.export_text",
        "screen",
        show=False,
        where="scope.reader",
    ),
    KeySpec(
        "save_file",
        "s",
        "save_file",
        "key.save_file",
        "screen",
        show=False,
        where="scope.document",
    ),
    # every list: sections, articles, pickers, search results, bookmarks, documents
    KeySpec("cursor_down", "down,j", "cursor_down", "key.cursor_down", "lists", show=False),
    KeySpec("cursor_up", "up,k", "cursor_up", "key.cursor_up", "lists", show=False),
    KeySpec("open", "enter", "select", "key.open", "lists"),
    KeySpec("first", "g,home", "first", "key.first", "lists", show=False),
    KeySpec("last", "G,end", "last", "key.last", "lists", show=False),
    # the reader
    *_RELATED,
    KeySpec(
        "back",
        "backspace,left_square_bracket",
        "screen.back",
        "key.back",
        "reader",
        key_display="Bksp",
    ),
    KeySpec(
        "forward",
        "right_square_bracket",
        "screen.forward",
        "key.forward",
        "reader",
        key_display="]",
        show=False,
    ),
    KeySpec("next_article", "n", "screen.next_article", "key.next_article", "reader"),
    KeySpec("previous_article", "p", "screen.previous_article", "key.previous_article", "reader"),
    KeySpec("find", "f", "screen.find", "key.find", "reader"),
    KeySpec("attachments", "a", "screen.attachments", "key.attachments", "reader", show=False),
    KeySpec("links", "L", "screen.links", "key.links", "reader", show=False),
    KeySpec("captures", "A", "screen.captures", "key.captures", "reader", show=False),
    KeySpec(
        # offered by "Trang này không có trong kho lưu trữ" when the listing was captured
        "listing_capture",
        "enter",
        "screen.open_listing_capture",
        "key.listing_capture",
        "reader",
        show=False,
        where="scope.not_archived",
    ),
    KeySpec("scroll_down", "down,j", "scroll_down", "key.scroll_down", "reader", show=False),
    KeySpec("scroll_up", "up,k", "scroll_up", "key.scroll_up", "reader", show=False),
    KeySpec("page_down", "space,pagedown", "page_down", "key.page_down", "reader", show=False),
    KeySpec("page_up", "pageup", "page_up", "key.page_up", "reader", show=False),
    KeySpec("top", "g,home", "scroll_home", "key.top", "reader", show=False),
    KeySpec("bottom", "G,end", "scroll_end", "key.bottom", "reader", show=False),
)


#: the scopes whose keys are live together: the focus is in a list, or in the reader
_LIVE_TOGETHER: Final[tuple[frozenset[Scope], ...]] = (
    frozenset({"global", "screen", "lists"}),
    frozenset({"global", "screen", "reader"}),
)

add_messages(
    {
        "config.keymap_unknown": (
            "Không có phím nào mang mã “{id}” ({source}){hint}; các mã có trong bảng phím "
            "(phím ? hoặc README)",
            "No binding has the id “{id}” ({source}){hint}; the ids are in the key table "
            "(key ? or the README)",
        ),
        "config.keymap_hint": (", có phải “{id}”?", ", did you mean “{id}”?"),
        "config.keymap_clash": (
            "Phím “{key}” được gán cho cả {first} và {second} ({source}); "
            "mỗi phím chỉ cho một việc ở cùng một chỗ",
            "The key “{key}” is bound to both {first} and {second} ({source}); "
            "a key can do one thing in one place",
        ),
    }
)


def check_keymap(keymap: dict[str, str], sources: dict[str, str] | None = None) -> None:
    """Refuse a ``[keymap]`` the app cannot honour, naming the id or key and its source.

    An id that is not in :data:`KEYS` (with the nearest id as a hint), or a
    key that would run two actions where both are live (the focus in a list,
    or in the reader — global and screen keys count in both) raises
    :class:`~phuly_tui.errors.ConfigError` (exit 2).  Textual would otherwise
    ignore the first silently and pick one of the two for the second.
    """
    import difflib

    from ..errors import ConfigError

    sources = sources or {}
    ids = [spec.id for spec in KEYS]
    for ident in keymap:
        if ident not in ids:
            close = difflib.get_close_matches(ident, ids, n=1)
            hint = t("config.keymap_hint", id=close[0]) if close else ""
            source = sources.get(ident, "[keymap]")
            raise ConfigError("config.keymap_unknown", id=ident, source=source, hint=hint)
    for scopes in _LIVE_TOGETHER:
        owner: dict[str, str] = {}
        for spec in KEYS:
            if spec.scope not in scopes:
                continue
            for key in keymap.get(spec.id, spec.keys).split(","):
                key = key.strip()
                first = owner.setdefault(key, spec.id)
                if first != spec.id:
                    source = sources.get(spec.id) or sources.get(first) or "[keymap]"
                    raise ConfigError(
                        "config.keymap_clash", key=key, first=first, second=spec.id, source=source
                    )


def bindings_for(*scopes: Scope) -> list[BindingType]:
    """The bindings of ``scopes``, in table order (for a class's ``BINDINGS``)."""
    return [spec.binding() for spec in KEYS if spec.scope in scopes]


#: Textual's own bindings the app inherits (App, Screen, ScrollableContainer,
#: OptionList, ListView, Input), by their English description or tooltip → our
#: message key: its key panel ("Bảng phím" in the palette) lists them
TEXTUAL_BINDINGS: Final[dict[str, str]] = {
    "Quit": "key.quit",
    "Quit the app and return to the command prompt.": "key.quit.tooltip",
    "Open the command palette": "key.palette.tooltip",
    "Focus Next": "key.next_pane",
    "Focus Previous": "key.prev_pane",
    "Copy selected text": "key.copy_selection",
    "Scroll Up": "key.scroll_up",
    "Scroll Down": "key.scroll_down",
    "Scroll Left": "key.scroll_left",
    "Scroll Right": "key.scroll_right",
    "Scroll Home": "key.top",
    "Scroll End": "key.bottom",
    "Page Up": "key.page_up",
    "Page Down": "key.page_down",
    "Page Left": "key.page_left",
    "Page Right": "key.page_right",
    "Up": "key.cursor_up",
    "Down": "key.cursor_down",
    "Cursor up": "key.cursor_up",
    "Cursor down": "key.cursor_down",
    "First": "key.first",
    "Last": "key.last",
    "Select": "key.open",
    # Input's (ui/widgets/text_input.py: the search box, the Văn bản filter, the find bar)
    "Move cursor left": "key.input.left",
    "Move cursor left and select": "key.input.select_left",
    "Move cursor left a word": "key.input.word_left",
    "Move cursor left a word and select": "key.input.select_word_left",
    "Move cursor right or accept the completion suggestion": "key.input.right",
    "Move cursor right and select": "key.input.select_right",
    "Move cursor right a word": "key.input.word_right",
    "Move cursor right a word and select": "key.input.select_word_right",
    "Delete character left": "key.input.delete_left",
    "Select all": "key.input.select_all",
    "Go to start": "key.input.home",
    "Go to end": "key.input.end",
    "Select line start": "key.input.select_home",
    "Select line end": "key.input.select_end",
    "Delete character right": "key.input.delete_right",
    "Submit": "key.input.submit",
    "Delete left to start of word": "key.input.delete_word_left",
    "Delete all to the left": "key.input.delete_all_left",
    "Delete right to start of word": "key.input.delete_word_right",
    "Delete all to the right": "key.input.delete_all_right",
    "Cut selected text": "key.input.cut",
    "Paste text from the clipboard": "key.input.paste",
}


def _translated(text: str) -> str:
    """A binding's description or tooltip in the user's language: Textual's
    English by :data:`TEXTUAL_BINDINGS`, ours by its message key."""
    return t(TEXTUAL_BINDINGS.get(text, text)) if text else text


def localize_bindings(node: DOMNode) -> None:
    """Translate the descriptions of ``node``'s bindings: the one binding translator.

    ``BINDINGS`` are class attributes, built at import time before the user's
    language is known, so every binding of the app (the key table's, the
    dialogs', the find bar's) carries a message key as its description
    (``key.quit``, ``find.next``); Textual's own ``Ctrl+P`` binding gets ours,
    and its other bindings (:data:`TEXTUAL_BINDINGS`) are translated with
    their tooltips, for its key panel.
    Call from ``__init__`` after ``super().__init__()``: Textual copies the
    class bindings per instance there, and ``Binding`` is frozen, so the map
    is rebuilt with translated copies.  ``DOMNode._bindings`` is private:
    ``tests/ui/test_textual_internals.py`` fails when Textual changes it, and
    when a class with such bindings does not call this.
    """

    def translated(binding: Binding) -> Binding:
        description = _translated(binding.description)
        if binding.action == "command_palette":  # Textual's own, in English
            description = t("key.palette")
        # a message key or Textual's English; any other text is left as it is
        return replace(binding, description=description, tooltip=_translated(binding.tooltip))

    _rebuild_bindings(node, translated)


def describe_bindings(node: DOMNode, descriptions: Mapping[str, str]) -> None:
    """Give ``node``'s bindings named in ``descriptions`` (binding id → message key)
    those words, for keys whose work depends on what the node shows.

    ``1``–``9`` open an article's related news but the documents a document
    cites: the reader calls this when it switches between the two, so that the
    key bar and Textual's key panel say what the keys do now.  Follow it with
    ``refresh_bindings()`` (the key bar redraws on that signal).
    """

    def described(binding: Binding) -> Binding:
        key = descriptions.get(binding.id or "")
        return binding if key is None else replace(binding, description=t(key))

    _rebuild_bindings(node, described)


def _rebuild_bindings(node: DOMNode, change: Callable[[Binding], Binding]) -> None:
    """``node``'s bindings, each replaced by ``change(binding)``: the one writer of
    the private ``DOMNode._bindings`` (``Binding`` is frozen, so the map is rebuilt)."""
    node._bindings = BindingsMap([change(binding) for _key, binding in node._bindings])


_KEY_NAMES: Final = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "backspace": "Backspace",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
}


def shown_keys(keys: str) -> str:
    """Comma-separated Textual key names as people read them, the same in the help
    screen, the README and the command palette: ``"backspace,left_square_bracket"``
    → ``"Backspace ["``, ``"ctrl+d"`` → ``"Ctrl+D"`` (a remapped key included)."""
    return " ".join(_shown_key(key.strip()) for key in keys.split(",") if key.strip())


def _shown_key(key: str) -> str:
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    *modifiers, name = key.split("+")
    if not modifiers:
        return name
    last = _KEY_NAMES.get(name, name.upper() if len(name) == 1 else name.capitalize())
    return "+".join([*(modifier.capitalize() for modifier in modifiers), last])


_SCOPE_LABEL: Final = {
    "global": "scope.global",
    "screen": "scope.global",
    "lists": "scope.lists",
    "reader": "scope.reader",
}


def key_table(keymap: dict[str, str] | None = None) -> list[tuple[str, str, str, str]]:
    """Rows ``(keys, pane, action description, binding id)`` for help and the README.

    ``keymap`` (binding id → keys) shows the user's remapped keys.  The nine
    "related N" bindings are folded into one row.
    """
    keymap = keymap or {}
    rows: list[tuple[str, str, str, str]] = []
    for spec in KEYS:
        if spec.id.startswith("related_") and spec.id != "related_1":
            continue
        shown = shown_keys(keymap.get(spec.id, spec.keys))
        ident, description = spec.id, t(spec.description)
        if spec.id == "related_1":
            # the key bar names what 1–9 do now; the table names both meanings
            shown, ident = "1 … 9", "related_1 … related_9"
            description = t("key.related_or_cited")
        where = t(spec.where or _SCOPE_LABEL[spec.scope])
        rows.append((shown, where, description, ident))
    rows.append(("Ctrl+P", t("scope.global"), t("key.palette"), "command_palette"))
    return rows


def markdown_table() -> str:
    """The README's key table (Vietnamese and English), from :data:`KEYS`."""
    from ..i18n import language, set_language

    before = language()
    try:
        set_language("vi")
        vietnamese = key_table()
        set_language("en")
        english = key_table()
    finally:
        set_language(before)
    lines = [
        "| Keys | Where | Action | Tác dụng | Binding id (config `[keymap]`) |",
        "|---|---|---|---|---|",
    ]
    for (keys, _where, action_vi, ident), (_keys, where_en, action_en, _id) in zip(
        vietnamese, english, strict=True
    ):
        lines.append(f"| `{keys}` | {where_en} | {action_en} | {action_vi} | `{ident}` |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m phuly_tui.ui.keys > keys.md
    print(markdown_table())

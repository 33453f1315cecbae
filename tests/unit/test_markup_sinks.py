"""No computed string reaches a place where Textual or Rich parses markup (issue 9).

Outside text (titles, URLs, captions, file names, server messages) shown through
a markup-parsing API runs as markup: ``[@click=app.quit]`` in a URL becomes a
live link in a notification.  The UI must hand such places ``Text``/``Content``
built from plain strings (or pass ``markup=False``).  This test reads the UI's
source and fails when a markup sink — ``notify(``, ``Static(``, ``Label(``,
``Button(``, ``.update(``, ``Option(``, the command palette's hits, table rows,
``border_title =``, ``tooltip =`` … — receives a string that was *computed*: an
f-string with a value in it, ``%``/``+``/``.format``/``.join``, ``t(key, x=…)``,
a ``str`` parameter or attribute (``exc.message``, ``article.title``), or a
variable holding one of those.  Literals and ``t(key)`` without parameters are
the project's own words and allowed; so is anything wrapped in ``Text(…)``,
``Content(…)``, a function declared to return ``Text``/``Content``, or
``escape(…)`` for the one sink typed ``str`` only (a command's help).

It is a small type inference over the AST, deliberately conservative in what it
flags: an expression whose kind it cannot tell (a subscript, a loop variable) is
not flagged.  The cases of the issue are checked against the scanner itself.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import phuly_tui
import phuly_tui.ui

PACKAGE = Path(phuly_tui.__file__).parent
UI = Path(phuly_tui.ui.__file__).parent


class Kind(Enum):
    SAFE = "safe"  # Text / Content, a literal, a catalogue string without parameters
    STR = "str"  # a computed string: may hold outside text
    UNKNOWN = "unknown"


def _worst(kinds: list[Kind]) -> Kind:
    if Kind.STR in kinds:
        return Kind.STR
    if kinds and all(kind is Kind.SAFE for kind in kinds):
        return Kind.SAFE
    return Kind.UNKNOWN


#: call name → (index of the positional argument, keyword names) parsed as markup
SINK_CALLS: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "notify": (0, ("message", "title")),
    "Static": (0, ("content", "renderable")),
    "Label": (0, ("content", "renderable")),
    "Button": (0, ("label",)),
    "update": (0, ("content",)),
    "Option": (0, ("prompt",)),
    "add_option": (0, ("option",)),
    "Hit": (1, ("match_display", "help")),
    "DiscoveryHit": (0, ("display", "help")),
    "Toast": (None, ()),
    "from_markup": (0, ("markup", "text")),
    "render_str": (0, ("text_content",)),
    "add_column": (0, ("label",)),
    "add_columns": (None, ()),
    "add_row": (None, ()),
    "Tooltip": (0, ()),
}
#: sinks whose every positional argument is a cell or label
ALL_POSITIONAL = frozenset({"add_columns", "add_row"})
SINK_ATTRIBUTES = frozenset({"border_title", "border_subtitle", "tooltip"})
#: callables whose result is markup-safe whatever their argument
SAFE_CALLS = frozenset({"Text", "Content", "assemble", "styled", "escape", "Group"})
#: callables that return a computed ``str``
STR_CALLS = frozenset(
    {
        "str",
        "repr",
        "format",
        "join",
        "strip",
        "lstrip",
        "rstrip",
        "replace",
        "lower",
        "upper",
        "title",
        "casefold",
        "removeprefix",
        "removesuffix",
        "expandtabs",
    }
)


def _annotation_kind(annotation: ast.expr | None) -> Kind:
    if annotation is None:
        return Kind.UNKNOWN
    text = ast.unparse(annotation).replace("'", "").replace('"', "")
    parts = {part.strip() for part in text.replace("Optional[", "").rstrip("]").split("|")}
    parts.discard("None")
    if parts == {"str"}:
        return Kind.STR
    if parts and parts <= {"Text", "Content", "Visual"}:
        return Kind.SAFE
    return Kind.UNKNOWN


@dataclass
class Facts:
    """What the package declares: functions' return kinds, typed attributes."""

    returns: dict[str, set[Kind]] = field(default_factory=dict)
    attributes: dict[str, set[Kind]] = field(default_factory=dict)

    def learn(self, tree: ast.AST) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.returns.setdefault(node.name, set()).add(_annotation_kind(node.returns))
                params = {a.arg: _annotation_kind(a.annotation) for a in _all_args(node.args)}
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Assign):
                        for target in inner.targets:
                            if _is_self_attribute(target) and isinstance(inner.value, ast.Name):
                                kind = params.get(inner.value.id, Kind.UNKNOWN)
                                self._attribute(target, kind)
                    elif isinstance(inner, ast.AnnAssign) and _is_self_attribute(inner.target):
                        self._attribute(inner.target, _annotation_kind(inner.annotation))
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        kinds = self.attributes.setdefault(item.target.id, set())
                        kinds.add(_annotation_kind(item.annotation))

    def _attribute(self, target: ast.expr, kind: Kind) -> None:
        assert isinstance(target, ast.Attribute)
        self.attributes.setdefault(target.attr, set()).add(kind)

    def returned(self, name: str) -> Kind:
        kinds = self.returns.get(name)
        return next(iter(kinds)) if kinds is not None and len(kinds) == 1 else Kind.UNKNOWN

    def attribute(self, name: str) -> Kind:
        kinds = self.attributes.get(name)
        return next(iter(kinds)) if kinds is not None and len(kinds) == 1 else Kind.UNKNOWN


def _all_args(args: ast.arguments) -> list[ast.arg]:
    extra = [a for a in (args.vararg, args.kwarg) if a is not None]
    return [*args.posonlyargs, *args.args, *args.kwonlyargs, *extra]


def _is_self_attribute(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


class Scope:
    """One function (or the module): its parameters and local assignments."""

    def __init__(self, facts: Facts, node: ast.AST, outer: Scope | None = None) -> None:
        self.facts = facts
        self.outer = outer
        self.params: dict[str, Kind] = {}
        self.assigned: dict[str, list[ast.expr]] = {}
        self._resolving: set[str] = set()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for arg in _all_args(node.args):
                self.params[arg.arg] = _annotation_kind(arg.annotation)
        body = node.body if isinstance(node.body, list) else [node.body]  # type: ignore[attr-defined]
        for statement in body:
            for inner in _walk_own(statement):
                if isinstance(inner, ast.Assign):
                    for target in inner.targets:
                        if isinstance(target, ast.Name):
                            self.assigned.setdefault(target.id, []).append(inner.value)
                elif isinstance(inner, ast.AnnAssign) and isinstance(inner.target, ast.Name):
                    kind = _annotation_kind(inner.annotation)
                    if kind is not Kind.UNKNOWN:
                        self.params[inner.target.id] = kind
                    elif inner.value is not None:
                        self.assigned.setdefault(inner.target.id, []).append(inner.value)
                elif isinstance(inner, ast.NamedExpr):
                    self.assigned.setdefault(inner.target.id, []).append(inner.value)

    def name(self, name: str) -> Kind:
        if name in self.params:
            return self.params[name]
        if name in self.assigned:
            if name in self._resolving:
                return Kind.UNKNOWN
            self._resolving.add(name)
            try:
                return _worst([self.kind(value) for value in self.assigned[name]])
            finally:
                self._resolving.discard(name)
        return self.outer.name(name) if self.outer is not None else Kind.UNKNOWN

    def kind(self, node: ast.expr) -> Kind:
        if isinstance(node, ast.Constant):
            return Kind.SAFE if isinstance(node.value, str | int | float) else Kind.UNKNOWN
        if isinstance(node, ast.JoinedStr):
            if any(isinstance(value, ast.FormattedValue) for value in node.values):
                return Kind.STR
            return Kind.SAFE
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
            sides = [self.kind(node.left), self.kind(node.right)]
            if isinstance(node.op, ast.Mod) and self._is_text(node.left):
                return Kind.STR
            if Kind.STR in sides or (Kind.SAFE in sides and self._is_text(node.left)):
                both_literal = all(
                    isinstance(side, ast.Constant) for side in (node.left, node.right)
                )
                return Kind.SAFE if both_literal else Kind.STR
            return Kind.UNKNOWN
        if isinstance(node, ast.BoolOp):
            return _worst([self.kind(value) for value in node.values])
        if isinstance(node, ast.IfExp):
            return _worst([self.kind(node.body), self.kind(node.orelse)])
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.Attribute):
            if _is_self_attribute(node):
                return self.facts.attribute(node.attr)
            return self.facts.attribute(node.attr)
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in SAFE_CALLS:
                return Kind.SAFE
            if name == "cast" and len(node.args) == 2:
                return self.kind(node.args[1])
            if name == "from_markup":
                return self.kind(node.args[0]) if node.args else Kind.UNKNOWN
            if name == "t":
                return Kind.STR if (node.keywords or len(node.args) > 1) else Kind.SAFE
            if name in STR_CALLS:
                return Kind.STR
            return self.facts.returned(name)
        return Kind.UNKNOWN

    def _is_text(self, node: ast.expr) -> bool:
        return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(
            node, ast.JoinedStr
        )


def _walk_own(node: ast.AST) -> Iterator[ast.AST]:
    """Nodes of ``node`` without descending into nested functions or classes."""
    yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        yield from _walk_own(child)


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    sink: str
    code: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.sink} gets a computed string: {self.code}"


def _markup_disabled(call: ast.Call) -> bool:
    return any(
        kw.arg == "markup" and isinstance(kw.value, ast.Constant) and kw.value.value is False
        for kw in call.keywords
    )


def _sink_arguments(call: ast.Call) -> list[ast.expr]:
    name = _call_name(call)
    position, keywords = SINK_CALLS[name]
    if name in ALL_POSITIONAL:
        found = [arg for arg in call.args if not isinstance(arg, ast.Starred)]
        found += [a.value for a in call.args if isinstance(a, ast.Starred)]
    else:
        found = [call.args[position]] if position is not None and len(call.args) > position else []
    return found + [kw.value for kw in call.keywords if kw.arg in keywords]


def _starred_items(node: ast.expr) -> list[ast.expr]:
    """The elements of ``*(x for …)`` / ``*[a, b]`` given to an all-positional sink."""
    if isinstance(node, ast.GeneratorExp | ast.ListComp):
        return [node.elt]
    if isinstance(node, ast.List | ast.Tuple):
        return list(node.elts)
    return [node]


def scan_source(source: str, file: str, facts: Facts) -> list[Finding]:
    """Every markup sink in ``source`` that receives a computed string."""
    tree = ast.parse(source)
    findings: list[Finding] = []

    def visit(node: ast.AST, scope: Scope) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, Scope(facts, child, scope))
                continue
            if isinstance(child, ast.Call) and _call_name(child) in SINK_CALLS:
                check_call(child, scope)
            elif isinstance(child, ast.Assign):
                for target in child.targets:
                    if isinstance(target, ast.Attribute) and target.attr in SINK_ATTRIBUTES:
                        report(child, target.attr, child.value, scope)
            visit(child, scope)

    def check_call(call: ast.Call, scope: Scope) -> None:
        name = _call_name(call)
        if _markup_disabled(call):
            return
        for argument in _sink_arguments(call):
            for item in _starred_items(argument):
                report(call, name, item, scope)

    def report(node: ast.AST, sink: str, value: ast.expr, scope: Scope) -> None:
        if scope.kind(value) is Kind.STR:
            line = getattr(node, "lineno", 0)
            findings.append(Finding(file, line, sink, ast.unparse(value)))

    visit(tree, Scope(facts, tree))
    return findings


def package_facts() -> Facts:
    facts = Facts()
    for path in sorted(PACKAGE.rglob("*.py")):
        facts.learn(ast.parse(path.read_text(encoding="utf-8")))
    return facts


def scan_ui() -> list[Finding]:
    facts = package_facts()
    findings: list[Finding] = []
    for path in sorted(UI.rglob("*.py")):
        relative = str(path.relative_to(PACKAGE.parent))
        findings += scan_source(path.read_text(encoding="utf-8"), relative, facts)
    return findings


# -- the UI as it is ----------------------------------------------------------------------
def test_no_computed_string_reaches_a_markup_sink_in_the_ui() -> None:
    findings = scan_ui()
    assert not findings, "markup sinks given computed strings:\n" + "\n".join(map(str, findings))


def test_the_scan_sees_the_ui() -> None:
    """A scan that finds no sink at all would pass for nothing."""
    sources = [path.read_text(encoding="utf-8") for path in UI.rglob("*.py")]
    calls = [
        node
        for source in sources
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and _call_name(node) in SINK_CALLS
    ]
    names = {_call_name(call) for call in calls}
    assert {"Static", "Label", "update", "Option", "Button"} <= names


# -- the scanner on the issue's cases --------------------------------------------------------
FACTS_SOURCE = """
from dataclasses import dataclass

@dataclass(frozen=True)
class Article:
    title: str
    url: str

class PhulyError(Exception):
    message: str

def screen_line(value: str | None) -> str: ...
def plain(value: str | None) -> Text: ...
"""


def _flagged(code: str) -> list[Finding]:
    code = textwrap.dedent(code)
    facts = Facts()
    facts.learn(ast.parse(FACTS_SOURCE))
    facts.learn(ast.parse(code))
    return scan_source(code, "case.py", facts)


FLAGGED = {
    "a notification built with an f-string": """
        def copy(self, url: str) -> None:
            self.notify(f"Đã chép {url}")
    """,
    "a catalogue message with the URL inserted": """
        def copy(self, url):
            self.app.notify(t("ui.copied", url=url), title=t("ui.copied.title"))
    """,
    "a server's error text as the message": """
        def failed(self, exc: PhulyError) -> None:
            self.notify(exc.message, title=exc.title, severity="error")
    """,
    "a title in a pane's border": """
        def show(self, article: Article) -> None:
            self.reader.border_title = article.title
    """,
    "a status line updated with a concatenation": """
        def show(self, name: str) -> None:
            self.query_one(Static).update("Đang tải " + name)
    """,
    "a variable holding an f-string": """
        def show(self, article):
            text = f"{article.title} ({article.url})"
            yield Label(text)
    """,
    "%-formatting": """
        def show(self, name):
            yield Static("Tệp %s" % name)
    """,
    ".format": """
        def show(self, name):
            yield Button("Mở {}".format(name))
    """,
    "a cleaned but still plain string": """
        def show(self, title: str) -> None:
            self.status.update(screen_line(title))
    """,
    "a str attribute of the screen": """
        class Dialog:
            def __init__(self, title: str) -> None:
                self._title = title
            def compose(self):
                yield Label(self._title)
    """,
    "a command's help with the user's keys": """
        def commands(self, keys):
            yield DiscoveryHit(Content("x"), self.cb, help=f"{keys} · id")
    """,
    "a cast that hides a string": """
        def commands(self, keys):
            yield Hit(1, Content("x"), self.cb, help=cast(str, f"{keys} · id"))
    """,
    "table rows": """
        def rows(self, article: Article):
            table.add_row(article.title, Text("x"))
    """,
    "Content.from_markup of page text": """
        def show(self, article: Article):
            yield Static(Content.from_markup(article.title))
    """,
}
NOT_FLAGGED = {
    "Text from a plain string": """
        def show(self, article: Article) -> None:
            self.query_one(Static).update(Text(article.title))
    """,
    "a helper declared to return Text": """
        def show(self, article: Article) -> None:
            self.reader.border_title = plain(article.title)
    """,
    "markup switched off": """
        def copy(self, url: str) -> None:
            self.app.notify(f"Đã chép {url}", markup=False)
    """,
    "the project's own words": """
        def show(self):
            yield Label(t("help.title"))
            yield Static("[b]phuly-tui[/b]")
    """,
    "a dict's update": """
        def count(self, counts: dict[str, int]) -> None:
            self._unread.update(counts)
    """,
    "a Content given where str is typed": """
        def commands(self, keys):
            yield DiscoveryHit(Content("x"), self.cb, help=cast(str, Content(f"{keys} · id")))
    """,
}


def test_the_scanner_flags_the_issue_cases() -> None:
    missed = [name for name, code in FLAGGED.items() if not _flagged(code)]
    assert not missed, f"not flagged: {missed}"


def test_the_scanner_lets_plain_text_through() -> None:
    wrong = {name: _flagged(code) for name, code in NOT_FLAGGED.items()}
    assert not any(wrong.values()), wrong

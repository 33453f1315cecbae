"""The command line's grammar: argparse, the types of its values, and the fast start.

:func:`parse_command_line` reads ``argv`` in one of three ways:

* nothing at all (the daily ``phuly-tui``): no parser, not even argparse's
  import (~2 ms of a start measured against a bare Textual app);
* only settings, and perhaps one address (``phuly-tui --offline /Pages/x.aspx``,
  a deep link): one small parser of the settings and an optional address —
  building every subcommand's parser costs a few milliseconds more;
* anything else (a subcommand, ``--help``, a mistake): the whole parser,
  which reports errors the way argparse does (exit 2).

The small parser is also what reads ``--lang`` before the whole parser is
built, so that ``--help`` speaks the language asked for: one argparse pass
instead of the hand-made argv scanners there were (one for ``--lang``, one for
the deep link, one for subcommand names).  No parser takes abbreviations
(``allow_abbrev=False``), so the small one reads ``--lang`` exactly as the
whole one will; when the whole parser is to run, the config file's ``lang``
counts too (:func:`phuly_tui.config.chosen_language`).

``--help`` and ``--version`` print through :func:`phuly_tui.streams.write_out`
(argparse's own printing swallows a write error and exits 0; here a full disk
or a closed stdout is exit 5 like any other output).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, Final, NoReturn

from .. import __version__
from ..config import SETTINGS, chosen_language
from ..i18n import language, set_language, t
from ..streams import tell, write_out
from ..text import safe_terminal_text
from ..urls import is_url_input
from .argparse_words import TranslatedHelpFormatter, argparse_message

__all__ = ["SUBCOMMANDS", "build_parser", "parse_command_line", "positive_int"]

SUBCOMMANDS: Final = (
    "docs",
    "sections",
    "list",
    "read",
    "search",
    "bookmarks",
    "export",
    "sync",
    "prune",
    "captures",
    "config-path",
)


def positive_int(text: str) -> int:
    """Argument type of every count the CLI takes (pages, days, requests, results).

    Zero, negative numbers and anything but digits are bad usage (argparse
    exits with 2 and names the argument): ``prune --older-than -1`` once
    meant "everything is older than tomorrow" and emptied the store.
    """
    value = text.strip()
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(t("cli.positive_int", value=text))
    return int(value)


class _PrintAndExit(argparse.Action):
    """``--help`` / ``--version``: print through the guarded stdout, then exit 0.

    argparse's own actions print with ``_print_message``, which ignores a
    failed write: ``phuly-tui --help > /dev/full`` ended with 0 and nothing
    written.  ``write_out`` raises instead, and the CLI says so (exit 5).
    """

    def __init__(
        self,
        option_strings: list[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str | None = None,
        version: str | None = None,
    ) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)
        self.version = version

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> NoReturn:
        write_out(parser.format_help() if self.version is None else self.version + "\n")
        parser.exit()


def _add_help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action=_PrintAndExit, help=t("help.help"))


def _says(placeholder: str) -> str:
    """A placeholder of ``--help`` (argparse's metavar) in the interface's
    language: ``--base-url ĐỊA-CHỈ``, ``--base-url URL`` with ``--lang en``.
    Positionals are given one too: argparse would show their ``dest`` (``url``)."""
    return t(f"metavar.{placeholder}")


#: how each setting's flag is read, beyond "one string value"
#: (values stay strings: config.parse_setting checks flags like the file and the environment)
_OPTION_KINDS: Final[dict[str, dict[str, Any]]] = {
    "offline": {"action": "store_const", "const": True},
    "insecure": {"action": "store_const", "const": True},
    # the values themselves, the same in every language
    "attachment_max_mb": {"metavar": "MB"},
    "lang": {"metavar": "vi|en"},
    "archive": {"metavar": "auto|always|never"},
}

#: the other settings' placeholders (:func:`_says`)
_PLACEHOLDERS: Final[dict[str, str]] = {
    "timeout": "seconds",
    "data_dir": "dir",
    "theme": "theme",
    "base_url": "url",
    "ca_bundle": "file",
    "proxy": "url",
    "archive_url": "url",
    "archive_rate": "n",
}


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options accepted before and after the subcommand (one definition, both places)."""
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group(t("cli.settings_global" if suppress else "cli.settings"))
    for setting in SETTINGS:
        description = setting.help_en if language() == "en" else setting.help_vi
        help_text = f"{description} ({setting.env})"
        kind = _OPTION_KINDS.get(setting.name, {})
        if setting.name in _PLACEHOLDERS:
            kind = {"metavar": _says(_PLACEHOLDERS[setting.name])}
        group.add_argument(setting.flag, dest=setting.name, default=default, help=help_text, **kind)
    group.add_argument(
        "--config",
        dest="config_file",
        type=Path,
        default=default,
        metavar=_says("file"),
        help=t("help.config") + " (PHULY_TUI_CONFIG)",
    )
    group.add_argument(
        "--demo", action="store_const", const=True, default=default, help=t("help.demo")
    )
    group.add_argument(
        "--demo-archive",
        action="store_const",
        const=True,
        default=default,
        help=t("help.demo_archive"),
    )


def _output_options(
    parser: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup, *, markdown: bool = False
) -> None:
    """``--json``, ``--plain`` (and ``--markdown``): in a mutually exclusive group
    where the three are offered together (``read``), since one output is printed."""
    parser.add_argument("--json", action="store_true", help=t("help.json"))
    parser.add_argument("--plain", action="store_true", help=t("help.plain"))
    if markdown:
        parser.add_argument("--markdown", action="store_true", help=t("help.markdown"))


class _OneLineParser(argparse.ArgumentParser):
    """A mistake on the command line is one line on stderr and exit 2.

    argparse prints its usage block above the message — seven lines of options
    for ``prune --older-than 0`` — where every other error of the CLI is one
    line; the line here names the command and where its usage is
    (``--help``), in the interface's language (argparse's English is
    translated by :mod:`.argparse_words`, which also gives ``--help`` its
    headings).  Subcommand parsers are of the same class (argparse's
    ``add_subparsers`` default), so every command answers alike.  The message
    quotes what was typed: it is made safe for the terminal like any other.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", TranslatedHelpFormatter)
        # whole option names only (README, "Command line"): an abbreviation's
        # meaning depends on the subcommand's options (--p: --page, --plain,
        # --proxy) and changes when an option is added, and --lang must be read
        # before argparse runs (the language of --help and of a mistake) the
        # way argparse reads it: ``phuly-tui --la en --bogus`` answered in Vietnamese
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        hint = t("cli.usage_hint", prog=self.prog)
        line = f"{self.prog}: {argparse_message(message)} ({hint})"
        tell(" ".join(safe_terminal_text(line).split()))
        raise SystemExit(2)


def _count(
    parser: argparse.ArgumentParser,
    flag: str,
    default: int | None,
    help_key: str,
    *,
    placeholder: str = "n",
) -> None:
    """An option taking a count (:func:`positive_int`: 0 and below are bad usage)."""
    parser.add_argument(
        flag, type=positive_int, default=default, metavar=_says(placeholder), help=t(help_key)
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the settings, then one subcommand and its options."""
    parser = _OneLineParser(
        prog="phuly-tui",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
        add_help=False,
    )
    _add_help(parser)
    parser.add_argument(
        "--version",
        action=_PrintAndExit,
        version=f"phuly-tui {__version__}",
        help=t("help.version"),
    )
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar=_says("command"))

    def command(name: str, help_key: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=t(help_key), description=t(help_key), add_help=False)
        _add_help(p)
        _global_options(p, suppress=True)
        return p

    p = command("sections", "help.sections")
    _output_options(p)
    p = command("list", "help.list")
    p.add_argument("section", nargs="?", metavar=_says("section"), help=t("help.list_section"))
    _count(p, "--page", None, "help.list_page")
    p.add_argument("--new", action="store_true", help=t("help.list_new"))
    _output_options(p)
    p = command("read", "help.read")
    p.add_argument("url", metavar=_says("url"), help=t("help.read_url"))
    _output_options(p.add_mutually_exclusive_group(), markdown=True)
    p.add_argument("--explain", action="store_true", help=t("help.explain"))
    p = command("docs", "help.docs")
    p.add_argument("--type", dest="doc_type", metavar=_says("type"), help=t("help.docs_type"))
    _output_options(p)
    p = command("search", "help.search")
    p.add_argument("query", nargs="+", metavar=_says("query"), help=t("help.search_query"))
    _count(p, "--limit", 20, "help.search_limit")
    p.add_argument("--section", metavar=_says("section"), help=t("help.search_section"))
    p.add_argument("--since", metavar=_says("date"), help=t("help.search_since"))
    p.add_argument("--until", metavar=_says("date"), help=t("help.search_until"))
    _output_options(p)
    p = command("bookmarks", "help.bookmarks")
    _output_options(p)
    p = command("export", "help.export")
    p.add_argument("url", metavar=_says("url"), help=t("help.read_url"))
    p.add_argument("-o", "--output", metavar=_says("file"), help=t("help.export_output"))
    p.add_argument("--format", choices=("md", "txt"), default="md", help=t("help.export_format"))
    p.add_argument("--overwrite", action="store_true", help=t("help.overwrite"))
    p = command("sync", "help.sync")
    p.add_argument("--sections", nargs="+", metavar=_says("section"), help=t("help.sync_sections"))
    _count(p, "--pages", 2, "help.sync_pages")
    _count(p, "--concurrency", 4, "help.sync_concurrency")
    p.add_argument("--attachments", action="store_true", help=t("help.sync_attachments"))
    p.add_argument("--from-archive", action="store_true", help=t("help.from_archive"))
    p.add_argument("--json", action="store_true", help=t("help.json"))
    p = command("captures", "help.captures")
    p.add_argument("url", metavar=_says("url"), help=t("help.captures_url"))
    p.add_argument("--json", action="store_true", help=t("help.json"))
    p = command("prune", "help.prune")
    _count(p, "--older-than", 90, "help.prune_older_than", placeholder="days")
    command("config-path", "help.config_path")
    return parser


class _QuietParser(argparse.ArgumentParser):
    """A parser whose errors are exceptions, never a message and exit."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def _parse_start(argv: list[str]) -> tuple[argparse.Namespace, list[str]] | None:
    """The settings and the first word that is not one (None when they do not parse).

    Unknown options (a subcommand's, ``--help``) are left in the second value.
    """
    parser = _QuietParser(prog="phuly-tui", add_help=False, allow_abbrev=False)
    _global_options(parser, suppress=False)
    parser.add_argument("target", nargs="?")
    try:
        return parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None


def _parse_language(argv: list[str]) -> argparse.Namespace | None:
    """``--lang`` and ``--config`` alone, when the settings do not parse
    (``phuly-tui --lang en --timeout``: the mistake is said in English)."""
    parser = _QuietParser(prog="phuly-tui", add_help=False, allow_abbrev=False)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--config", dest="config_file", type=Path, default=None)
    try:
        return parser.parse_known_args(argv)[0]
    except argparse.ArgumentError:
        return None


def parse_command_line(argv: list[str]) -> tuple[argparse.Namespace, str | None]:
    """The parsed command line and the deep link (``phuly-tui [settings] URL``), if any.

    The language of the help and error texts is set from ``--lang`` or
    ``PHULY_TUI_LANG`` first.  ``command`` is None when the app is to start.
    """
    start = _parse_start(argv)
    early = start[0] if start is not None else _parse_language(argv)
    lang = getattr(early, "lang", None)
    set_language(lang or os.environ.get("PHULY_TUI_LANG", "vi"))
    deep_link = None
    if start is not None:
        args, rest = start
        target = args.target
        if target is not None and target not in SUBCOMMANDS and is_url_input(target):
            deep_link = target
        if target is None or deep_link is not None:
            if not rest:  # settings only, perhaps an address: the app starts
                del args.target
                args.command = None
                return args, deep_link
            if deep_link is not None:  # the address is the app's; the rest goes to argparse
                argv = list(argv)
                argv.remove(deep_link)
    # argparse speaks now (--help, a mistake): in the config file's language too
    set_language(chosen_language(lang, getattr(early, "config_file", None)))
    return build_parser().parse_args(argv), deep_link

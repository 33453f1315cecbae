"""argparse's own words — its errors and help headings — in the interface's language.

argparse writes its messages in English through ``gettext``, and the only way
to translate them through gettext is a ``.mo`` file chosen by the process's
locale variables: not the ``--lang`` the user gave.  So the words are
translated where argparse hands them over, through two documented seams:

* :meth:`argparse.ArgumentParser.error` receives the finished English line
  (``argument --format: invalid choice: 'pdf' (choose from 'md', 'txt')``);
  :func:`argparse_message` recognises it by argparse's own template (its
  gettext msgid, :data:`TEMPLATES`) and says it again with the catalogue's
  words, keeping what argparse quoted (the option, the value, the choices) as
  it was.  An ``argument X: …`` line is translated on both levels.
* :class:`TranslatedHelpFormatter` gives ``--help`` its headings
  (``usage:``, ``positional arguments``, ``options``) in the same way.

With ``--lang en`` the catalogue's English is argparse's own wording, so the
English line is the one argparse would print.  A message no template matches
is passed on unchanged (English, still one line): a new Python that words a
message differently loses that translation, never the message — and
``tests/cli/test_cli_argparse_words.py`` compares :data:`TEMPLATES` with the
msgids in the running Python's argparse, so that it fails loudly instead.
"""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Iterable
from typing import Final

from ..i18n import t

__all__ = ["HEADINGS", "TEMPLATES", "TranslatedHelpFormatter", "argparse_message"]

#: argparse's error templates (its gettext msgids, word for word) → the catalogue
#: key saying the same.  ``%s``/``%r`` become the key's ``{arg}``, ``%(name)s``
#: its ``{name}``.  The first template matching a line wins: the fixed
#: ``expected one argument`` comes before ``expected %s argument``.
TEMPLATES: Final[dict[str, str]] = {
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "the following arguments are required: %s": "argparse.required",
    "one of the arguments %s is required": "argparse.one_required",
    "expected one argument": "argparse.expected_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "expected %s argument": "argparse.expected_n",
    "expected %s arguments": "argparse.expected_n_plural",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "ignored explicit argument %r": "argparse.ignored_explicit",
}

#: argparse's help headings (msgids) → catalogue keys (the CLI's own groups,
#: "thiết lập", are named with the catalogue when they are made)
HEADINGS: Final[dict[str, str]] = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
}

_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    """The regular expression of the lines ``template`` makes (one group per value)."""
    parts: list[str] = []
    end = 0
    for found in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[end : found.start()]))
        name = found.group(1) or "arg"
        # the quoted name comes first and has no ": "; the rest may hold anything
        parts.append(f"(?P<{name}>.+?)" if name == "argument_name" else f"(?P<{name}>.+)")
        end = found.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts), re.DOTALL)


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The templates' expressions, compiled at the first error: every command's
    start imports this module, and only a mistake needs them (~1 ms)."""
    return tuple((_pattern(template), key) for template, key in TEMPLATES.items())


def argparse_message(message: str) -> str:
    """``message`` (argparse's English error) in the interface's language.

    Values argparse quoted stay as they are; a nested ``message`` (the part
    after ``argument X:``) is translated too.  Unknown messages come back
    unchanged.
    """
    for pattern, key in _patterns():
        found = pattern.fullmatch(message)
        if found is not None:
            values = found.groupdict()
            if "message" in values:
                values["message"] = argparse_message(values["message"])
            return t(key, **values)
    return message


def heading(text: str) -> str:
    """A help heading (``usage: ``, a group's title) in the interface's language."""
    key = HEADINGS.get(text)
    return text if key is None else t(key)


class TranslatedHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with the headings in the interface's language.

    ``add_usage``'s ``prefix`` is argparse's own parameter for the ``usage: ``
    word (the continuation lines are indented by its length, so a longer word
    still lines up); ``start_section`` receives each group's title.
    """

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, heading("usage: ") if prefix is None else prefix)

    def start_section(self, heading_text: str | None) -> None:
        super().start_section(None if heading_text is None else heading(heading_text))

"""The errors phuly-tui raises, each with a title and a message for people.

Everything the library raises on purpose derives from :class:`PhulyError`, so a
caller (the CLI, the app) catches one class and shows ``title`` and ``message``
— in the current language, see :mod:`phuly_tui.i18n` — instead of a traceback::

    PhulyError
    ├── FetchError            the network or the server failed us
    │   ├── NetworkError      unreachable, connection reset, DNS
    │   ├── TimeoutError_     no answer in time (connect, headers or body)
    │   ├── HTTPStatusError   4xx/5xx (``status``); NotFoundError for 404
    │   │                     (NotArchivedError: never captured by the Internet Archive)
    │   ├── ArchiveBusyError  the Internet Archive asked to wait longer than a page may
    │   ├── ArchiveAnswerError  the Internet Archive's answer cannot be read
    │   ├── TLSError          certificate verification failed
    │   ├── ResponseTooLarge  over the size cap (counted decompressed)
    │   ├── RedirectError     loop, or to another origin (``target``)
    │   ├── NotHTMLError      a PDF or other file where a page was expected
    │   ├── EmptyResponse / TruncatedResponse
    │   ├── OfflineMissError  offline, and the store does not have it
    │   │                     (OfflineCapturesMissError: no list of captures stored)
    │   └── OffOriginError / BadSchemeError   refused before any request
    ├── NoSuchPageError       a listing page past the last one (``list --page N``)
    ├── ParseError            a page that cannot be read; NotAnArticleError
    ├── DocumentError         an attachment that cannot be shown as text
    │   ├── DocumentUnreadable    damaged, truncated, hostile (bomb, DOCTYPE…)
    │   ├── DocumentEncrypted     password-protected
    │   ├── DocumentTooLarge      over the attachment cap (``attachment_max_mb``)
    │   ├── UnsupportedDocument   a format the reader does not show (.doc, .xls, .zip…)
    │   └── DocumentSupportMissing  pypdfium2 is not installed (no wheel for this system)
    ├── StoreError            the SQLite store; CorruptStoreError, ReadOnlyStoreError
    └── UsageError            bad input on the command line (NotAURLError, UnknownSectionError)
        └── ConfigError       a setting that cannot be used (config file, environment, flag)
"""

from __future__ import annotations

from typing import Any

from .i18n import t

__all__ = [
    "ArchiveAnswerError",
    "ArchiveBusyError",
    "ArchiveDisabledError",
    "BadSchemeError",
    "ConfigError",
    "CorruptStoreError",
    "DocumentEncrypted",
    "DocumentError",
    "DocumentSupportMissing",
    "DocumentTooLarge",
    "DocumentUnreadable",
    "EmptyResponse",
    "FetchError",
    "HTTPStatusError",
    "NetworkError",
    "NoSuchPageError",
    "NotAURLError",
    "NotAnArticleError",
    "NotArchivedError",
    "NotFoundError",
    "NotHTMLError",
    "OffOriginError",
    "OfflineCapturesMissError",
    "OfflineMissError",
    "ParseError",
    "PhulyError",
    "ReadOnlyStoreError",
    "RedirectError",
    "ResponseTooLarge",
    "StoreError",
    "TLSError",
    "TimeoutError_",
    "TruncatedResponse",
    "UnknownSectionError",
    "UnsafeURLError",
    "UnsupportedDocument",
    "UsageError",
]


class PhulyError(Exception):
    """Base of every error phuly-tui means to show to a person.

    Subclasses set ``title_key`` and ``message_key`` (ids in the i18n
    catalogue); the keyword arguments given to the constructor fill the
    message.  The title is the class's, here and only here (the CLI's line,
    the app's notifications and panes read ``title``): it says what
    happened — an offline miss is no connection error, a 404 no server
    error — so a class whose parent's title would not say it sets its own
    (``tests/unit/test_error_titles.py`` holds every class to its title).
    ``title`` and ``message`` are read lazily so that the language chosen at
    start applies.
    """

    title_key = "error.title.generic"
    message_key = "error.title.generic"

    def __init__(self, message_key: str | None = None, /, **params: object) -> None:
        if message_key is not None:
            self.message_key = message_key
        self.params = params
        super().__init__(self.message)

    @property
    def title(self) -> str:
        return t(self.title_key)

    @property
    def message(self) -> str:
        return t(self.message_key, **self.params)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from the key and its parameters, not from ``args`` (the message
        # in the language of the process that raised it): the parser's errors
        # cross a process boundary (phuly_tui.parse.offload)
        return (_rebuild_error, (type(self), self.message_key, self.params), self.__dict__)


def _rebuild_error(cls: type[PhulyError], key: str, params: dict[str, object]) -> PhulyError:
    return cls(key, **params)


class FetchError(PhulyError):
    title_key = "error.title.network"
    message_key = "error.unreachable"
    #: True when retrying later may help (used by sync and the app's retry hint)
    transient = True


class NetworkError(FetchError):
    message_key = "error.unreachable"


class TimeoutError_(FetchError):
    title_key = "error.title.timeout"
    message_key = "error.timeout"


class HTTPStatusError(FetchError):
    title_key = "error.title.http"
    message_key = "error.http_status"

    def __init__(self, message_key: str | None = None, /, **params: object) -> None:
        status = params.get("status")
        self.status = status if isinstance(status, int) else 0
        super().__init__(message_key, **params)
        self.transient = self.status >= 500


class NotFoundError(HTTPStatusError):
    title_key = "error.title.not_found"
    message_key = "error.not_found"


class NotArchivedError(NotFoundError):
    """The portal failed and the Internet Archive never captured the page.

    When the store knows the page's listing and the archive has a capture of
    it, ``listing_url``, ``listing_name`` (its section's name),
    ``listing_date`` (dd/mm/yyyy in Vietnam) and ``listing_capture`` (the
    capture's ``id_`` address) name the nearest capture of that listing:
    :attr:`listing_line` says so (the CLI's second line on stderr) and the app
    offers to open it.  The message itself stays "Trang này không có trong kho
    lưu trữ (…)".
    """

    title_key = "error.title.not_archived"
    message_key = "error.not_archived"

    def __init__(self, message_key: str | None = None, /, **params: object) -> None:
        params.setdefault("status", 404)

        def text(name: str) -> str | None:
            value = params.get(name)
            return value if isinstance(value, str) and value else None

        self.listing_url = text("listing_url")
        self.listing_capture = text("listing_capture")
        self.listing_date = text("listing_date") or ""
        self.listing_name = text("listing_name") or self.listing_url or ""
        super().__init__(message_key, **params)

    @property
    def listing_line(self) -> str | None:
        """ "Bản lưu trữ gần nhất của mục … (ngày …): <capture>", or None when unknown."""
        if self.listing_url is None or self.listing_capture is None:
            return None
        return t(
            "error.not_archived_listing",
            name=self.listing_name,
            listing_url=self.listing_url,
            listing_date=self.listing_date,
            capture=self.listing_capture,
        )


class ArchiveBusyError(FetchError):
    """The Internet Archive asked to wait (429) longer than one page may wait."""

    title_key = "error.title.archive_busy"
    message_key = "error.archive_busy"


class ArchiveAnswerError(FetchError):
    """The Internet Archive answered, but not in a form that can be read."""

    title_key = "error.title.archive"
    message_key = "error.archive_answer"


class TLSError(FetchError):
    title_key = "error.title.tls"
    message_key = "error.tls"
    transient = False


class ResponseTooLarge(FetchError):
    title_key = "error.title.too_large"
    message_key = "error.too_large"
    transient = False


class RedirectError(FetchError):
    title_key = "error.title.redirect"
    message_key = "error.redirect_loop"
    transient = False


class NotHTMLError(FetchError):
    """The response is a file, not a page; ``url`` can be offered to a viewer."""

    title_key = "error.title.not_html"
    message_key = "error.not_html"
    transient = False


class EmptyResponse(FetchError):
    title_key = "error.title.empty"
    message_key = "error.empty"


class TruncatedResponse(FetchError):
    title_key = "error.title.truncated"
    message_key = "error.truncated"


class OffOriginError(FetchError):
    title_key = "error.title.refused_url"
    message_key = "error.off_origin"
    transient = False


class BadSchemeError(FetchError):
    title_key = "error.title.refused_url"
    message_key = "error.bad_scheme"
    transient = False


class OfflineMissError(FetchError):
    """Offline mode asked for something the store does not have (nothing was
    connected: not a connection error)."""

    title_key = "error.title.offline"
    message_key = "error.offline_missing"
    transient = False


class OfflineCapturesMissError(OfflineMissError):
    """Offline, and the store has no list of the page's captures yet.

    Not :class:`NotArchivedError`: the Internet Archive was not asked (offline,
    nothing is), so nothing is known about the page's captures either way.
    """

    message_key = "error.offline_no_captures"


class NoSuchPageError(PhulyError):
    """``page`` of a listing does not exist: the pager ended at page ``last``."""

    title_key = "error.title.not_found"
    message_key = "error.no_such_page"


class ParseError(PhulyError):
    """The only exception ``parse_*`` raise on purpose."""

    title_key = "error.title.parse"
    message_key = "error.parse"


class NotAnArticleError(ParseError):
    title_key = "error.title.not_article"
    message_key = "error.not_article"


class DocumentError(PhulyError):
    """An attachment that cannot be shown as text; ``o``/``s`` still work on it."""

    title_key = "error.title.document"
    message_key = "error.document_unreadable"


class DocumentUnreadable(DocumentError):
    """Damaged, truncated or hostile (``reason`` says which, in one line)."""

    message_key = "error.document_unreadable"


class DocumentEncrypted(DocumentError):
    message_key = "error.document_encrypted"


class DocumentTooLarge(DocumentError):
    message_key = "error.document_too_large"


class UnsupportedDocument(DocumentError):
    message_key = "error.document_unsupported"


class DocumentSupportMissing(DocumentError):
    message_key = "error.document_no_pdfium"


class StoreError(PhulyError):
    title_key = "error.title.store"
    message_key = "error.title.store"


class CorruptStoreError(StoreError):
    title_key = "error.title.store_damaged"


class ReadOnlyStoreError(StoreError):
    """A write to a store that could only be opened for reading (its folder or
    file cannot be written): nothing was saved; reading goes on working."""

    title_key = "error.title.store_read_only"
    message_key = "store.read_only"


class UsageError(PhulyError):
    title_key = "error.title.usage"


class NotAURLError(UsageError):
    message_key = "error.not_url"


class ArchiveDisabledError(UsageError):
    """The archive was asked for explicitly while the setting ``archive`` is ``never``."""

    message_key = "error.archive_disabled"


class UnknownSectionError(UsageError):
    title_key = "error.title.not_found"
    message_key = "error.unknown_section"


class UnsafeURLError(UsageError):
    """An address with user info or a backslash in its authority (the URL policy,
    :func:`phuly_tui.urls.check_web_url`); ``url`` is given redacted."""

    title_key = "error.title.refused_url"
    message_key = "error.unsafe_url"


class BadDateError(UsageError):
    """A search date bound that is no calendar day (or a range ending before it starts)."""

    message_key = "error.bad_date"


class ConfigError(UsageError):
    """A setting that cannot be used (file, environment or flag): bad usage, exit 2."""

    title_key = "error.title.config"

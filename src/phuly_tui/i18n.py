"""Messages in Vietnamese (the default) and English.

One catalogue for the CLI, the app and the errors, keyed by short ids.  The
language is process-wide: the CLI or the app sets it once at start from
``--lang`` / ``PHULY_TUI_LANG`` / the config file.  Modules that add messages
register them with :func:`add_messages` next to where they are used, so the
catalogue stays close to its callers; a missing key shows the Vietnamese text,
then the key itself, never an exception.
"""

from __future__ import annotations

from typing import Final, Literal

Language = Literal["vi", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("vi", "en")

_current: Language = "vi"
_catalogue: dict[str, dict[Language, str]] = {}


def set_language(lang: str) -> Language:
    """Set the process-wide language; unknown values fall back to Vietnamese."""
    global _current
    _current = "en" if lang.lower().startswith("en") else "vi"
    return _current


def language() -> Language:
    return _current


def add_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Register ``{key: (vietnamese, english)}``."""
    for key, (vi, en) in messages.items():
        _catalogue[key] = {"vi": vi, "en": en}


class Phrase:
    """A catalogue message looked up when it is written out, not when it is made.

    For a message's parameter that is itself a message (a config error's
    "allowed: …"): the error may be raised before the run's language is
    known (a bad value in a file that says ``lang = "en"``) and shown after,
    so its words are chosen at ``str``/``format`` time, like the error's own.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def __str__(self) -> str:
        return t(self.key, **self.params)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r})"


def t(key: str, /, **params: object) -> str:
    """The message ``key`` in the current language, formatted with ``params``.

    Parameters are inserted with ``str.format``; a formatting problem returns
    the unformatted text rather than raising, because a message must never be
    the thing that crashes.
    """
    entry = _catalogue.get(key)
    text = key if entry is None else entry.get(_current) or entry["vi"]
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


add_messages(
    {
        # shared words (one entry for what the app and the CLI both say):
        # "Tin mới", the unread articles of every stored section: the app's first
        # entry of the sections pane and ``list --new`` name it alike
        "new_articles.name": ("Tin mới", "New"),
        # an article's parts: the reader, the CLI and the exports (render.blocks) and
        # the app's pickers name them alike
        "article.related": ("Tin liên quan", "Related news"),
        "article.attachments": ("Tệp đính kèm", "Attachments"),
        # a wait the Internet Archive asked for (Retry-After): the CLI's line, the app's notice
        "archive.wait": (
            "Internet Archive yêu cầu chờ {seconds} giây; đang chờ…",
            "The Internet Archive asks to wait {seconds} seconds; waiting…",
        ),
        # errors: titles, each saying what happened (chosen by the error's class,
        # errors.py; "kho lưu trữ" is the Internet Archive, "kho dữ liệu" the store)
        "error.title.network": ("Lỗi kết nối", "Connection error"),
        "error.title.timeout": ("Hết thời gian chờ", "Timed out"),
        "error.title.tls": ("Lỗi chứng chỉ TLS", "TLS certificate error"),
        "error.title.http": ("Lỗi máy chủ", "Server error"),
        "error.title.too_large": ("Trang quá lớn", "Page too large"),
        "error.title.redirect": ("Không theo chuyển hướng", "Redirect not followed"),
        "error.title.not_html": ("Không phải trang web", "Not a web page"),
        "error.title.empty": ("Trang trống", "Empty page"),
        "error.title.truncated": ("Trang tải không trọn", "Page cut off"),
        "error.title.refused_url": ("Địa chỉ bị từ chối", "Address refused"),
        "error.title.offline": ("Chưa có bản lưu (ngoại tuyến)", "Not stored (offline)"),
        "error.title.not_archived": ("Chưa từng được lưu trữ", "Never archived"),
        "error.title.archive_busy": ("Kho lưu trữ đang bận", "Archive busy"),
        "error.title.parse": ("Không đọc được trang", "Could not read the page"),
        "error.title.not_article": ("Không phải bài viết", "Not an article"),
        "error.title.store": ("Lỗi kho dữ liệu", "Data store error"),
        "error.title.store_damaged": ("Kho dữ liệu bị hỏng", "Data store damaged"),
        "error.title.store_read_only": ("Kho dữ liệu chỉ đọc", "Data store read-only"),
        "error.title.usage": ("Yêu cầu không hợp lệ", "Invalid request"),
        "error.title.config": ("Lỗi cấu hình", "Configuration error"),
        "error.title.generic": ("Lỗi", "Error"),
        "error.title.not_found": ("Không tìm thấy", "Not found"),
        "error.title.document": ("Không đọc được văn bản", "Cannot read the document"),
        "error.document_unreadable": (
            "Tệp {name} hỏng hoặc không đọc được: {reason}",
            "The file {name} is damaged or unreadable: {reason}",
        ),
        "error.document_encrypted": (
            "Tệp {name} được mã hóa (có mật khẩu), không hiện được nội dung",
            "The file {name} is encrypted (password-protected); its text cannot be shown",
        ),
        "error.document_too_large": (
            "Tệp {name} lớn hơn giới hạn {limit} MB (attachment_max_mb)",
            "The file {name} is larger than the {limit} MB limit (attachment_max_mb)",
        ),
        "error.document_unsupported": (
            "Không hiển thị được tệp {kind} trong terminal — mở: o, lưu: s",
            "{kind} files cannot be shown in the terminal — open: o, save: s",
        ),
        "error.document_no_pdfium": (
            "Đọc tệp PDF cần gói pypdfium2 (pip install pypdfium2)",
            "Reading PDF files needs the pypdfium2 package (pip install pypdfium2)",
        ),
        # errors: messages
        "error.unreachable": (
            "Không kết nối được tới cổng thông tin ({host}).",
            "Could not connect to the portal ({host}).",
        ),
        "error.timeout": (
            "Cổng thông tin không trả lời sau {seconds} giây ({url}).",
            "The portal did not answer within {seconds} seconds ({url}).",
        ),
        "error.http_status": (
            "Máy chủ trả về lỗi HTTP {status} cho {url}.",
            "The server answered HTTP {status} for {url}.",
        ),
        "error.title.archive": ("Lỗi kho lưu trữ", "Archive error"),
        "error.not_archived": (
            "Trang này không có trong kho lưu trữ ({url}).",
            "This page is not in the archive ({url}).",
        ),
        "error.not_archived_listing": (
            "Bản lưu trữ gần nhất của mục {name} ({listing_url}): ngày {listing_date} — {capture}",
            "The nearest capture of its listing, {name} ({listing_url}): {listing_date} — "
            "{capture}",
        ),
        "error.archive_busy": (
            "Internet Archive yêu cầu chờ thêm {wait} giây cho {url}, quá {seconds} giây"
            " một trang được chờ. Thử lại sau.",
            "The Internet Archive asks to wait {wait} s more for {url}, longer than the"
            " {seconds} s a page may wait. Try again later.",
        ),
        "error.archive_refusing": (
            "Internet Archive trả lời “quá nhiều yêu cầu” {count} lần liền cho {url};"
            " phuly-tui tạm ngừng hỏi trong {wait} giây. Thử lại sau.",
            "The Internet Archive answered “too many requests” {count} times in a row for"
            " {url}; phuly-tui stops asking for {wait} s. Try again later.",
        ),
        "error.archive_disabled": (
            "Kho lưu trữ đang tắt (archive = never); dùng --archive auto để đọc bản lưu trữ.",
            "The archive is turned off (archive = never); use --archive auto to read captures.",
        ),
        "error.archive_answer": (
            "Kho lưu trữ trả lời không đọc được cho {url}.",
            "The archive sent an unreadable answer for {url}.",
        ),
        "error.not_found": (
            "Không tìm thấy trang {url} (HTTP 404).",
            "Page not found: {url} (HTTP 404).",
        ),
        "error.tls": (
            "Chứng chỉ TLS của {host} không hợp lệ ({reason}). Dùng --ca-bundle TỆP "
            "hoặc --insecure nếu bạn tin máy chủ này.",
            "The TLS certificate of {host} is not valid ({reason}). Use --ca-bundle FILE "
            "or --insecure if you trust this server.",
        ),
        "error.too_large": (
            "Trang {url} lớn hơn giới hạn {limit} MB nên đã bị từ chối.",
            "The page {url} is larger than the {limit} MB limit and was refused.",
        ),
        "error.redirect_loop": (
            "Trang {url} chuyển hướng quá nhiều lần.",
            "The page {url} redirects too many times.",
        ),
        "error.redirect_offsite": (
            "Trang chuyển hướng sang địa chỉ khác: {target} — không tự động mở.",
            "The page redirects to another site: {target} — not followed automatically.",
        ),
        "error.not_html": (
            "{url} không phải trang tin ({content_type}); có thể mở bằng ứng dụng khác.",
            "{url} is not a news page ({content_type}); it can be opened externally.",
        ),
        "error.empty": (
            "Máy chủ trả về trang trống ({url}).",
            "The server sent an empty page ({url}).",
        ),
        "error.truncated": (
            "Trang {url} bị cắt ngang khi đang tải.",
            "The page {url} was cut off while loading.",
        ),
        "error.off_origin": (
            "Địa chỉ {url} không thuộc cổng thông tin; phuly-tui không tự tải nó.",
            "{url} is not on the portal; phuly-tui does not fetch it automatically.",
        ),
        "error.bad_scheme": (
            "Chỉ mở được địa chỉ http/https: {url}",
            "Only http/https addresses can be opened: {url}",
        ),
        "error.not_url": ("Không phải địa chỉ hợp lệ: {value}", "Not a valid address: {value}"),
        "error.unsafe_url": (
            "Địa chỉ {url} có tên người dùng/mật khẩu hoặc dấu \\ trước tên máy chủ; "
            "phuly-tui không dùng địa chỉ như vậy.",
            "The address {url} has a user name/password or a backslash before the host "
            "name; phuly-tui does not use such addresses.",
        ),
        "error.unknown_section": (
            "Không có chuyên mục “{value}”. Xem danh sách: phuly-tui sections",
            "No section named “{value}”. See the list: phuly-tui sections",
        ),
        "error.bad_date": (
            "Ngày không hợp lệ: “{value}” (viết 2024-01-31 hoặc 31/01/2024)",
            "Not a valid date: “{value}” (write 2024-01-31 or 31/01/2024)",
        ),
        "error.date_range": (
            "Khoảng ngày không hợp lệ: {since} sau {until}",
            "Not a valid date range: {since} is after {until}",
        ),
        "error.not_article": (
            "Trang {url} không phải bài viết.",
            "The page {url} is not an article.",
        ),
        "error.no_such_page": (
            "“{section}” không có trang {page}: trang cuối cùng tới được là trang {last}.",
            "“{section}” has no page {page}: the last page reached was page {last}.",
        ),
        "error.parse": ("Không phân tích được trang {url}.", "Could not parse the page {url}."),
        "error.offline_missing": (
            "Kho dữ liệu chưa có {url}; chế độ ngoại tuyến không dùng mạng.",
            "{url} is not in the data store, and offline mode does not use the network.",
        ),
        "error.offline_no_captures": (
            "Kho dữ liệu chưa có danh sách bản lưu trữ của {url};"
            " chế độ ngoại tuyến không hỏi Internet Archive.",
            "No list of the captures of {url} is in the data store yet,"
            " and offline mode does not ask the Internet Archive.",
        ),
        "error.retry_hint": ("thử lại: r", "retry: r"),
        # notices
        "notice.archived_copy": (
            "Bản lưu trữ ngày {date} (Internet Archive)",
            "Archived copy of {date} (Internet Archive)",
        ),
        "notice.stale_copy": (
            "Đang xem bản lưu lúc {time} ngày {date}",
            "Showing the copy stored at {time} on {date}",
        ),
    }
)

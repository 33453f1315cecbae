"""Every error's title says what happened, in both languages (``errors.py``).

The title belongs to the error's class and is read from it by the CLI's
line (``phuly-tui: <title>: <message>``), the app's notifications and the
reader's pane.  Classes inherited their parent's title where it did not say
what happened: an offline miss read "Lỗi kết nối" (nothing was connected), a
404 "Lỗi máy chủ", an unknown section "Yêu cầu không hợp lệ" while its exit
code says "not found", the archive's unreadable answer "Lỗi kết nối", and the
store's errors "Lỗi kho lưu trữ" — the words of the Internet Archive.  The
table names each class's title; a new class must be given one here.
"""

from __future__ import annotations

import inspect

import pytest

from phuly_tui import errors
from phuly_tui.errors import PhulyError
from phuly_tui.i18n import set_language

#: class → (Vietnamese title, English title)
TITLES: dict[str, tuple[str, str]] = {
    "PhulyError": ("Lỗi", "Error"),
    "FetchError": ("Lỗi kết nối", "Connection error"),
    "NetworkError": ("Lỗi kết nối", "Connection error"),
    "TimeoutError_": ("Hết thời gian chờ", "Timed out"),
    "TLSError": ("Lỗi chứng chỉ TLS", "TLS certificate error"),
    "HTTPStatusError": ("Lỗi máy chủ", "Server error"),
    "NotFoundError": ("Không tìm thấy", "Not found"),
    "NotArchivedError": ("Chưa từng được lưu trữ", "Never archived"),
    "ArchiveBusyError": ("Kho lưu trữ đang bận", "Archive busy"),
    "ArchiveAnswerError": ("Lỗi kho lưu trữ", "Archive error"),
    "ResponseTooLarge": ("Trang quá lớn", "Page too large"),
    "RedirectError": ("Không theo chuyển hướng", "Redirect not followed"),
    "NotHTMLError": ("Không phải trang web", "Not a web page"),
    "EmptyResponse": ("Trang trống", "Empty page"),
    "TruncatedResponse": ("Trang tải không trọn", "Page cut off"),
    "OffOriginError": ("Địa chỉ bị từ chối", "Address refused"),
    "BadSchemeError": ("Địa chỉ bị từ chối", "Address refused"),
    "UnsafeURLError": ("Địa chỉ bị từ chối", "Address refused"),
    "OfflineMissError": ("Chưa có bản lưu (ngoại tuyến)", "Not stored (offline)"),
    "OfflineCapturesMissError": ("Chưa có bản lưu (ngoại tuyến)", "Not stored (offline)"),
    "NoSuchPageError": ("Không tìm thấy", "Not found"),
    "UnknownSectionError": ("Không tìm thấy", "Not found"),
    "ParseError": ("Không đọc được trang", "Could not read the page"),
    "NotAnArticleError": ("Không phải bài viết", "Not an article"),
    "DocumentError": ("Không đọc được văn bản", "Cannot read the document"),
    "DocumentUnreadable": ("Không đọc được văn bản", "Cannot read the document"),
    "DocumentEncrypted": ("Không đọc được văn bản", "Cannot read the document"),
    "DocumentTooLarge": ("Không đọc được văn bản", "Cannot read the document"),
    "UnsupportedDocument": ("Không đọc được văn bản", "Cannot read the document"),
    "DocumentSupportMissing": ("Không đọc được văn bản", "Cannot read the document"),
    "StoreError": ("Lỗi kho dữ liệu", "Data store error"),
    "CorruptStoreError": ("Kho dữ liệu bị hỏng", "Data store damaged"),
    "ReadOnlyStoreError": ("Kho dữ liệu chỉ đọc", "Data store read-only"),
    "UsageError": ("Yêu cầu không hợp lệ", "Invalid request"),
    "NotAURLError": ("Yêu cầu không hợp lệ", "Invalid request"),
    "ArchiveDisabledError": ("Yêu cầu không hợp lệ", "Invalid request"),
    "BadDateError": ("Yêu cầu không hợp lệ", "Invalid request"),
    "ConfigError": ("Lỗi cấu hình", "Configuration error"),
}

CLASSES = {
    name: cls
    for name, cls in inspect.getmembers(errors, inspect.isclass)
    if issubclass(cls, PhulyError)
}


def test_every_error_class_has_its_title_named_here() -> None:
    assert set(CLASSES) == set(TITLES)


@pytest.mark.parametrize("name", sorted(TITLES))
def test_the_title_of_each_error_class(name: str) -> None:
    error = CLASSES[name]()
    vietnamese, english = TITLES[name]
    assert error.title == vietnamese
    set_language("en")
    assert error.title == english

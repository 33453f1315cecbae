"""Words of the standalone screens and of the external opener (Vietnamese, English), and dates.

Registered with :func:`phuly_tui.i18n.add_messages` at import, next to their
callers (the help, search, bookmarks, picker and confirm screens, the find bar,
and :mod:`phuly_tui.ui.external`).  This module imports no Textual, so the
external opener — plain Python — can use it too.  The App's own labels live in
``ui/messages.py``.
"""

from __future__ import annotations

from ..i18n import add_messages

__all__: list[str] = []

add_messages(
    {
        # external opener (ui/external.py)
        "external.no_display": (
            "Không có trình duyệt đồ hoạ (phiên SSH hoặc không có màn hình). "
            "Địa chỉ đã được sao chép: {url}",
            "No graphical browser (SSH session or no display). The address was copied: {url}",
        ),
        "external.no_opener": (
            "Không tìm thấy chương trình mở trình duyệt (xdg-open, gio). "
            "Địa chỉ đã được sao chép: {url}",
            "No program to open a browser was found (xdg-open, gio). The address was copied: {url}",
        ),
        "external.launch_failed": (
            "Không mở được {target}: {error}",
            "Could not open {target}: {error}",
        ),
        "external.disabled": (
            "Mở bằng ứng dụng ngoài đã bị tắt (PHULY_TUI_OPENER=none). Địa chỉ: {url}",
            "Opening with external applications is off (PHULY_TUI_OPENER=none). Address: {url}",
        ),
        "external.no_file": ("Không tìm thấy tệp {path}", "File not found: {path}"),
        "external.file_type_refused": (
            "Không tự mở tệp loại “{suffix}” vì lý do an toàn; tệp đã lưu tại {path}",
            "Files of type “{suffix}” are not opened automatically, for safety; "
            "the file is saved at {path}",
        ),
        "external.no_viewer": (
            "Không có ứng dụng đồ hoạ để mở tệp; tệp đã lưu tại {path}",
            "No graphical application to open the file; it is saved at {path}",
        ),
        # help screen
        "help.title": ("Phím tắt", "Keys"),
        "help.column.keys": ("Phím", "Keys"),
        "help.column.action": ("Chức năng", "Action"),
        "help.column.where": ("Ở đâu", "Where"),
        "help.hint": ("Esc, q hoặc ? để đóng", "Esc, q or ? to close"),
        "help.empty": ("Không có phím tắt nào.", "No key bindings."),
        "help.close": ("Đóng", "Close"),
        # search screen
        "search.title": ("Tìm kiếm", "Search"),
        "search.placeholder": (
            "Tìm bài viết (không cần gõ dấu)…",
            "Search articles (accents optional)…",
        ),
        "search.prompt": (
            "Gõ từ khoá để tìm trong các bài đã lưu.",
            "Type words to search the stored articles.",
        ),
        "search.searching": ("Đang tìm…", "Searching…"),
        "search.count": ("{count} kết quả", "{count} results"),
        "search.none": (
            "Không tìm thấy bài nào cho “{query}” trong dữ liệu đã tải."
            " Ctrl+R: đồng bộ để tải thêm.",
            "No stored article found for “{query}”. Ctrl+R: sync to fetch more.",
        ),
        "search.failed": ("Tìm kiếm lỗi: {error}", "Search failed: {error}"),
        "search.hint": (
            "Enter mở · ↓ danh sách · Esc đóng · Ctrl+R đồng bộ\n"
            "Lọc: muc:kinh-te  tu:01/01/2024  den:30/06/2024 (gõ cùng từ khoá)",
            "Enter opens · ↓ list · Esc closes · Ctrl+R sync\n"
            "Filter: muc:kinh-te  tu:01/01/2024  den:30/06/2024 (typed with the words)",
        ),
        "search.sync": ("Đồng bộ", "Sync"),
        "search.open": ("Mở", "Open"),
        "search.focus_results": ("Kết quả", "Results"),
        "search.focus_input": ("Ô tìm", "Search box"),
        "search.close": ("Đóng", "Close"),
        # bookmarks screen
        "bookmarks.title": ("Bài đã đánh dấu", "Bookmarks"),
        "bookmarks.empty": (
            "Chưa có bài nào được đánh dấu (b trong khi đọc để đánh dấu).",
            "No bookmarks yet (press b while reading to add one).",
        ),
        "bookmarks.loading": ("Đang tải…", "Loading…"),
        "bookmarks.failed": (
            "Không đọc được danh sách đánh dấu: {error}",
            "Could not read the bookmarks: {error}",
        ),
        "bookmarks.remove": ("Bỏ đánh dấu", "Remove bookmark"),
        "bookmarks.remove_failed": (
            "Không bỏ được đánh dấu: {error}",
            "Could not remove the bookmark: {error}",
        ),
        "bookmarks.removed": ("Đã bỏ đánh dấu: {title}", "Bookmark removed: {title}"),
        "bookmarks.open": ("Mở", "Open"),
        "bookmarks.close": ("Đóng", "Close"),
        "bookmarks.hint": (
            "Enter mở · b/Delete bỏ đánh dấu · Esc đóng",
            "Enter opens · b/Delete removes · Esc closes",
        ),
        # picker screen
        "picker.hint": ("Enter hoặc 1–9 để chọn · Esc đóng", "Enter or 1–9 picks · Esc closes"),
        "picker.empty": ("Không có mục nào.", "Nothing to choose."),
        "picker.pick": ("Chọn", "Pick"),
        "picker.close": ("Đóng", "Close"),
        # confirm screen
        "confirm.yes": ("Có (y)", "Yes (y)"),
        "confirm.no": ("Không (n)", "No (n)"),
        "confirm.title": ("Xác nhận", "Confirm"),
        "confirm.open_offsite": (
            "Liên kết này dẫn ra ngoài cổng thông tin. Mở trong trình duyệt?",
            "This link leads off the portal. Open it in the browser?",
        ),
        # find bar
        "find.placeholder": ("Tìm trong bài (không cần gõ dấu)…", "Find in article…"),
        "find.count": ("{current}/{total}", "{current}/{total}"),
        "find.none": ("không thấy", "no match"),
        "find.next": ("Kết quả sau", "Next match"),
        "find.previous": ("Kết quả trước", "Previous match"),
        "find.close": ("Đóng tìm kiếm", "Close find"),
    }
)

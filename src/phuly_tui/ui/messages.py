"""Words of the app's interface, in Vietnamese (default) and English.

Registered in the shared catalogue (:func:`phuly_tui.i18n.add_messages`) when
the UI is imported; every label, footer description, notification and pane
message of the app comes from here, so ``--lang en`` switches all of them.
"""

from __future__ import annotations

from ..i18n import add_messages

add_messages(
    {
        # panes and titles
        "ui.title": ("Cổng thông tin Phủ Lý", "Phủ Lý city portal"),
        "ui.pane.sections": ("Chuyên mục", "Sections"),
        "ui.pane.articles": ("Tin bài", "Articles"),
        "ui.pane.reader": ("Bài viết", "Article"),
        "ui.reader.empty": (
            "Chọn một bài trong danh sách và nhấn Enter để đọc.",
            "Pick an article in the list and press Enter to read it.",
        ),
        "ui.list.empty": ("Chưa có tin bài.", "No articles yet."),
        "ui.stale.toast": ("Đang xem bản lưu · thử lại: r", "Showing the stored copy · retry: r"),
        "ui.list.loading": ("Đang tải danh sách tin bài…", "Loading the articles…"),
        "ui.sections.unavailable": (
            "Chưa tải được danh sách chuyên mục — thử lại: r",
            "The sections could not be loaded — retry: r",
        ),
        "ui.list.loading_more": ("Đang tải trang {page}…", "Loading page {page}…"),
        "ui.updated": ("đã cập nhật", "updated"),
        "ui.unread": ("{count} chưa đọc", "{count} unread"),
        "ui.page_count": ("{items} tin · {pages} trang", "{items} articles · {pages} page(s)"),
        "ui.insecure": ("KHÔNG kiểm tra chứng chỉ TLS", "TLS NOT verified"),
        "ui.offline": ("Ngoại tuyến", "Offline"),
        "ui.demo": ("Bản demo", "Demo"),
        # reader
        "ui.reader.related": ("Tin liên quan", "Related news"),
        "ui.reader.attachments": ("Tệp đính kèm", "Attachments"),
        "ui.reader.links": ("Liên kết trong bài", "Links in the article"),
        "ui.reader.neighbours": ("Trong danh sách", "In the list"),
        "ui.reader.previous": ("Bài trước (p)", "Previous (p)"),
        "ui.reader.next": ("Bài sau (n)", "Next (n)"),
        # errors and notices
        "ui.error.in_pane": ("{message} — {hint}", "{message} — {hint}"),
        "ui.plain_text_notice": (
            "Không trích xuất được bài viết từ trang này; đây là toàn bộ chữ của trang.",
            "The article could not be extracted from this page; this is the page's plain text.",
        ),
        "ui.cancelled": ("Đã hủy tải.", "Loading cancelled."),
        "ui.cancelled.title": ("Hủy", "Cancelled"),
        "ui.no_related": ("Bài viết không có tin liên quan số {n}.", "No related article {n}."),
        "ui.no_article": ("Chưa mở bài viết nào.", "No article is open."),
        "ui.history.end": ("Không có bài để tiến tới.", "Nothing to go forward to."),
        "ui.list.first": ("Đây là bài đầu tiên của danh sách.", "This is the first article."),
        "ui.list.last": ("Đây là bài cuối cùng của danh sách.", "This is the last article."),
        "ui.copied": ("Đã sao chép địa chỉ: {url}", "Copied the address: {url}"),
        "ui.copied.title": ("Sao chép", "Copy"),
        "ui.copied_text": (
            "Đã sao chép nội dung bài ({size}).",
            "Copied the article's text ({size}).",
        ),
        "ui.copied_text_cut": (
            "Bài dài {size}: đã sao chép {limit} đầu tiên.",
            "The article is {size} long: copied its first {limit}.",
        ),
        "ui.opened_browser": ("Đã mở trong trình duyệt: {url}", "Opened in the browser: {url}"),
        "ui.browser.title": ("Trình duyệt", "Browser"),
        "ui.marked_read": ("Đã đánh dấu đã đọc.", "Marked as read."),
        "ui.marked_unread": ("Đã đánh dấu chưa đọc.", "Marked as unread."),
        "ui.section_read": (
            "Đã đánh dấu đã đọc {count} tin của “{section}”.",
            "Marked {count} articles of “{section}” as read.",
        ),
        "ui.bookmarked": ("Đã lưu dấu trang.", "Bookmarked."),
        "ui.unbookmarked": ("Đã bỏ dấu trang.", "Bookmark removed."),
        "ui.exported": ("Đã xuất bài viết ra {path}", "Exported the article to {path}"),
        "ui.export.title": ("Xuất bài viết", "Export"),
        "ui.reloading": ("Đang tải lại…", "Reloading…"),
        "ui.help_quit.title": ("Bạn muốn thoát?", "Do you want to quit?"),
        "ui.help_quit": ("Nhấn {key} để thoát phuly-tui.", "Press {key} to quit phuly-tui."),
        "ui.no_attachments": ("Bài viết không có tệp đính kèm.", "The article has no attachments."),
        "ui.no_links": ("Bài viết không có liên kết.", "The article has no links."),
        "ui.downloading": ("Đang tải {name}…", "Downloading {name}…"),
        "ui.opened_file": ("Đã mở {path}", "Opened {path}"),
        "ui.open_file_outside": (
            "Địa chỉ này là một tệp, không phải trang tin. Mở bằng trình duyệt?",
            "This address is a file, not a news page. Open it in the browser?",
        ),
        "ui.sync.title": ("Đồng bộ", "Sync"),
        "ui.sync.command": ("Đồng bộ kho bài viết", "Sync the article store"),
        "ui.sync.help": (
            "Tải 2 trang mỗi chuyên mục và các bài trên đó để đọc khi mất mạng",
            "Fetch 2 pages of every section and their articles for offline reading",
        ),
        "ui.sync.progress": ("Đang đồng bộ {done}/{total}…", "Syncing {done}/{total}…"),
        "ui.sync.starting": ("Đang đồng bộ…", "Syncing…"),
        "ui.sync.done": (
            "Xong: {new} mới, {updated} cập nhật, {unchanged} không đổi, {failed} lỗi.",
            "Done: {new} new, {updated} updated, {unchanged} unchanged, {failed} failed.",
        ),
        "ui.store_warning.title": ("Kho dữ liệu", "Data store"),
        # key descriptions (footer, help, command palette)
        "key.quit": ("Thoát", "Quit"),
        "key.help": ("Trợ giúp", "Help"),
        "key.search": ("Tìm kiếm", "Search"),
        "key.bookmarks": ("Danh sách dấu trang", "Bookmarks list"),
        "key.reload": ("Tải lại", "Reload"),
        "key.cancel": ("Hủy tải", "Cancel loading"),
        "key.next_pane": ("Khung sau", "Next pane"),
        "key.prev_pane": ("Khung trước", "Previous pane"),
        "key.pane_left": ("Sang trái", "Pane left"),
        "key.pane_right": ("Sang phải", "Pane right"),
        "key.cursor_down": ("Xuống", "Down"),
        "key.cursor_up": ("Lên", "Up"),
        "key.open": ("Mở", "Open"),
        "key.toggle_read": ("Đã đọc/chưa đọc", "Read/unread"),
        "key.mark_section_read": ("Đọc hết chuyên mục", "Mark section read"),
        "key.toggle_bookmark": ("Đánh dấu/bỏ dấu trang", "Bookmark/unbookmark"),
        "key.related": ("Tin liên quan", "Related"),
        "key.back": ("Quay lại", "Back"),
        "key.forward": ("Tiến tới", "Forward"),
        "key.next_article": ("Bài sau", "Next article"),
        "key.previous_article": ("Bài trước", "Previous article"),
        "key.find": ("Tìm trong bài", "Find in article"),
        "key.attachments": ("Tệp đính kèm", "Attachments"),
        "key.captures": ("Bản lưu trữ", "Archived copies"),
        "key.listing_capture": ("Mở bản lưu trữ của mục", "Open the listing's capture"),
        "key.links": ("Liên kết", "Links"),
        "key.page_down": ("Trang sau", "Page down"),
        "key.page_up": ("Trang trước", "Page up"),
        "key.top": ("Đầu bài", "Top"),
        "key.bottom": ("Cuối bài", "Bottom"),
        "key.open_browser": ("Mở trình duyệt", "Open in browser"),
        "key.copy_url": ("Sao chép địa chỉ", "Copy URL"),
        "key.copy_text": ("Sao chép nội dung", "Copy text"),
        "key.export": ("Xuất bài (Markdown)", "Export (Markdown)"),
        "key.export_text": ("Xuất bài (văn bản thuần)", "Export (plain text)"),
        "key.scroll_down": ("Cuộn xuống", "Scroll down"),
        "key.scroll_up": ("Cuộn lên", "Scroll up"),
        "key.palette": ("Lệnh", "Commands"),
        # panes (for the key table)
        "scope.global": ("Mọi nơi", "Everywhere"),
        "scope.articles": ("Danh sách tin", "Article list"),
        "scope.lists": ("Chuyên mục, danh sách tin", "Sections, article list"),
        "scope.reader": ("Bài viết", "Reader"),
        "scope.article": (
            "Danh sách tin, bài viết (bài đang chọn)",
            "Article list, reader (the chosen article)",
        ),
        "scope.not_archived": ("Bài viết (trang chưa lưu trữ)", "Reader (page not archived)"),
    }
)

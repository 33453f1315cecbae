"""The command line's messages (Vietnamese, English), registered in the one catalogue.

Importing this module adds them to :mod:`phuly_tui.i18n`; the package imports
it first, so every ``t("cli.…")`` and ``t("help.…")`` of the CLI finds its text.
Help texts are looked up when the parser is built, after ``--lang`` is known.
"""

from __future__ import annotations

from ..i18n import add_messages

__all__: list[str] = []

add_messages(
    {
        "cli.description": (
            "Đọc tin Cổng thông tin điện tử thành phố Phủ Lý trong terminal.",
            "Read the Phủ Lý city portal's news in a terminal.",
        ),
        "cli.epilog": (
            "Chạy không có lệnh con để mở ứng dụng; phuly-tui ĐỊA-CHỈ mở thẳng một bài viết.",
            "Run without a subcommand to open the app; phuly-tui URL opens one article.",
        ),
        "cli.interrupted": ("Đã dừng.", "Interrupted."),
        "cli.io_title": ("Lỗi đọc/ghi", "Input/output error"),
        "cli.io_failed": (
            "không ghi được {target}: {reason}",
            "could not write {target}: {reason}",
        ),
        "cli.needs_utf8": (
            "ứng dụng cần một terminal UTF-8 (bảng mã hiện tại: {encoding});"
            " hãy đặt LANG=C.UTF-8, hoặc dùng các lệnh con (chúng in được không dấu).",
            "the app needs a UTF-8 terminal (the current encoding is {encoding});"
            " set LANG=C.UTF-8, or use the subcommands (they print unaccented text).",
        ),
        "cli.needs_screen": (
            "ứng dụng vẽ lên stderr, nhưng stderr đã bị đóng",
            "the app draws on stderr, which is closed",
        ),
        "cli.insecure": (
            "CẢNH BÁO: đã tắt kiểm tra chứng chỉ TLS (--insecure).",
            "WARNING: TLS certificate verification is off (--insecure).",
        ),
        "cli.no_results": (
            "Không tìm thấy bài nào trong dữ liệu đã tải. Tải thêm: phuly-tui sync",
            "Nothing found in the stored articles. Fetch more: phuly-tui sync",
        ),
        "help.list_section": (
            "tên, slug hoặc địa chỉ chuyên mục",
            "a section's name, slug or URL",
        ),
        "help.read_url": (
            "địa chỉ bài viết (tuyệt đối hoặc /Pages/…)",
            "the article's address (absolute or /Pages/…)",
        ),
        "help.captures_url": (
            "địa chỉ trang (tuyệt đối hoặc /Pages/…)",
            "the page's address (absolute or /Pages/…)",
        ),
        "help.export_output": (
            "tệp hoặc thư mục đích; - là stdout",
            "the file or folder to write; - is stdout",
        ),
        "help.list_new": (
            "Tin mới: bài chưa đọc của mọi chuyên mục đã lưu, mới nhất trước",
            "Tin mới: unread articles of every stored section, newest first",
        ),
        "cli.no_new": (
            "Không có bài chưa đọc trong dữ liệu đã tải. Tải thêm: phuly-tui sync",
            "No unread stored article. Fetch more: phuly-tui sync",
        ),
        "cli.list_new_alone": (
            "list --new không đi cùng tên chuyên mục hay --page",
            "list --new takes no section and no --page",
        ),
        "help.search_section": (
            "chỉ tìm trong chuyên mục (tên, slug hoặc địa chỉ, như list)",
            "search one section only (name, slug or URL, as list takes)",
        ),
        "help.search_since": (
            "từ ngày (2024-01-31 hoặc 31/01/2024), kể cả ngày đó",
            "from this day (2024-01-31 or 31/01/2024), inclusive",
        ),
        "help.search_until": (
            "đến ngày (2024-01-31 hoặc 31/01/2024), kể cả ngày đó",
            "up to this day (2024-01-31 or 31/01/2024), inclusive",
        ),
        "cli.no_bookmarks": ("Chưa có bài viết nào được đánh dấu.", "No bookmarks yet."),
        "cli.saved": ("Đã lưu: {path}", "Saved: {path}"),
        "cli.exists": (
            "{path} đã tồn tại và không bị ghi đè; chọn tên khác, một thư mục, "
            "hoặc thêm --overwrite để thay nó",
            "{path} exists and was not overwritten; choose another name, a folder, "
            "or add --overwrite to replace it",
        ),
        "cli.pruned": (
            "Đã xóa {count} mục cũ khỏi kho (bài đã đánh dấu được giữ lại).",
            "Removed {count} old entries from the store (bookmarks are kept).",
        ),
        "cli.sync_summary": (
            "Đồng bộ xong: {new} mới, {updated} cập nhật, {unchanged} không đổi, {failed} lỗi.",
            "Sync done: {new} new, {updated} updated, {unchanged} unchanged, {failed} failed.",
        ),
        "cli.sync_progress": ("Đang đồng bộ", "Syncing"),
        "cli.page_of": ("Trang {page}/{last}", "Page {page} of {last}"),
        "cli.page": ("Trang {page}", "Page {page}"),
        "cli.next_page": ("Trang sau: {url}", "Next page: {url}"),
        "help.sections": ("liệt kê các chuyên mục", "list the sections"),
        "help.list": ("liệt kê bài viết của một chuyên mục", "list a section's articles"),
        "help.read": ("đọc một bài viết", "read an article"),
        "help.search": (
            "tìm bài viết đã lưu (không cần dấu)",
            "search the stored articles (diacritics optional)",
        ),
        "help.bookmarks": ("các bài đã đánh dấu", "bookmarked articles"),
        "help.export": (
            "xuất bài viết ra Markdown hoặc văn bản",
            "export an article as Markdown or text",
        ),
        "help.sync": (
            "tải các chuyên mục về kho để đọc ngoại tuyến",
            "fetch the sections into the store for offline reading",
        ),
        "help.prune": ("xóa bản lưu cũ", "remove old stored pages"),
        "help.config_path": ("in đường dẫn tệp cấu hình", "print the config file path"),
        "help.docs": (
            "liệt kê các văn bản đã biết (mới nhất trước)",
            "list the known documents (newest first)",
        ),
        "help.docs_type": (
            "chỉ một loại: mã (KH) hoặc tên (Kế hoạch)",
            "one type only: a code (KH) or a name (Kế hoạch)",
        ),
        "cli.no_documents": ("Chưa biết văn bản nào.", "No documents known yet."),
        "cli.only_cited": ("chưa có tệp", "not available"),
        # after a command-line mistake (one line): where the command's usage is
        "cli.usage_hint": ("xem {prog} --help", "see {prog} --help"),
        # under a document found by search: the article attaching it
        "cli.attached_to": ("đính kèm trong: {url}", "attached to: {url}"),
        "help.json": ("xuất JSON", "print JSON"),
        "help.plain": ("văn bản thuần, không màu", "plain text, no styling"),
        "help.markdown": ("xuất Markdown", "print Markdown"),
        "help.explain": ("cho biết quy tắc nào trích xuất từng trường", "show extraction rules"),
        "help.demo": (
            "dùng bản sao cổng thông tin có sẵn (không cần mạng)",
            "use the bundled portal snapshot (no network)",
        ),
        "help.version": ("in phiên bản", "print the version"),
        "help.help": ("in trợ giúp này rồi thoát", "show this help message and exit"),
        "help.demo_archive": (
            "bản demo khi cổng thông tin đã đóng: đọc từ kho lưu trữ giả lập có sẵn",
            "the demo with the portal gone: read from the bundled stand-in archive",
        ),
        "help.captures": (
            "các bản lưu trữ của một trang trên Internet Archive (mới nhất trước)",
            "a page's captures in the Internet Archive (newest first)",
        ),
        "help.from_archive": (
            "tải bản lưu trữ mới nhất từ Internet Archive (giữ giới hạn tốc độ)",
            "fetch the newest captures from the Internet Archive (rate-limited)",
        ),
        "cli.archive_rate_wait": (
            "chờ Internet Archive {seconds} giây",
            "waiting {seconds} s for the Internet Archive",
        ),
        "help.config": ("tệp cấu hình TOML", "TOML config file"),
        "help.overwrite": (
            "cho phép thay tệp -o TỆP đã có (mặc định: không bao giờ ghi đè)",
            "allow replacing an existing -o FILE (by default nothing is overwritten)",
        ),
        "help.list_page": (
            "trang thứ mấy của chuyên mục, theo liên kết “trang sau” (mặc định 1)",
            "which page of the section, following its “next” links (default 1)",
        ),
        "help.search_query": (
            "các từ cần tìm (không cần dấu)",
            "the words to search for (diacritics optional)",
        ),
        "help.search_limit": (
            "số kết quả tối đa (mặc định 20)",
            "at most this many results (default 20)",
        ),
        "help.export_format": (
            "md: Markdown (mặc định), txt: văn bản thuần",
            "md: Markdown (the default), txt: plain text",
        ),
        "help.sync_sections": (
            "chỉ các chuyên mục này (tên, slug hoặc địa chỉ; mặc định: tất cả)",
            "only these sections (name, slug or URL; by default all)",
        ),
        "help.sync_pages": (
            "số trang danh sách của mỗi chuyên mục (mặc định 2)",
            "listing pages of each section (default 2)",
        ),
        "help.sync_concurrency": (
            "số trang tải cùng lúc (mặc định 4)",
            "pages fetched at the same time (default 4)",
        ),
        "help.sync_attachments": (
            "tải cả tệp đính kèm (tới attachment_max_mb)",
            "fetch the attachments too (up to attachment_max_mb)",
        ),
        "help.prune_older_than": (
            "xóa bản lưu không được tải lại quá số ngày này (mặc định 90)",
            "remove stored pages not fetched for this many days (default 90)",
        ),
        # the placeholders of --help (argparse's metavars): what to write there
        "metavar.command": ("LỆNH", "COMMAND"),
        "metavar.url": ("ĐỊA-CHỈ", "URL"),
        "metavar.file": ("TỆP", "FILE"),
        "metavar.dir": ("THƯ-MỤC", "DIR"),
        "metavar.seconds": ("GIÂY", "SECONDS"),
        "metavar.theme": ("GIAO-DIỆN", "THEME"),
        "metavar.n": ("SỐ", "N"),
        "metavar.days": ("SỐ-NGÀY", "DAYS"),
        "metavar.section": ("CHUYÊN-MỤC", "SECTION"),
        "metavar.date": ("NGÀY", "DATE"),
        "metavar.type": ("LOẠI", "TYPE"),
        "metavar.query": ("TỪ-KHÓA", "QUERY"),
        # argparse's own words (cli/argparse_words.py): the English side is argparse's
        # wording, word for word, so that --lang en prints what argparse would
        "argparse.usage": ("cách dùng: ", "usage: "),
        "argparse.positionals": ("tham số", "positional arguments"),
        "argparse.options": ("tùy chọn", "options"),
        "cli.settings": ("thiết lập", "settings"),
        "cli.settings_global": ("thiết lập (dùng chung)", "settings (global)"),
        "argparse.argument": ("{argument_name}: {message}", "argument {argument_name}: {message}"),
        "argparse.unrecognized": (
            "không hiểu tham số: {arg}",
            "unrecognized arguments: {arg}",
        ),
        "argparse.invalid_choice": (
            "không có lựa chọn {value} (chọn một trong: {choices})",
            "invalid choice: {value} (choose from {choices})",
        ),
        "argparse.required": (
            "thiếu tham số bắt buộc: {arg}",
            "the following arguments are required: {arg}",
        ),
        "argparse.one_required": (
            "cần một trong các tham số {arg}",
            "one of the arguments {arg} is required",
        ),
        "argparse.expected_one": ("cần một giá trị", "expected one argument"),
        "argparse.expected_at_least_one": (
            "cần ít nhất một giá trị",
            "expected at least one argument",
        ),
        "argparse.expected_n": ("cần {arg} giá trị", "expected {arg} argument"),
        "argparse.expected_n_plural": ("cần {arg} giá trị", "expected {arg} arguments"),
        "argparse.invalid_value": (
            "giá trị không hợp lệ (cần kiểu {type}): {value}",
            "invalid {type} value: {value}",
        ),
        "argparse.not_allowed_with": (
            "không dùng cùng được với {arg}",
            "not allowed with argument {arg}",
        ),
        "argparse.ambiguous": (
            "tùy chọn {option} chưa rõ: có thể là {matches}",
            "ambiguous option: {option} could match {matches}",
        ),
        "argparse.ignored_explicit": (
            "không nhận giá trị {arg}",
            "ignored explicit argument {arg}",
        ),
        "cli.positive_int": (
            "cần một số nguyên lớn hơn 0, không phải {value!r}",
            "expected a whole number above 0, not {value!r}",
        ),
    }
)

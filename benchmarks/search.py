"""Search benchmark: 10,000 generated articles, median query time (target ≤ 20 ms).

Articles are generated deterministically (fixed seed) from a list of common
Vietnamese words — accented ones, ``đ`` and plain ones, drawn with a Zipf-like
skew so frequent words are very frequent, as in real news text — and stored
through the public API (``Store.put_page``), search index included.  Each
query, unaccented and accented, of one to three words, then runs several
times through ``Store.search`` (default limit 50, snippets and highlights
included: what the app and the CLI wait for).  The table it prints is the one
in the README.

    .venv/bin/python benchmarks/search.py [--articles 10000] [--repeat 7] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from phuly_tui.model import Article, Heading, Paragraph
from phuly_tui.store import open_store

_VOCABULARY_TEXT = (
    "thành phố Phủ Lý tỉnh Hà Nam Đảng bộ đảng viên đang dạng dâng đăng đằng nhân dân"
    " Ủy ban ủy viên hội đồng HĐND UBND phường xã Lam Hạ Thanh Châu Liêm Chính Quang Trung"
    " Phù Vân Châu Sơn Tiên Hiệp Đinh Xá Trịnh Xá kinh tế xã hội văn hóa giáo dục y tế"
    " an ninh quốc phòng trật tự an toàn giao thông công an quân sự thực phẩm nông nghiệp"
    " nông dân thu hoạch lúa xuân năng suất đạt khoảng tạ ha chỉ đạo điều hành kế hoạch"
    " triển khai nhiệm vụ trọng tâm năm tháng đầu cuối sơ kết tổng kết hội nghị học tập"
    " quán triệt nghị quyết Trung ương khóa đại hội đại biểu nhiệm kỳ Mặt trận Tổ quốc"
    " đoàn thanh niên phụ nữ cựu chiến binh người cao tuổi thương binh liệt sĩ người có công"
    " ngân sách thu chi đầu tư xây dựng dự án khu đô thị nhà ở xã hội giải phóng mặt bằng"
    " quy hoạch chi tiết lấy ý kiến đường nối cầu sông Đáy sông Châu Giang bão lũ mưa"
    " phòng chống dịch bệnh sốt xuất huyết gia súc gia cầm trường học khai giảng thi tuyển"
    " sinh lớp học sinh giáo viên chuyển đổi số chính quyền điện tử dịch vụ công trực tuyến"
    " doanh nghiệp sản phẩm OCOP chợ siêu thị hàng hóa Tết Nguyên đán giá cả ổn định"
    " lễ hội văn nghệ thể thao bóng đá giải thiếu niên nhi đồng đoàn kết toàn dân tộc"
    " được của và các những với cho trong trên tại đã sẽ này đó theo về từ có là một"
    " hai ba bốn năm sáu bảy tám chín mười nhiều cùng kỳ tăng giảm so với đồng chí"
    " đồng thời đề nghị yêu cầu báo cáo kết quả tình hình phát triển bền vững hiệu quả"
)
#: the words articles are made of (repeats make a word more frequent)
WORDS: tuple[str, ...] = tuple(_VOCABULARY_TEXT.split())

QUERIES = (
    # unaccented, one to three words
    ("unaccented", "dang"),
    ("unaccented", "phu ly"),
    ("unaccented", "ngan sach"),
    ("unaccented", "giao thong"),
    ("unaccented", "nong dan thu hoach"),
    ("unaccented", "quy hoach chi tiet"),
    ("unaccented", "ocop"),
    ("unaccented", "song day"),
    ("unaccented", "lam ha"),
    ("unaccented", "chuyen doi so"),
    # accented, one to three words
    ("accented", "Đảng"),
    ("accented", "đang"),
    ("accented", "Phủ Lý"),
    ("accented", "ngân sách"),
    ("accented", "giải phóng mặt bằng"),
    ("accented", "an toàn thực phẩm"),
    ("accented", "sốt xuất huyết"),
    ("accented", "Liêm Chính"),
    ("accented", "thương binh"),
    ("accented", "học sinh"),
    # mixed and rare
    ("mixed", "Phu Lý"),
    ("mixed", "dự an"),
    ("mixed", "xyzzy"),
)


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    return [1.0 / (rank + 1) ** exponent for rank in range(count)]


def generate(count: int, seed: int = 2024) -> list[Article]:
    """``count`` articles of Vietnamese-like text (about 350 words each)."""
    rng = random.Random(seed)
    vocabulary = list(WORDS)
    rng.shuffle(vocabulary)  # which words are frequent is random, but fixed by the seed
    weights = zipf_weights(len(vocabulary))

    def sentence(low: int, high: int) -> str:
        words = rng.choices(vocabulary, weights, k=rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    articles = []
    for n in range(count):
        blocks: list[Heading | Paragraph] = []
        for _ in range(rng.randint(4, 9)):
            if rng.random() < 0.15:
                blocks.append(Heading(sentence(4, 8)))
            blocks.append(Paragraph(" ".join(sentence(8, 20) for _ in range(rng.randint(2, 4)))))
        articles.append(
            Article(
                url=f"http://127.0.0.1:8765/Pages/bai-{n}.aspx",
                title=sentence(8, 14).rstrip("."),
                section=rng.choice(("Kinh tế", "Chính trị", "Văn hóa - Xã hội", "Thông báo")),
                published=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                lead=sentence(20, 35),
                blocks=tuple(blocks),
            )
        )
    return articles


def run(data_dir: Path, count: int, repeat: int) -> str:
    articles = generate(count)
    with open_store(data_dir) as store:
        started = time.perf_counter()
        for article in articles:
            data = article.to_dict()
            digest = hashlib.sha1(json.dumps(data).encode(), usedforsecurity=False).hexdigest()
            store.put_page(
                article.url,
                "article",
                data,
                etag=None,
                last_modified=None,
                fetched_at=time.time(),
                content_hash=digest,
            )
        insert_seconds = time.perf_counter() - started
        size_mb = sum(f.stat().st_size for f in store.path.parent.glob(store.path.name + "*")) / 1e6

        rows = []
        timings: dict[str, list[float]] = {}
        for kind, query in QUERIES:
            store.search(query)  # warm the page cache once, as a second search in the app would
            samples = []
            for _ in range(repeat):
                started = time.perf_counter()
                hits = store.search(query)
                samples.append((time.perf_counter() - started) * 1000)
            timings.setdefault(kind, []).extend(samples)
            timings.setdefault("all", []).extend(samples)
            rows.append((kind, query, len(hits), statistics.median(samples)))

    lines = [
        f"Search over {count:,} generated articles ({size_mb:.0f} MB store, "
        f"stored in {insert_seconds:.1f} s); each query {repeat}× through `Store.search`"
        " (50 results with snippets):",
        "",
        "| queries | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|",
    ]
    for kind in ("unaccented", "accented", "mixed", "all"):
        samples = sorted(timings[kind])
        p95 = samples[min(len(samples) - 1, int(0.95 * len(samples)))]
        lines.append(
            f"| {kind} | {statistics.median(samples):.1f} | {p95:.1f} | {samples[-1]:.1f} |"
        )
    median = statistics.median(timings["all"])
    lines += [
        "",
        f"Target: median ≤ 20 ms — {'met' if median <= 20 else 'NOT met'} ({median:.1f} ms).",
        "",
        "<details><summary>per query</summary>",
        "",
        "| query | kind | hits (max 50) | median ms |",
        "|---|---|---:|---:|",
        *(f"| `{query}` | {kind} | {hits} | {ms:.1f} |" for kind, query, hits, ms in rows),
        "",
        "</details>",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--data-dir", type=Path, help="keep the store here (default: temporary)")
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        print(run(args.data_dir, args.articles, args.repeat))
        return 0
    with tempfile.TemporaryDirectory(prefix="phuly-search-bench-") as folder:
        print(run(Path(folder), args.articles, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())

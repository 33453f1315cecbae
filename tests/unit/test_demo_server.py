"""The demo server answers like the portal's SharePoint front end, on 127.0.0.1, quietly."""

from __future__ import annotations

import gzip
import http.client
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from phuly_tui.demo import demo_data_dir, start_demo_server
from phuly_tui.demo.build import visible_text
from phuly_tui.demo.server import DemoServer, accepts_gzip, if_none_match_hits
from phuly_tui.demo.snapshot import Snapshot, load_snapshot
from tests.support.portal_server import FIXTURE_DIR

HOME = "/Pages/Default.aspx"
PDF = "/Documents/2024/01/KH-18-UBND.pdf"

Response = tuple[int, http.client.HTTPMessage, bytes]


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return load_snapshot()


@pytest.fixture(scope="module")
def demo(snapshot: Snapshot) -> Iterator[DemoServer]:
    with DemoServer(snapshot) as server:
        yield server


def request(
    server: DemoServer, target: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> Response:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, target, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def fixture_rows() -> list[list[str]]:
    lines = (FIXTURE_DIR / "urls.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip()]


# -- every URL ------------------------------------------------------------------
def test_every_url_of_the_portal_copy_is_served(demo: DemoServer, snapshot: Snapshot) -> None:
    for target, name, content_type, status in fixture_rows():
        code, headers, body = request(demo, target)
        assert (code, headers["Content-Type"]) == (int(status), content_type), target
        entry = snapshot.lookup(target)
        assert entry is not None
        assert body == entry.body, target
        if not content_type.startswith("text/html"):
            assert body == (FIXTURE_DIR / "site" / name).read_bytes(), target


def test_every_html_page_answers_200_with_the_fixture_text(demo: DemoServer) -> None:
    html = [row for row in fixture_rows() if row[2].startswith("text/html")]
    assert len(html) == 61
    for target, name, _content_type, _status in html:
        code, _headers, body = request(demo, target, {"Accept-Encoding": "gzip"})
        assert code == 200, target
        source = (FIXTURE_DIR / "site" / name).read_bytes()
        assert visible_text(gzip.decompress(body)) == visible_text(source), target


def test_head_gives_headers_without_a_body(demo: DemoServer) -> None:
    code, headers, body = request(demo, HOME, method="HEAD")
    full = request(demo, HOME)
    assert code == 200
    assert body == b""
    assert int(headers["Content-Length"]) == len(full[2])
    assert headers["ETag"] == full[1]["ETag"]


# -- validators and 304 ------------------------------------------------------------
def test_etag_round_trip_gives_304(demo: DemoServer) -> None:
    _code, headers, _body = request(demo, HOME)
    etag = headers["ETag"]
    assert "," in etag  # SharePoint's "{GUID},N"
    code, answer, body = request(demo, HOME, {"If-None-Match": etag})
    assert (code, body) == (304, b"")
    assert answer["ETag"] == etag
    assert answer["Last-Modified"] == headers["Last-Modified"]


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ('"{00000000-0000-0000-0000-000000000000},1", {etag}', 304),
        ("W/{etag}", 304),
        ("*", 304),
        ('"{00000000-0000-0000-0000-000000000000},1"', 200),
        # the tag's own comma must not split it: its halves are not tags
        ("{first_half}", 200),
    ],
)
def test_if_none_match_parses_quoted_tags(demo: DemoServer, value: str, status: int) -> None:
    etag = request(demo, HOME)[1]["ETag"]
    first_half = etag.split(",")[0] + '"'
    header = value.replace("{etag}", etag).replace("{first_half}", first_half)
    assert request(demo, HOME, {"If-None-Match": header})[0] == status


def test_if_modified_since(demo: DemoServer) -> None:
    last_modified = request(demo, PDF)[1]["Last-Modified"]
    assert request(demo, PDF, {"If-Modified-Since": last_modified})[0] == 304
    assert request(demo, PDF, {"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})[0] == 200
    assert request(demo, PDF, {"If-Modified-Since": "not a date"})[0] == 200


def test_if_none_match_wins_over_if_modified_since(demo: DemoServer) -> None:
    last_modified = request(demo, HOME)[1]["Last-Modified"]
    headers = {"If-None-Match": '"{other},2"', "If-Modified-Since": last_modified}
    assert request(demo, HOME, headers)[0] == 200


def test_if_none_match_helper() -> None:
    etag = '"{AB},3"'
    assert if_none_match_hits('"{CD},1" , "{AB},3"', etag)
    assert if_none_match_hits('W/"{AB},3"', etag)
    assert not if_none_match_hits('"{AB}', etag)
    assert not if_none_match_hits("", etag)


# -- gzip ---------------------------------------------------------------------------
def test_gzip_when_asked(demo: DemoServer) -> None:
    plain = request(demo, HOME)
    assert "Content-Encoding" not in plain[1]
    code, headers, body = request(demo, HOME, {"Accept-Encoding": "gzip, deflate"})
    assert code == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert int(headers["Content-Length"]) == len(body) < len(plain[2])
    assert gzip.decompress(body) == plain[2]


def test_gzip_refused_with_q0_and_never_for_files(demo: DemoServer) -> None:
    _code, headers, _body = request(demo, HOME, {"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in headers
    _code, headers, body = request(demo, PDF, {"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in headers
    assert body.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("deflate, GZIP;q=0.5", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, *", False),
        ("*;q=0", False),
        ("identity", False),
        ("", False),
        (None, False),
        ("gzip;q=bad", False),
    ],
)
def test_accepts_gzip(header: str | None, expected: bool) -> None:
    assert accepts_gzip(header) is expected


# -- 404 and lookup -------------------------------------------------------------------
def test_unknown_targets_get_a_vietnamese_sharepoint_404(demo: DemoServer) -> None:
    for target in ("/Pages/khong-co-trang-nay.aspx", "/_layouts/15/init.js", "/gioi-thieu"):
        code, headers, body = request(demo, target)
        assert code == 404
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        page = body.decode("utf-8")
        assert 'lang="vi-VN"' in page
        assert "Rất tiếc, đã xảy ra sự cố" in page
        assert "Không tìm thấy tệp." in page
    code, _headers, body = request(demo, "/khong-co", method="HEAD")
    assert (code, body) == (404, b"")


def test_paths_are_case_insensitive_and_percent_decoded(demo: DemoServer) -> None:
    home = request(demo, HOME)
    assert request(demo, "/PAGES/default.ASPX")[2] == home[2]
    assert request(demo, "/pages/default%2Easpx")[2] == home[2]
    assert request(demo, "/")[1]["ETag"] == home[1]["ETag"]
    code, headers, _ = request(
        demo, "/publishingimages/2024/02/ANH%20GAP%20MAT%20DOANH%20NGHIEP.JPG"
    )
    assert (code, headers["Content-Type"]) == (200, "image/jpeg")


# -- life cycle, binding, quiet ---------------------------------------------------------
def test_start_stop_and_context_manager(snapshot: Snapshot) -> None:
    server = DemoServer(snapshot)
    assert not server.running
    url = server.start()
    assert url == server.url
    assert url.startswith("http://127.0.0.1:")
    assert server.start() == url  # starting twice keeps the running server
    port = server.port
    assert request(server, HOME)[0] == 200
    server.stop()
    server.stop()
    assert not server.running
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with DemoServer(snapshot) as again:
        assert request(again, HOME)[0] == 200
    assert not again.running


def test_binds_loopback_only(demo: DemoServer) -> None:
    assert demo.bound_address == ("127.0.0.1", demo.port)
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # sends nothing: only picks the outgoing address
        local_address = probe.getsockname()[0]
    except OSError:  # no route at all: the bound address above is the whole check
        local_address = "127.0.0.1"
    finally:
        probe.close()
    if not local_address.startswith("127."):
        with pytest.raises((ConnectionRefusedError, TimeoutError)):
            socket.create_connection((local_address, demo.port), timeout=2).close()


def test_start_demo_server_serves_the_bundled_snapshot() -> None:
    server = start_demo_server()
    try:
        assert server.running
        code, _headers, body = request(server, HOME)
        assert code == 200
        assert "Tin tức - Sự kiện".encode() in body
    finally:
        server.stop()


def test_concurrent_readers(demo: DemoServer) -> None:
    targets = [row[0] for row in fixture_rows() if row[2].startswith("text/html")][:16]
    results: list[int] = []

    def read(target: str) -> None:
        results.append(request(demo, target, {"Accept-Encoding": "gzip"})[0])

    threads = [threading.Thread(target=read, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert results == [200] * len(targets)


def test_never_writes_to_the_terminal(
    snapshot: Snapshot, capfd: pytest.CaptureFixture[str]
) -> None:
    with DemoServer(snapshot) as server:
        request(server, HOME)
        request(server, "/khong-co")
        request(server, HOME, method="POST")  # not supported: 501, still silent
        # a client that hangs up in the middle of a large answer
        raw = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        raw.sendall(b"GET " + HOME.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        raw.recv(10)
        raw.close()
        # garbage instead of a request
        raw = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        raw.sendall(b"\x16\x03\x01 not http\r\n\r\n")
        raw.recv(1000)
        raw.close()
        assert request(server, HOME)[0] == 200
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


# -- the package ----------------------------------------------------------------------
def test_importing_the_demo_package_is_cheap() -> None:
    code = (
        "import sys, phuly_tui.demo\n"
        "heavy = {'http.server', 'tarfile', 'lzma', 'shutil', 'platformdirs',\n"
        "         'phuly_tui.demo.snapshot', 'phuly_tui.demo.server', 'textual'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.strip() == "[]"


def test_lazy_names_resolve() -> None:
    import phuly_tui.demo as demo

    assert demo.DemoServer is DemoServer
    assert issubclass(demo.DemoError, Exception)
    with pytest.raises(AttributeError):
        _ = demo.NoSuchThing


def test_demo_data_dir_is_its_own_folder_in_the_cache(isolated_env: object) -> None:
    import os
    from pathlib import Path

    from phuly_tui.paths import default_data_dir

    folder = demo_data_dir()
    cache = Path(os.environ["XDG_CACHE_HOME"])
    assert folder == cache / "phuly-tui" / "demo"
    assert not folder.exists()  # asking does not create it
    assert folder != default_data_dir()

    assert demo_data_dir(reset=True) == folder
    assert folder.is_dir()
    (folder / "phuly.sqlite3").write_bytes(b"stale demo store")
    (folder / "sub").mkdir()
    sibling = folder.parent / "keep.txt"
    sibling.write_text("not the demo's")
    demo_data_dir(reset=True)
    assert folder.is_dir()
    assert list(folder.iterdir()) == []
    assert sibling.read_text() == "not the demo's"


def test_a_taken_port_is_a_titled_error(demo: DemoServer, snapshot: Snapshot) -> None:
    from phuly_tui.demo.snapshot import DemoError

    with pytest.raises(DemoError) as caught:
        DemoServer(snapshot, port=demo.port).start()
    assert "127.0.0.1" in caught.value.message


def test_serve_command_prints_the_url_and_stops_on_interrupt() -> None:
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "phuly_tui.demo.server"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        port = int(url.rsplit(":", 1)[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", HOME)
        assert connection.getresponse().status == 200
        connection.close()
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=10)
        assert process.returncode == 0
        assert err == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

"""``phuly-tui read ATTACHMENT_URL``, ``docs`` and ``search`` over documents, against the
portal copy served on 127.0.0.1 (and a misbehaving server for the broken files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import faults
from tests.support.cli import run_cli
from tests.support.documents import (
    PORTAL_DOCUMENTS,
    PRODUCER_DOCUMENTS,
    expected_readings,
    load_reading,
    make_pdf,
    text_page,
    token_f1,
)
from tests.support.hostile import CONTROL, HOSTILE_FILE, HOSTILE_FILE_SHOWN
from tests.support.portal_server import PortalServer

KH_PDF = "/Documents/2024/01/KH-18-UBND.pdf"
KH_ARTICLE = (
    "/Pages/ke-hoach-cao-diem-bao-dam-trat-tu-an-toan-giao-thong-dip-tet-nguyen-dan-giap-thin.aspx"
)


@pytest.mark.parametrize("path", expected_readings(PORTAL_DOCUMENTS), ids=lambda p: p.stem)
def test_read_json_of_every_public_document(
    path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from phuly_tui.documents import Document

    expected = load_reading(path)
    code, out, err = run_cli(
        capsys, "--base-url", portal.url, "read", portal.url + expected["url"], "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["kind"] == "document"
    assert data["url"] == portal.url + expected["url"]
    for key in (
        "format",
        "pages",
        "text_layer",
        "number",
        "doc_type",
        "issued",
        "issuer",
        "subject",
    ):
        assert data[key] == expected[key], key
    assert sorted(data["cites"]) == sorted(expected["cites"])
    assert token_f1(Document.from_dict(data), expected["paragraphs"]) >= 0.98
    if expected["text_layer"]:
        assert err == ""
    else:
        assert data["blocks"] == []
        assert err.strip() == "Bản quét, không có lớp chữ — 2 trang"


def test_read_plain_shows_the_card_and_the_pages(
    portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        capsys,
        "--base-url",
        portal.url,
        "read",
        "/Documents/2024/07/NQ-HDND-ky-hop-giua-nam-2024.pdf",
        "--plain",
    )
    assert code == 0
    for line in (
        "Số, ký hiệu",
        "07/2024/NQ-HĐND",
        "Loại văn bản",
        "Nghị quyết",
        "Ngày ban hành",
        "12/07/2024",
        "Cơ quan ban hành",
        "Trích yếu",
        "— Trang 2/3 —",
        "— Trang 3/3 —",
    ):
        assert line in out
    assert "\x1b" not in out


def test_a_hostile_file_name_reaches_no_terminal(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scan states no subject: its file name, decoded from the address, is its title."""
    fresh_portal.routes[HOSTILE_FILE] = faults.bytes_response(
        make_pdf([text_page("")]), "application/pdf"
    )
    read = ("--base-url", fresh_portal.url, "read", HOSTILE_FILE)
    code, out, err = run_cli(capsys, *read)
    assert code == 0, err
    assert out.splitlines()[0] == HOSTILE_FILE_SHOWN
    assert not CONTROL.search(out + err)
    code, out, _ = run_cli(capsys, *read, "--json")
    assert json.loads(out)["title"] == HOSTILE_FILE_SHOWN
    code, out, _ = run_cli(capsys, *read, "--markdown")
    assert not CONTROL.search(out)


def test_read_markdown_of_a_docx(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys,
        "--base-url",
        portal.url,
        "read",
        "/Documents/2024/08/Mau-phieu-dang-ky-du-tuyen.docx",
        "--markdown",
    )
    assert code == 0
    assert out.startswith("# Mẫu ban hành kèm theo Nghị định số 115/2020/NĐ-CP")
    assert "| Ngày, tháng, năm cấp văn bằng | Tên trường, cơ sở đào tạo |" in out


def test_the_title_is_the_link_text_once_the_article_is_known(
    portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "--base-url", portal.url, "read", KH_ARTICLE, "--json")[0] == 0
    code, out, _ = run_cli(capsys, "--base-url", portal.url, "read", KH_PDF, "--json")
    assert code == 0
    assert json.loads(out)["title"] == "Kế hoạch số 18/KH-UBND ngày 15/01/2024"


@pytest.mark.parametrize(
    ("body", "name", "words"),
    [
        (
            (PRODUCER_DOCUMENTS / "reportlab-encrypted.pdf").read_bytes(),
            "mat-khau.pdf",
            "được mã hóa",
        ),
        (b"%PDF-1.4\n1 0 obj <<", "cut.pdf", "bị cắt cụt"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 200, "bang.xls", "Không hiển thị được tệp XLS"),
    ],
)
def test_an_unreadable_document_is_one_line_and_exit_4(
    fresh_portal: PortalServer,
    capsys: pytest.CaptureFixture[str],
    body: bytes,
    name: str,
    words: str,
) -> None:
    fresh_portal.routes[f"/Documents/{name}"] = faults.bytes_response(
        body, "application/octet-stream"
    )
    code, out, err = run_cli(
        capsys, "--base-url", fresh_portal.url, "read", f"/Documents/{name}", "--json"
    )
    assert code == 4
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert words in err


@pytest.mark.parametrize("how", ["flag", "env"])
def test_the_attachment_cap(
    how: str,
    portal: PortalServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = ["--base-url", portal.url, "read", KH_PDF]
    if how == "flag":
        args[:0] = ["--attachment-max-mb", "0.01"]
    else:
        monkeypatch.setenv("PHULY_TUI_ATTACHMENT_MAX_MB", "0.01")
    code, _, err = run_cli(capsys, *args)
    assert code == 4
    assert err.strip().endswith("Tệp KH-18-UBND.pdf lớn hơn giới hạn 0.01 MB (attachment_max_mb)")


@pytest.fixture
def synced(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> str:
    code, _, err = run_cli(
        capsys, "--base-url", portal.url, "sync", "--pages", "3", "--attachments"
    )
    assert code == 0, err
    return portal.url


def test_docs_json_lists_every_document_newest_first(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "--base-url", synced, "docs", "--json")
    assert code == 0
    docs = json.loads(out)
    assert all(
        list(d)
        == [
            "number",
            "doc_type",
            "doc_type_code",
            "issued",
            "issuer",
            "subject",
            "title",
            "url",
            "articles",
        ]
        for d in docs
    )
    numbered = {d["number"]: d for d in docs if d["number"]}
    for path in expected_readings(PORTAL_DOCUMENTS):
        reading = load_reading(path)
        if reading["number"]:
            entry = numbered[reading["number"]]
            assert entry["url"] == synced + reading["url"]
            assert entry["issued"] == reading["issued"]
            assert entry["articles"], reading["number"]
    assert numbered["45/KH-UBND"]["url"] is None  # only cited
    issued = [d["issued"] for d in docs if d["issued"]]
    assert issued == sorted(issued, reverse=True)


@pytest.mark.parametrize("kind", ["KH", "kh", "Kế hoạch", "ke hoach"])
def test_docs_filters_by_type_code_or_name(
    kind: str, synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "--base-url", synced, "docs", "--type", kind, "--json")
    assert code == 0
    assert [d["number"] for d in json.loads(out)] == ["18/KH-UBND", "45/KH-UBND"]


def test_docs_with_an_unknown_type_is_a_usage_error(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "--base-url", synced, "docs", "--type", "XYZ")
    assert code == 2
    assert "XYZ" in err


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("18/KH-UBND", KH_PDF),
        ("18 KH UBND", KH_PDF),
        ("kh-ubnd 18", KH_PDF),
        ("KH 18", KH_PDF),
        ("07/2024/NQ-HDND", "/Documents/2024/07/NQ-HDND-ky-hop-giua-nam-2024.pdf"),
    ],
)
def test_search_by_number_finds_the_document_and_its_article(
    query: str, document: str, synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "--base-url", synced, "search", query, "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["kind"] == "document"
    assert hits[0]["url"] == synced + document
    assert hits[0]["page"] == 1
    assert hits[0]["attached_to"] is not None
    assert {"kind": "article", "attached_to": None}.items() <= hits[1].items()
    assert hits[1]["url"] == hits[0]["attached_to"]


def test_search_words_inside_documents(synced: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--base-url", synced, "search", "lo mom long mong", "--json")
    assert code == 0
    [hit] = json.loads(out)
    assert hit["kind"] == "document"
    assert hit["url"] == synced + "/Documents/2024/12/CV-2145-UBND-KT.pdf"
    assert "lở mồm long móng" in hit["snippet"]


def test_search_plain_says_which_results_are_documents_and_where(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "--base-url", synced, "search", "18 KH UBND", "--plain")
    assert code == 0
    lines = out.splitlines()
    # 1. the document: its origin, snippet, address, and the article attaching it
    assert lines[0].startswith(" 1. ")
    assert lines[0].endswith("[Văn bản đính kèm · trang 1]")
    assert lines[2].strip() == synced + KH_PDF
    assert lines[3].strip() == "đính kèm trong: " + synced + KH_ARTICLE
    # 2. the article citing it: said to be an article, with its section
    assert lines[4].startswith(" 2. ")
    assert "[Tin bài · " in lines[4]


def test_search_plain_in_english_names_the_kinds(
    synced: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        capsys, "--lang", "en", "--base-url", synced, "search", "18 KH UBND", "--plain"
    )
    assert code == 0
    assert "[Attached document · page 1]" in out
    assert "attached to: " + synced + KH_ARTICLE in out
    assert "[Article · " in out

"""The bundled demo snapshot: what it holds, what slimming removed, how it is rebuilt.

Everything is compared with the repo's own portal copy (tests/fixtures/portal),
the source the snapshot is built from.
"""

from __future__ import annotations

import json
import lzma
from importlib import resources
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from phuly_tui.demo import build
from phuly_tui.demo.build import BuildError, build_snapshot, slim_html, visible_text
from phuly_tui.demo.snapshot import (
    ARCHIVE_NAME,
    MANIFEST_NAME,
    DemoError,
    Snapshot,
    load_snapshot,
    read_archive,
)
from phuly_tui.i18n import t
from tests.support.portal_server import FIXTURE_DIR, PortalSite

MAX_SNAPSHOT_BYTES = 400 * 1024
SEED_ARTICLE = (
    "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam"
    "-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
)


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return load_snapshot()


@pytest.fixture(scope="module")
def fixture_site() -> PortalSite:
    return PortalSite()


def fixture_rows() -> list[list[str]]:
    lines = (FIXTURE_DIR / "urls.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip()]


def html_targets() -> list[str]:
    return [row[0] for row in fixture_rows() if row[2].startswith("text/html")]


def element_outline(page: bytes) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    """Every element's tag and attributes, in document order, opaque values blanked."""
    tree = LexborHTMLParser(page.decode("utf-8"))
    outline: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
    assert tree.root is not None
    for node in tree.root.traverse(include_text=False):
        attrs: dict[str, str | None] = dict(node.attributes)
        if node.tag == "input" and attrs.get("name") in build.OPAQUE_INPUTS:
            attrs["value"] = ""
        outline.append((str(node.tag), tuple(sorted(attrs.items()))))
    return outline


# -- the bundled files --------------------------------------------------------
def test_bundled_files_are_small_and_described() -> None:
    data = resources.files("phuly_tui.demo").joinpath("data")
    archive = data.joinpath(ARCHIVE_NAME).read_bytes()
    manifest = json.loads(data.joinpath(MANIFEST_NAME).read_text("utf-8"))
    assert len(archive) + len(json.dumps(manifest)) <= MAX_SNAPSHOT_BYTES
    assert manifest["snapshot"]["archive_bytes"] == len(archive)
    assert manifest["format"] == build.FORMAT_VERSION
    # what the source held: 53 distinct pages under 61 HTML targets, 229 URLs
    assert manifest["source"]["html_targets"] == len(html_targets()) == 61
    assert manifest["source"]["urls"] == len(fixture_rows()) == 229
    assert manifest["snapshot"]["bytes"] < manifest["source"]["bytes"] / 4


def test_snapshot_serves_every_url_of_the_source(snapshot: Snapshot) -> None:
    assert snapshot.targets() == [row[0] for row in fixture_rows()]
    for target, _name, content_type, status in fixture_rows():
        entry = snapshot.lookup(target)
        assert entry is not None, target
        assert (entry.content_type, entry.status) == (content_type, int(status))


def test_files_other_than_pages_are_byte_identical(snapshot: Snapshot) -> None:
    for target, name, content_type, _status in fixture_rows():
        if content_type.startswith("text/html"):
            continue
        entry = snapshot.lookup(target)
        assert entry is not None
        assert entry.body == (FIXTURE_DIR / "site" / name).read_bytes(), target


def test_targets_of_one_file_share_one_entry(snapshot: Snapshot) -> None:
    assert snapshot.lookup("/") is snapshot.lookup("/Pages/Default.aspx")


def test_pages_lose_view_state_and_script_bodies_only(
    snapshot: Snapshot, fixture_site: PortalSite
) -> None:
    for target in html_targets():
        entry = snapshot.lookup(target)
        original = fixture_site.lookup(target)
        assert entry is not None
        assert original is not None
        source = original[1]
        assert len(entry.body) < len(source) / 2, target  # view state was most of it
        tree = LexborHTMLParser(entry.body.decode("utf-8"))
        for name in build.OPAQUE_INPUTS:
            for node in tree.css(f'input[name="{name}"]'):
                assert node.attributes.get("value") == "", (target, name)
        scripts = tree.css("script")
        assert scripts, target
        assert all(node.text() == "" for node in scripts), target
        assert element_outline(entry.body) == element_outline(source), target
        assert visible_text(entry.body) == visible_text(source), target


def test_seed_article_keeps_its_reader_markup(snapshot: Snapshot) -> None:
    entry = snapshot.lookup(SEED_ARTICLE)
    assert entry is not None
    page = entry.body.decode("utf-8")
    assert "Ban chỉ đạo 35 TP Phủ Lý" in page
    assert "ms-rtestate-field" in page
    assert "Tin liên quan" in page


def test_entries_carry_sharepoint_validators(snapshot: Snapshot) -> None:
    entry = snapshot.lookup("/Pages/Default.aspx")
    assert entry is not None
    assert entry.etag.startswith('"{')
    assert entry.etag.endswith('"')
    assert "}," in entry.etag
    assert entry.last_modified.endswith(" GMT")
    assert entry.modified_at > 1704067200 - 1  # spread over 2024, like the portal's


# -- SharePoint-like lookup ---------------------------------------------------
def test_lookup_is_exact_then_case_insensitive(snapshot: Snapshot) -> None:
    exact = snapshot.lookup("/Pages/Default.aspx")
    assert exact is not None
    assert snapshot.lookup("/PAGES/default.ASPX") is exact
    assert snapshot.lookup("/pages/tin-tuc-su-kien.aspx?Page=2") is snapshot.lookup(
        "/Pages/tin-tuc-su-kien.aspx?Page=2"
    )


def test_lookup_percent_decodes_the_path(snapshot: Snapshot) -> None:
    target = "/PublishingImages/2024/02/anh%20gap%20mat%20doanh%20nghiep.jpg"
    entry = snapshot.lookup(target)
    assert entry is not None
    assert snapshot.lookup("/PublishingImages/2024/02/anh gap mat doanh nghiep.jpg") is entry
    assert (
        snapshot.lookup("/publishingimages/2024/02/ANH%20GAP%20MAT%20DOANH%20NGHIEP.JPG") is entry
    )
    assert snapshot.lookup("/Pages/Default%2Easpx") is snapshot.lookup("/Pages/Default.aspx")


def test_lookup_misses_give_none(snapshot: Snapshot) -> None:
    assert snapshot.lookup("/Pages/khong-co.aspx") is None
    assert snapshot.lookup("/_layouts/15/init.js") is None
    assert snapshot.lookup("") is None


def test_a_damaged_archive_is_a_titled_error() -> None:
    with pytest.raises(DemoError) as caught:
        read_archive(b"not an archive")
    assert caught.value.title == t("demo.title")
    assert "hỏng" in caught.value.message
    with pytest.raises(DemoError):
        read_archive(lzma.compress(b"an xz stream that holds no tar"))


# -- slimming -------------------------------------------------------------------
def test_slim_html_empties_opaque_values_in_any_attribute_order() -> None:
    page = (
        b'<form><input type="hidden" value="/wEPDw+big==" name="__VIEWSTATE" id="__VIEWSTATE" />'
        b"<input type=hidden name='__EVENTVALIDATION' value='/wEW0l' />"
        b'<INPUT NAME="__REQUESTDIGEST" VALUE="0xEF71,26 Nov 2026">'
        b'<input type="hidden" name="__VIEWSTATEGENERATOR" value="BAB98CB3" />'
        b'<input name="ctl00$txtSearch" value="Tim kiem" /></form>'
    )
    assert slim_html(page) == (
        b'<form><input type="hidden" value="" name="__VIEWSTATE" id="__VIEWSTATE" />'
        b"<input type=hidden name='__EVENTVALIDATION' value=\"\" />"
        b'<INPUT NAME="__REQUESTDIGEST" VALUE="">'
        b'<input type="hidden" name="__VIEWSTATEGENERATOR" value="BAB98CB3" />'
        b'<input name="ctl00$txtSearch" value="Tim kiem" /></form>'
    )


def test_slim_html_empties_scripts_but_keeps_tags_styles_and_comments() -> None:
    page = (
        b'<head><style>.ms-hidden{display:none}</style><script src="/a.js"></script>'
        b'<SCRIPT type="text/javascript">var s = "<p>Tin</p>";</SCRIPT ></head>'
        b"<body><!-- <script> in a comment starts nothing --><p>Tin</p>"
        b"<scripted-widget>kept</scripted-widget><script>if (a<b) {}</script><p>Het</p></body>"
    )
    assert slim_html(page) == (
        b'<head><style>.ms-hidden{display:none}</style><script src="/a.js"></script>'
        b'<SCRIPT type="text/javascript"></SCRIPT ></head>'
        b"<body><!-- <script> in a comment starts nothing --><p>Tin</p>"
        b"<scripted-widget>kept</scripted-widget><script></script><p>Het</p></body>"
    )


# -- the build command ----------------------------------------------------------
def test_build_is_deterministic_and_the_bundled_snapshot_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    first = build_snapshot(FIXTURE_DIR, tmp_path / "one")
    second = build_snapshot(FIXTURE_DIR, tmp_path / "two")
    assert first.archive.read_bytes() == second.archive.read_bytes()
    assert first.manifest_path.read_bytes() == second.manifest_path.read_bytes()
    assert first.manifest["built"] == "2025-01-01"

    bundled = json.loads(
        resources.files("phuly_tui.demo").joinpath("data", MANIFEST_NAME).read_text("utf-8")
    )
    # the content hash ignores tar/xz versions: a mismatch means the fixtures changed
    stale = (
        "the bundled snapshot is stale: run python -m phuly_tui.demo.build tests/fixtures/portal"
    )
    assert first.manifest["snapshot"]["content_sha256"] == bundled["snapshot"]["content_sha256"], (
        stale
    )
    assert first.manifest["source"] == bundled["source"]

    rebuilt = read_archive(first.archive.read_bytes())
    bundled_snapshot = load_snapshot()
    for target in bundled_snapshot.targets():
        entry, again = bundled_snapshot.lookup(target), rebuilt.lookup(target)
        assert entry is not None
        assert again is not None
        assert (again.body, again.etag, again.last_modified) == (
            entry.body,
            entry.etag,
            entry.last_modified,
        )


def test_build_refuses_a_slimming_that_changes_visible_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "portal"
    (source / "site" / "Pages").mkdir(parents=True)
    (source / "site" / "Pages" / "a.aspx").write_bytes(
        "<html><body><p>Tin</p><script>x()</script><p>Hết</p></body></html>".encode()
    )
    (source / "urls.tsv").write_text(
        "/Pages/a.aspx\tPages/a.aspx\ttext/html; charset=utf-8\t200\n", encoding="utf-8"
    )
    built = build_snapshot(source, tmp_path / "ok")
    entry = read_archive(built.archive.read_bytes()).lookup("/pages/A.aspx")
    assert entry is not None
    assert entry.body == "<html><body><p>Tin</p><script></script><p>Hết</p></body></html>".encode()

    monkeypatch.setattr(build, "slim_html", lambda page: page.replace(b"<p>Tin</p>", b""))
    with pytest.raises(BuildError, match="visible text"):
        build_snapshot(source, tmp_path / "refused")
    assert not (tmp_path / "refused" / ARCHIVE_NAME).exists()


def test_build_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main([str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    assert "urls.tsv" in capsys.readouterr().err

    assert build.main([str(FIXTURE_DIR), "--out", str(tmp_path / "out")]) == 0
    assert "229 URLs" in capsys.readouterr().out
    assert (tmp_path / "out" / ARCHIVE_NAME).stat().st_size <= MAX_SNAPSHOT_BYTES


def test_visible_text_ignores_scripts_and_styles() -> None:
    page = b"<html><head><style>p{}</style></head><body><p>A</p><script>B</script></body></html>"
    assert visible_text(page).strip() == "A"

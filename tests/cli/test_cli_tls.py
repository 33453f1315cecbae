"""TLS through the CLI: a certificate error is one clear line; --ca-bundle and --insecure work."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from phuly_tui.cli import EXIT_NETWORK, main
from tests.support.faults import TLSPortalServer, make_self_signed_cert

SECTIONS = ["sections", "--json"]


@pytest.fixture
def tls_portal(tmp_path: Path) -> Iterator[tuple[TLSPortalServer, Path]]:
    cert, key = make_self_signed_cert(tmp_path)
    with TLSPortalServer(cert, key) as server:
        yield server, cert


def test_untrusted_certificate_is_a_clear_error(
    tls_portal: tuple[TLSPortalServer, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, _cert = tls_portal
    code = main(["--base-url", server.url, *SECTIONS])
    out, err = capsys.readouterr()
    assert code == EXIT_NETWORK
    assert out == ""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert "Chứng chỉ TLS của 127.0.0.1" in lines[0]
    assert "--ca-bundle" in lines[0]
    assert "--insecure" in lines[0]


def test_custom_ca_bundle(
    tls_portal: tuple[TLSPortalServer, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, cert = tls_portal
    assert main(["--base-url", server.url, "--ca-bundle", str(cert), *SECTIONS]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["sections"][0]["name"] == "Tin tức - Sự kiện"
    assert err == ""


def test_insecure_is_visible(
    tls_portal: tuple[TLSPortalServer, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, _cert = tls_portal
    assert main(["--base-url", server.url, "--insecure", *SECTIONS]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["kind"] == "home"
    assert "CẢNH BÁO" in err

"""Unit tests of the fetch layer's pure parts: decoding cap, content sniffing,
retry timing, origin policy and error translation (no server needed)."""

from __future__ import annotations

import email.utils
import gzip
import random
import ssl
import sys
import time
import tracemalloc
import zlib

import pytest

from phuly_tui.errors import BadSchemeError, OffOriginError, TLSError
from phuly_tui.fetch import MAX_RETRY_WAIT, FetchSettings
from phuly_tui.fetch.content import (
    charset_of,
    looks_like_html,
    media_type_of,
    needs_sniffing,
    sniff_file_type,
)
from phuly_tui.fetch.decoding import (
    BodyCorrupt,
    BodyTooLarge,
    BodyTruncated,
    CappedDecoder,
    UnsupportedEncoding,
)
from phuly_tui.fetch.failures import exception_chain, seconds_label, translate_request_error
from phuly_tui.fetch.origins import OriginPolicy, displayable_url, host_of
from phuly_tui.fetch.retry import (
    backoff_delay,
    is_retryable_status,
    parse_retry_after,
    retry_wait,
)

# -- CappedDecoder -------------------------------------------------------------


def _feed_all(decoder: CappedDecoder, data: bytes, chunk: int = 1000) -> bytes:
    out = b"".join(decoder.feed(data[i : i + chunk]) for i in range(0, len(data), chunk))
    return out + decoder.finish()


@pytest.mark.parametrize("chunk", [1, 7, 4096, 1 << 20])
def test_gzip_round_trip_in_any_chunking(chunk: int) -> None:
    text = "Thành phố Phủ Lý ".encode() * 2000
    assert _feed_all(CappedDecoder("gzip", 10**6), gzip.compress(text), chunk) == text


def test_deflate_zlib_wrapped_and_raw() -> None:
    text = b"<p>deflate</p>" * 500
    assert _feed_all(CappedDecoder("deflate", 10**6), zlib.compress(text)) == text
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert _feed_all(CappedDecoder("deflate", 10**6), raw.compress(text) + raw.flush()) == text


def test_concatenated_gzip_members_are_all_decoded() -> None:
    data = gzip.compress(b"first ") + gzip.compress(b"second")
    assert _feed_all(CappedDecoder("gzip", 100), data, chunk=5) == b"first second"


def test_identity_counts_bytes_against_the_cap() -> None:
    decoder = CappedDecoder(None, 10)
    assert decoder.feed(b"0123456789") == b"0123456789"
    with pytest.raises(BodyTooLarge):
        decoder.feed(b"x")


def test_cap_exactly_reached_is_fine() -> None:
    data = gzip.compress(bytes(5000))
    assert len(_feed_all(CappedDecoder("gzip", 5000), data)) == 5000
    with pytest.raises(BodyTooLarge):
        _feed_all(CappedDecoder("gzip", 4999), data)


def test_gzip_bomb_refused_without_inflating_it() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    bomb = b"".join(packer.compress(bytes(1 << 20)) for _ in range(50)) + packer.flush()
    assert len(bomb) < 100_000  # 50 MB of zeros
    cap = 1 << 20
    decoder = CappedDecoder("gzip", cap)
    tracemalloc.start()
    with pytest.raises(BodyTooLarge):
        decoder.feed(bomb)  # one big chunk: the worst case for a naive decoder
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert decoder.total == cap + 1
    assert peak < 4 * cap, peak


def test_truncated_and_corrupt_streams() -> None:
    data = gzip.compress(b"hello world" * 100)
    decoder = CappedDecoder("gzip", 10**6)
    decoder.feed(data[: len(data) // 2])
    with pytest.raises(BodyTruncated):
        decoder.finish()
    with pytest.raises(BodyCorrupt):
        CappedDecoder("gzip", 100).feed(b"\x1f\x8bnot really gzip at all")


def test_empty_body_with_encoding_header_is_empty() -> None:
    assert CappedDecoder("gzip", 10).finish() == b""


@pytest.mark.parametrize("header", ["br", "zstd", "gzip, br", "compress"])
def test_unknown_encodings_are_refused(header: str) -> None:
    with pytest.raises(UnsupportedEncoding):
        CappedDecoder(header, 10)


@pytest.mark.parametrize("header", [None, "", "identity", "x-gzip", "GZIP", "gzip, identity"])
def test_known_encodings_are_accepted(header: str | None) -> None:
    CappedDecoder(header, 10)


# -- content types -------------------------------------------------------------


def test_media_type_and_charset() -> None:
    assert media_type_of("Text/HTML; Charset=UTF-8") == "text/html"
    assert media_type_of(None) == ""
    assert charset_of("text/html; charset=UTF-8") == "utf-8"
    assert charset_of('text/html; charset="windows-1258"') == "cp1258"
    assert charset_of("text/html; charset=utf-16le") == "utf-16-le"
    assert charset_of("text/html") is None
    assert charset_of("text/html; charset=") is None
    assert charset_of("text/html; charset=klingon-8") is None
    assert charset_of("text/html; charset=UTF-7") is None  # never honoured (issue 9 item 13)


def test_sniffing() -> None:
    assert sniff_file_type(b"\n  %PDF-1.7 ...") == "application/pdf"
    assert sniff_file_type(b"\xef\xbb\xbfPK\x03\x04rest") == "application/zip"
    assert sniff_file_type(b"<!DOCTYPE html>") is None
    assert looks_like_html(b"\xef\xbb\xbf\n<!DOCTYPE html><html>")
    assert looks_like_html(b"<html><body>x</body></html>")
    assert looks_like_html("<html>".encode("utf-16-le"))
    assert not looks_like_html(b"just some text")
    assert not looks_like_html(b"%PDF-1.4")
    assert needs_sniffing("")
    assert needs_sniffing("application/octet-stream")
    assert not needs_sniffing("application/pdf")


# -- retry timing ----------------------------------------------------------------


def test_retry_after_seconds_and_dates() -> None:
    assert parse_retry_after("1") == 1.0
    assert parse_retry_after(" 2.5 ") == 2.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-3") is None
    now = time.time()
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert 28 <= (parse_retry_after(date, now) or 0) <= 31
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert parse_retry_after(past, now) == 0.0


@pytest.mark.parametrize(
    ("status", "retry"),
    [
        (429, True),
        (500, True),
        (502, True),
        (503, True),
        (504, True),
        (520, True),
        (501, False),
        (505, False),
        (404, False),
        (400, False),
    ],
)
def test_which_statuses_are_retried(status: int, retry: bool) -> None:
    assert is_retryable_status(status) is retry


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    waits = [backoff_delay(attempt, 0.5, rng) for attempt in range(3)]
    assert 0.25 <= waits[0] <= 0.5
    assert 0.5 <= waits[1] <= 1.0
    assert 1.0 <= waits[2] <= 2.0
    assert backoff_delay(40, 0.5) <= MAX_RETRY_WAIT
    assert retry_wait(0, 0.5, 3600.0) == MAX_RETRY_WAIT
    assert retry_wait(0, 0.5, 1.0) == 1.0


# -- origins ---------------------------------------------------------------------


@pytest.fixture
def policy() -> OriginPolicy:
    return OriginPolicy("http://127.0.0.1:8000/", ("https://cdn.example.vn",))


def test_absolute_resolves_against_base_and_rebases_canonical(policy: OriginPolicy) -> None:
    assert policy.absolute("/Pages/x.aspx") == "http://127.0.0.1:8000/Pages/x.aspx"
    assert policy.absolute(" Pages/x.aspx?Page=2#top ") == (
        "http://127.0.0.1:8000/Pages/x.aspx?Page=2"
    )
    assert policy.absolute("https://phuly.hanam.gov.vn/Pages/x.aspx") == (
        "http://127.0.0.1:8000/Pages/x.aspx"
    )
    assert policy.absolute("https://example.com/a") == "https://example.com/a"
    assert policy.absolute("javascript:alert(1)") == "javascript:alert(1)"


def test_is_allowed(policy: OriginPolicy) -> None:
    assert policy.is_allowed("http://127.0.0.1:8000/Pages/x.aspx")
    assert policy.is_allowed("https://phuly.hanam.gov.vn/x")
    assert policy.is_allowed("https://www.phuly.hanam.gov.vn/x")
    assert policy.is_allowed("https://cdn.example.vn/a.png")
    assert not policy.is_allowed("http://127.0.0.1:8001/Pages/x.aspx")
    assert not policy.is_allowed("https://hanam.gov.vn/")
    assert not policy.is_allowed("https://phuly.hanam.gov.vn.evil.com/")
    assert not policy.is_allowed("ftp://127.0.0.1:8000/x")
    assert not policy.is_allowed("http://127.0.0.1:99999/x")


def test_check_raises_the_right_error(policy: OriginPolicy) -> None:
    with pytest.raises(BadSchemeError):
        policy.check("file:///etc/passwd")
    with pytest.raises(BadSchemeError):
        policy.check("javascript:alert(1)")
    with pytest.raises(OffOriginError) as caught:
        policy.check("https://example.com/")
    assert "https://example.com/" in caught.value.message


def test_redirect_targets(policy: OriginPolicy) -> None:
    here = "http://127.0.0.1:8000/a"
    assert policy.redirect_target("/b", here) == "http://127.0.0.1:8000/b"
    assert policy.redirect_target("https://phuly.hanam.gov.vn/c", here) == (
        "http://127.0.0.1:8000/c"
    )
    live = OriginPolicy("http://phuly.hanam.gov.vn")
    # the live portal moving to https must be followed as sent, not rebased into a loop
    assert live.redirect_target("https://phuly.hanam.gov.vn/", "http://phuly.hanam.gov.vn/") == (
        "https://phuly.hanam.gov.vn/"
    )


def test_host_and_displayable_url() -> None:
    assert host_of("http://user:pw@127.0.0.1:9/x") == "127.0.0.1:9"
    assert host_of("https://phuly.hanam.gov.vn/") == "phuly.hanam.gov.vn"
    shown = displayable_url("https://ex.com/a b\x1b[31m\u202eđ")
    assert "\x1b" not in shown
    assert "\u202e" not in shown
    assert " " not in shown
    assert shown.endswith("đ")


# -- settings and error translation ----------------------------------------------


def test_settings_defaults_are_the_documented_ones() -> None:
    settings = FetchSettings()
    assert settings.max_bytes == 8 * 1024 * 1024
    assert settings.verify is True
    assert settings.deadline == 3 * settings.timeout
    assert settings.user_agent.startswith("phuly-tui/")


def test_importing_fetch_does_not_import_httpx() -> None:
    import subprocess

    code = "import sys, phuly_tui.fetch; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tls_error_found_deep_in_the_chain() -> None:
    import httpx

    cause = ssl.SSLCertVerificationError(1, "certificate verify failed")
    cause.verify_message = "self-signed certificate"
    wrapped = httpx.ConnectError("boom")
    wrapped.__cause__ = ssl.SSLError("wrapper")
    wrapped.__cause__.__context__ = cause
    assert cause in list(exception_chain(wrapped))
    failure = translate_request_error(wrapped, "https://127.0.0.1:1/x", 5.0)
    assert isinstance(failure.error, TLSError)
    assert not failure.retryable
    assert "self-signed certificate" in failure.error.message


def test_seconds_label() -> None:
    assert seconds_label(15.0) == 15
    assert seconds_label(0.5) == 0.5


@pytest.mark.parametrize(
    ("field", "bad", "fixed"),
    [
        ("timeout", float("nan"), 15.0),
        ("timeout", 0.0, 15.0),
        ("timeout", float("inf"), 15.0),
        ("retries", -1, 0),
        ("max_bytes", 0, 8 * 1024 * 1024),
        ("backoff", -2.0, 0.5),
    ],
)
def test_settings_never_hold_values_that_hang_or_crash(
    field: str, bad: float, fixed: float
) -> None:
    settings = FetchSettings(**{field: bad})  # type: ignore[arg-type]
    assert getattr(settings, field) == fixed


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fetch_messages_fill_every_parameter(lang: str) -> None:
    from phuly_tui.errors import FetchError, NetworkError
    from phuly_tui.i18n import set_language

    params = {
        "host": "127.0.0.1:9",
        "reason": "lý do",
        "proxy": "http://proxy:3128",
        "path": "/tmp/ca.pem",
        "url": "http://127.0.0.1:9/x",
        "encoding": "br",
    }
    keys = [
        "error.connection_reset",
        "error.dns",
        "error.proxy",
        "error.proxy_config",
        "error.tls_handshake",
        "error.ca_bundle",
        "error.bad_encoding",
        "error.download_write",
        "error.unexpected",
    ]
    set_language(lang)
    try:
        for key in keys:
            message = NetworkError(key, **params).message
            assert message != key
            assert "{" not in message, key
        assert FetchError("error.dns", host="x").title
    finally:
        set_language("vi")

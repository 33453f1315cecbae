"""A portal whose TLS certificate fails: a clear Vietnamese message in the app, no crash."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_harness import make_app, notifications, settle
from tests.support.faults import TLSPortalServer, make_self_signed_cert


async def test_untrusted_certificate_in_the_app(tmp_path: Path) -> None:
    cert, key = make_self_signed_cert(tmp_path)
    with TLSPortalServer(cert, key) as server:
        app = make_app(server.url, tmp_path / "data")
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(pilot)
            messages = " ".join(f"{title} {message}" for title, message in notifications(app))
            assert "Chứng chỉ TLS của 127.0.0.1" in messages
            assert "--ca-bundle" in messages
            assert app.is_running


async def test_custom_ca_bundle_in_the_app(tmp_path: Path) -> None:
    cert, key = make_self_signed_cert(tmp_path)
    with TLSPortalServer(cert, key) as server:
        app = make_app(server.url, tmp_path / "data", ca_bundle=str(cert))
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(pilot)
            assert not notifications(app)
            titles = [item.title for item in app.main.article_list.items]
            assert titles
            assert titles[0].startswith("Thành phố Phủ Lý đẩy nhanh")

"""Which proxy a request goes through: the configured one, or the system's (environment).

Only for deciding whether httpx mounts its own proxy transports and for naming
the proxy in an error message — without its credentials.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

__all__ = ["env_proxy_configured", "proxy_for"]


def env_proxy_configured() -> bool:
    """Whether a proxy is set for the system: HTTP(S)_PROXY / ALL_PROXY, or on Windows
    and macOS the system settings — what httpx itself reads (and then mounts proxy
    transports for, which a transport of our own would bypass)."""
    import urllib.request

    proxies = urllib.request.getproxies()
    return any(proxies.get(scheme) for scheme in ("http", "https", "all"))


def proxy_for(url: str, configured: str | None, from_environment: bool) -> str | None:
    """The proxy a request to ``url`` goes through, without credentials, for messages."""
    import urllib.request

    #: NO_PROXY matching as urllib (and so httpx) does it; not in typeshed's stubs
    bypasses_proxy: Callable[[str, dict[str, str]], bool] = getattr(  # noqa: B009
        urllib.request, "proxy_bypass_environment"
    )
    proxy = configured
    if not proxy and from_environment:
        proxies = urllib.request.getproxies()  # environment, or the system settings
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
            if bypasses_proxy(host, proxies):
                return None
        except ValueError:
            return None
        proxy = proxies.get(parts.scheme.lower()) or proxies.get("all")
    if not proxy:
        return None
    try:
        parts = urlsplit(proxy)
    except ValueError:
        return proxy
    if parts.username or parts.password:
        parts = parts._replace(netloc=parts.netloc.rpartition("@")[2])
    return urlunsplit(parts)

"""Configuration from the environment, like openai-python's `OPENAI_*` variables.

* `GATUM_BASE_URL`, and `GATUM_TOKEN` or `GATUM_USERNAME`/`GATUM_PASSWORD`: what `Client`,
  `GatumRESTAPI` and `AsyncGatumRESTAPI` use when they are not given (explicit arguments win);
* `GATUM_PROXY`: the proxy for every request, when `proxy=` is not given (the plain
  `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` apply otherwise, with `trust_env`);
* `GATUM_LOG=debug` or `GATUM_LOG=info`: this package's log lines on stderr at that level.
"""

from __future__ import annotations

import logging
import os

__all__ = ["configure_logging_from_environment", "from_environment", "proxy_from_environment"]


def configure_logging_from_environment() -> None:
    """`GATUM_LOG=debug` or `GATUM_LOG=info` (like `OPENAI_LOG`): log this package to stderr at that level."""
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get("GATUM_LOG", "").strip().lower())
    if level is None:
        return
    logger = logging.getLogger("gatum_rest_py")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s %(levelname)s %(name)s] %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)


def from_environment(
    base_url: str | None, access_token: str | None, username: str | None, password: str | None
) -> tuple[str, str | None, str | None, str | None]:
    """Fill what was not given from `GATUM_BASE_URL`, `GATUM_TOKEN`, `GATUM_USERNAME`, `GATUM_PASSWORD`.

    Explicit arguments win; credentials come from the environment only when none were given.
    """
    base_url = base_url if base_url is not None else os.environ.get("GATUM_BASE_URL")
    if base_url is None:
        # imported here: `import gatum_rest_py` runs this module, and must not load httpx (`gatum --help`)
        from ._exceptions import ConfigurationError

        raise ConfigurationError("give base_url (e.g. https://restapi.gatum.io) or set GATUM_BASE_URL")
    if access_token is None and username is None and password is None:
        access_token = os.environ.get("GATUM_TOKEN") or None
        if access_token is None:
            username = os.environ.get("GATUM_USERNAME") or None
            password = os.environ.get("GATUM_PASSWORD") or None
    return base_url, access_token, username, password


def proxy_from_environment(proxy: str | None) -> str | None:
    """`proxy` if given, else `GATUM_PROXY` (None when unset or empty).

    Only this package's variable: `HTTP_PROXY` and the like are read per request URL by the
    transports (`_proxies`), and only with `trust_env`.
    """
    if proxy is not None:
        return proxy
    return os.environ.get("GATUM_PROXY") or None

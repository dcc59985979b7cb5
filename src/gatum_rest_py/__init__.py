"""Python client for the Gatum SMS REST API (work in progress: see the issues)."""

from ._exceptions import GatumError, WebhookPayloadError

__all__ = ["GatumError", "WebhookPayloadError"]

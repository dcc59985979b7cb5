# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
"""A client library for accessing Gatum REST API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

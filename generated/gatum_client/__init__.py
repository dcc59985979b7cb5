# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
"""A client library for accessing Gatum REST API, generated from openapi/gatum.yaml.

Not the client to start from: ``gatum_client.Client`` and ``gatum_client.AuthenticatedClient``
are the generator's bare clients, with no token handling, no retries, no input checks and no
typed errors. Use ``gatum_rest_py.Client`` (an ``AuthenticatedClient`` with all of that built
in, for the endpoint functions of this package) or ``gatum_rest_py.GatumRESTAPI``::

    from gatum_client.api.sms import send_sms
    from gatum_client.models import SendMessage
    from gatum_rest_py import Client

    with Client("https://restapi.gatum.io", username="your_login", password="your_password") as client:
        result = send_sms.sync(client=client, body=[SendMessage(number=["380957225759"], sender_id="Verify", text="Hi")])

``gatum_client.models`` (the typed models) and ``gatum_client.api`` (one module per operation)
are meant to be used directly.
"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

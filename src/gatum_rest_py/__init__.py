"""Python client for the Gatum SMS REST API."""

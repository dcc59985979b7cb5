# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
"""Contains endpoint functions for accessing the API"""

# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
"""Contains methods for accessing the API"""

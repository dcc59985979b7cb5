# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

import httpx
from attrs import define, evolve, field


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


class AdditionalProperties:
    """`additional_properties` of a model whose instance dict is a decoded JSON object: an empty
    dict, made on first read and kept in the instance dict from then on.

    Such an object holds its unknown keys in `additional_properties` only when it has any. An
    empty dict in every instance dict would make the garbage collector track each of them (a
    dict of plain JSON values is not tracked): for 100,000 records, ~40 ms of collection.
    """

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value: dict[str, Any] = {}
        instance.__dict__["additional_properties"] = value
        return value


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None
    raw: httpx.Response | None = field(default=None, kw_only=True, repr=False, eq=False)
    """The httpx response itself (its request, the body exactly as sent)."""


ENDPOINT = "gatum_endpoint"
"""Request extension: the name of the endpoint function's module that made the request (the
operationId in snake case, e.g. `send_sms`; `spec_facts.OPERATIONS` maps one to the other)."""

OPTIONS = "gatum_options"
"""Request extension: the call's `RequestOptions` (absent when none were given)."""

PARSE_LATER = "gatum_parse_later"
"""Response extension: the parse a call with `RequestOptions(parse_later=True)` left for later (a
callable that returns what `Response.parsed` would have held)."""


@define(frozen=True, repr=False)
class RequestOptions:
    """Options for one call of an endpoint function, carried on its request (`request.extensions`).

    httpx applies `headers` and `timeout` for any client; the rest is for a client with a policy
    (``gatum_rest_py.Client``), which reads them from the request it is sending.
    """

    headers: Mapping[str, str] | None = None
    """Added to this request's headers."""
    timeout: httpx.Timeout | None = None
    """Replaces the client's timeout for this request."""
    max_retries: int | None = None
    """Replaces the client's number of retries for this call."""
    total_timeout: float | None = None
    """Seconds the whole call may take, retries included."""
    deadline: Any = None
    """The deadline of the call this request is made for (a login on the way inherits its caller's)."""
    raise_for_status: bool | None = None
    """Whether an error answer raises (None: as the client is set up)."""
    parse_later: bool = False
    """Leave the body unparsed (`Response.parsed` None; the body is whole on `Response.raw`): a
    client with a policy puts the parse, ready to run, in the answer's extensions under
    `PARSE_LATER` (the facades run it when `.parsed` is first read)."""

    def __repr__(self) -> str:
        # Header values may hold an access token: names only.
        headers = sorted(self.headers) if self.headers else None
        return (
            f"RequestOptions(headers={headers!r}, timeout={self.timeout!r}, max_retries={self.max_retries!r}, "
            f"total_timeout={self.total_timeout!r}, raise_for_status={self.raise_for_status!r}, "
            f"parse_later={self.parse_later!r})"
        )


def raising(options: RequestOptions | None) -> RequestOptions:
    """`options` with `raise_for_status=True` (what the `*_or_raise` functions ask for)."""
    return RequestOptions(raise_for_status=True) if options is None else evolve(options, raise_for_status=True)


def with_options(kwargs: dict[str, Any], endpoint: str, options: RequestOptions | None) -> dict[str, Any]:
    """`kwargs` for `httpx.Client.request`, with the endpoint and `options` on the request."""
    extensions: dict[str, Any] = {ENDPOINT: endpoint}
    if options is not None:
        extensions[OPTIONS] = options
        if options.headers:
            kwargs["headers"] = {**kwargs.get("headers", {}), **options.headers}
        if options.timeout is not None:
            kwargs["timeout"] = options.timeout
    kwargs["extensions"] = extensions
    return kwargs


__all__ = [
    "ENDPOINT",
    "OPTIONS",
    "PARSE_LATER",
    "UNSET",
    "AdditionalProperties",
    "File",
    "FileTypes",
    "RequestFiles",
    "RequestOptions",
    "Response",
    "Unset",
    "raising",
    "with_options",
]

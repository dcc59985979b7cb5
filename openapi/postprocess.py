"""Finish a freshly generated `gatum_client` package (run by `make generate`).

1. Writes `spec_facts.py`: what the hand-written layer needs to know about the spec at run
   time (each operation's method, path, auth and `x-gatum-read-only` flag; the component
   schemas its input checks apply), so retry policy and validation follow the spec instead of
   a second copy of it.
2. Adds the `py.typed` marker.
3. Stamps every file's first line with the "generated, do not edit" notice.

Usage: python openapi/postprocess.py SPEC PACKAGE_DIR
"""

from __future__ import annotations

import pprint
import re
import sys
from pathlib import Path
from typing import Any

import yaml

NOTICE = "Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit."
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def function_name(operation_id: str) -> str:
    """The generator's name for an operation's module and the name its functions put on requests."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    default_security = spec.get("security", [])
    found: dict[str, dict[str, Any]] = {}
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            body_schema = None
            body = op.get("requestBody")
            if body is not None:
                if "$ref" in body:
                    body = spec["components"]["requestBodies"][body["$ref"].rsplit("/", 1)[1]]
                ref = body["content"]["application/json"]["schema"].get("$ref", "")
                body_schema = ref.rsplit("/", 1)[1] if ref else None
            found[op["operationId"]] = {
                "function": function_name(op["operationId"]),
                "method": method.upper(),
                "path": path,
                "read_only": bool(op.get("x-gatum-read-only", False)),
                "needs_token": bool(op.get("security", default_security)),
                "request_schema": body_schema,
            }
    return dict(sorted(found.items()))


def spec_facts_module(spec: dict[str, Any]) -> str:
    ops = pprint.pformat(operations(spec), width=100, sort_dicts=True)
    schemas = pprint.pformat(spec["components"]["schemas"], width=100, sort_dicts=True)
    return (
        '"""Facts about the Gatum API taken from openapi/gatum.yaml, for the hand-written layer.\n\n'
        "OPERATIONS: operationId -> the name of its endpoint functions' module (which they put on\n"
        "their requests), method, path, whether it needs the access token, whether it is read-only\n"
        "(`x-gatum-read-only`, safe to retry) and the component schema of its body.\n"
        'SCHEMAS: the spec\'s component schemas, as JSON Schema dictionaries.\n"""\n\n'
        "from typing import Any, Final\n\n"
        f"OPERATIONS: Final[dict[str, dict[str, Any]]] = {ops}\n\n"
        f"SCHEMAS: Final[dict[str, dict[str, Any]]] = {schemas}\n"
    )


def stamp(package: Path) -> None:
    for file in sorted(package.rglob("*")):
        if not file.is_file():
            continue
        if file.suffix == ".py" or file.name == "py.typed":
            prefix = f"# {NOTICE}\n"
        else:
            continue
        text = file.read_text(encoding="utf-8")
        if not text.startswith(prefix):
            file.write_text(prefix + text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    spec = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    package = Path(argv[2])
    modules = {path.stem for path in (package / "api").glob("*/*.py")}
    unknown = sorted(facts["function"] for facts in operations(spec).values() if facts["function"] not in modules)
    if unknown:  # the generator named an operation otherwise: the policy would not recognise its requests
        print(f"no generated module for {unknown}", file=sys.stderr)
        return 1
    (package / "spec_facts.py").write_text(spec_facts_module(spec), encoding="utf-8")
    # PEP 561 marker: with `--meta none` the generator writes none, yet the package is typed.
    (package / "py.typed").touch()
    stamp(package)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

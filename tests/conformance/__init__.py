"""Conformance tests: spec, Prism mock and generated client checked against each other."""

"""Mandate: tracks every directive from the document that gives it to the result that closes it."""

# The one place the version is written: pyproject.toml reads it from here, `mandate version`, the footer and
# /healthz show it; CHANGELOG.md has a section for it.
__version__ = "0.2.0"

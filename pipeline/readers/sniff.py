"""Checks every reader makes before parsing: an HTML error page saved under a data file's name."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.errors import fail

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")


def refuse_html(path: Path, name: str) -> None:
    head = path.read_bytes()[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_MARKERS):
        raise fail(name, 1, None, "is an HTML or XML page, not data (an error page saved in place of the file?)")


def read_json(path: Path, name: str):
    """A JSON input's document, after the HTML check; unreadable JSON names the file."""
    refuse_html(path, name)
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise fail(name, None, None, f"cannot be read as JSON: {exc}") from None

"""Checks every reader makes before parsing: an HTML error page saved under a data file's name."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import fail

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")


def refuse_html(path: Path, name: str) -> None:
    head = path.read_bytes()[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_MARKERS):
        raise fail(name, 1, None, "is an HTML or XML page, not data (an error page saved in place of the file?)")

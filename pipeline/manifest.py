"""``MANIFEST.csv``: every official input file with its publisher, licence and sha256.

A file is read only after its bytes match the manifest, so an input replaced without
updating the manifest (or damaged in copying) stops the build before anything is written.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputProblem, InputError, fail

MANIFEST = "MANIFEST.csv"
REQUIRED_COLUMNS = ("file", "sha256", "publisher", "title", "licence", "copy_repository", "copy_commit", "copy_path")


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    sha256: str
    publisher: str
    title: str
    licence: str
    copy_repository: str
    copy_commit: str
    copy_path: str
    row: int


class Manifest:
    def __init__(self, raw_dir: Path):
        self.raw_dir = Path(raw_dir)
        path = self.raw_dir / MANIFEST
        if not path.exists():
            raise fail(MANIFEST, None, None, f"the manifest is missing from {self.raw_dir}")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError([InputProblem(MANIFEST, 1, c, "column is missing from the header") for c in missing])
            self.entries = {
                row["file"]: ManifestEntry(**{c: row[c] for c in REQUIRED_COLUMNS}, row=number)
                for number, row in enumerate(reader, start=2)
            }
        self._verified: set[str] = set()

    def entry(self, relative: str) -> ManifestEntry:
        if relative not in self.entries:
            raise fail(MANIFEST, None, "file", f"{relative!r} is not listed in the manifest")
        return self.entries[relative]

    def verified_path(self, relative: str) -> Path:
        """The input's path, after checking its sha256 against the manifest."""
        entry = self.entry(relative)
        path = self.raw_dir / relative
        if relative not in self._verified:
            if not path.exists():
                raise fail(relative, None, None, f"file is missing from {self.raw_dir}")
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != entry.sha256.lower():
                raise fail(
                    relative, None, None,
                    f"sha256 {digest} does not match the manifest's {entry.sha256} ({MANIFEST} row {entry.row}); "
                    "if this is a new release, update the manifest's sha256 and run the pipeline again",
                )
            self._verified.add(relative)
        return path

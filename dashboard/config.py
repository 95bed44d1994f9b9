"""Paths and names shared by every layer."""

import os
from pathlib import Path

APP_NAME = "Midlands Health & Life Sciences Dashboard"
APP_PURPOSE = (
    "Sourced facts about the East and West Midlands' health and life-sciences base: "
    "industry clusters, research, NHS coverage and health inequalities."
)

REPO_ROOT = Path(__file__).resolve().parent.parent
# Overridable so tests (and curators trying a change) can point the app at another copy.
DATA_DIR = Path(os.environ.get("MIDLANDS_DATA_DIR", REPO_ROOT / "data"))


def boundaries_file() -> Path:
    return DATA_DIR / "boundaries" / "midlands.geojson"


ENGLAND_CODE = "E92000001"
MIDLANDS_REGION_CODES = ("E12000004", "E12000005")

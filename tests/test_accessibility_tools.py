"""The accessibility checks' own tool: the vendored axe-core is exactly the file npm publishes."""

import base64
import hashlib

from dashboard.config import REPO_ROOT

AXE_FILE = REPO_ROOT / "tests" / "browser" / "axe" / "axe.min.js"
AXE_VERSION = "4.14.1"
# axe-core's own record of this file's hash, from sri-history.json in the npm package.
AXE_SRI = "sha256-KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="


def test_the_vendored_axe_core_is_the_published_file():
    data = AXE_FILE.read_bytes()
    assert "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode() == AXE_SRI
    assert data.startswith(f"/*! axe v{AXE_VERSION}".encode()), "its licence header names the version"
    assert (AXE_FILE.parent / "LICENSE").read_text(encoding="utf-8").startswith("Mozilla Public License")


def test_the_statement_names_the_axe_core_version_tested():
    statement = (REPO_ROOT / "app_pages" / "accessibility.py").read_text(encoding="utf-8")
    assert f'AXE_CORE_VERSION = "{AXE_VERSION}"' in statement


def test_the_statement_describes_shapes_and_patterns_and_no_longer_lists_colour_alone():
    statement = (REPO_ROOT / "app_pages" / "accessibility.py").read_text(encoding="utf-8")
    assert "every \"\n    \"dot is a circle" not in statement and "shown by colour, with a legend" not in statement
    for words in ("has its own \"\n    \"shape", "its own fill pattern", "greyscale"):
        assert words in statement, words

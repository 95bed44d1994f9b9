"""The open-data files at fixed addresses: their names, scope, licence, and where a running app serves them.

``python -m pipeline`` writes them (``pipeline/open_data.py``) into ``static/data/``, which
Streamlit serves at ``app/static/data/`` beside the app; *Data & sources* tells users where they
are. Pure: no Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.config import REPO_ROOT

FOLDER = REPO_ROOT / "static" / "data"
URL_PATH = "app/static/data"  # relative to the app's own address
VALUES_FILE, INDICATORS_FILE, SOURCES_FILE, METADATA_FILE = (
    "values.csv", "indicators.csv", "sources.csv", "csv-metadata.json",
)
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
SCOPE = (
    "Every figure the dashboard shows: the East and West Midlands' upper-tier areas, districts and "
    "integrated care boards, the two regions, England and the UK, and the curated partner figures "
    "(clusters, organisations, the Midlands). Other English areas' values, which the dashboard uses "
    "only for national ranks and fifths, are not included."
)
LICENCE_TEXT = (
    "Official statistics: Open Government Licence v3.0; attribute each publisher named in sources.csv "
    "(for example 'Source: Office for National Statistics licensed under the Open Government Licence "
    "v3.0'). Partner figures (sources whose licence says 'quoted with attribution') are quoted from the "
    "partner's page: cite the partner and page given in sources.csv."
)
FORMULA_RULE = (
    "Text cells starting with =, +, -, @, a tab or a carriage return begin with an apostrophe, so a "
    "spreadsheet shows them instead of running them; numbers are plain numbers, negative ones included."
)


@dataclass(frozen=True)
class OpenFile:
    name: str
    holds: str

    @property
    def path(self) -> str:
        """The address relative to the app's own: ``app/static/data/values.csv``."""
        return f"{URL_PATH}/{self.name}"


FILES = (
    OpenFile(VALUES_FILE, "one row per value, with England and region comparisons, recent trend and national fifth"),
    OpenFile(INDICATORS_FILE, "each indicator's definition, unit, polarity, caveats, source and release date"),
    OpenFile(SOURCES_FILE, "each source's publisher, title, address, licence and release date"),
    OpenFile(METADATA_FILE, "W3C CSV on the Web metadata: every column's meaning and type, and the licence"),
)


def app_base(page_url: str, page_path: str) -> str:
    """The app's own address, ending in '/', from a page's full address (``st.context.url``):
    'http://host:8501/data-sources?x=1' → 'http://host:8501/'. Empty when there is no address."""
    parts = urlsplit(page_url or "")
    if not parts.netloc or parts.scheme not in ("http", "https"):
        return ""
    path = parts.path.rstrip("/")
    if page_path and path.endswith("/" + page_path):
        path = path[: -len(page_path) - 1]
    return f"{parts.scheme}://{parts.netloc}{path}/"


def file_sizes(folder: Path = FOLDER) -> dict[str, int | None]:
    """Each file's size in bytes; None where it is missing."""
    sizes = {}
    for item in FILES:
        try:
            sizes[item.name] = (folder / item.name).stat().st_size
        except OSError:
            sizes[item.name] = None
    return sizes


def size_words(size: int | None) -> str:
    if size is None:
        return "not available"
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


NO_BASE = "<this app's address>/"


def pandas_example(base: str) -> str:
    """Two lines a script can run as they are."""
    address = f"{base or NO_BASE}{URL_PATH}/{VALUES_FILE}"
    return f'import pandas as pd\nvalues = pd.read_csv("{address}")'


# --- what Data & sources says (Markdown of constants and numbers only: nothing from a request) ---


def files_markdown(sizes: dict[str, int | None], rows: int) -> str:
    """The files as a list of links. Relative links: a browser resolves them against the app's own
    address, whatever host or path prefix it is served under."""
    lines = []
    for item in FILES:
        count = f"; {rows:,} rows" if item.name == VALUES_FILE else ""
        lines.append(f"- [{item.name}]({item.path}) ({size_words(sizes.get(item.name))}): {item.holds}{count}")
    return "\n".join(lines)


def licence_markdown() -> str:
    linked = LICENCE_TEXT.replace(LICENCE_NAME, f"[{LICENCE_NAME}]({LICENCE_URL})", 1)
    return f"**Licence.** {linked}"


def changes_markdown(last_rebuild: str | None) -> str:
    """When the files change; ``last_rebuild`` in words ('1 December 2026') where known."""
    text = ("**When they change.** The files are rewritten each time the data are rebuilt (`python -m pipeline`), "
            "after a publisher's new release or a reviewed change to the partner figures; the addresses stay the same.")
    if last_rebuild:
        text += f" The official figures were last rebuilt on {last_rebuild}."
    return text

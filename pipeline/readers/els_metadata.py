"""Publisher metadata beside each ELS data file, in its two forms.

- ESS beta (current ELS): ``{"ess-beta-metadata": {...}}``, either one indicator's fields or a
  ``shared`` block plus one block per indicator name. Fields: ``label``, ``subtitle``,
  ``longDescription``, ``caveats``, ``decimalPlaces``, ``experimentalStatistic`` (``T`` =
  official statistics in development), ``sourceDate`` (dd/mm/yyyy), ``sourceURL``, ``sourceOrg``.
- CSV-cubed (earlier ELS, ``ons-els-history/``): ``title``, ``summary``, ``description``
  (Markdown naming the source under a ``### Source`` heading), ``publisher`` (a GOV.UK
  organisation address), ``dataset_issued``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import fail
from pipeline.readers.sniff import read_json

# GOV.UK organisation addresses used as ``publisher`` in CSV-cubed metadata.
PUBLISHER_NAMES = {
    "https://www.gov.uk/government/organisations/office-for-national-statistics": "Office for National Statistics",
}
_MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\((https?://[^)\s]+)\)")


@dataclass(frozen=True)
class Metadata:
    publisher: str
    title: str
    url: str
    released: str  # ISO date of the publisher's release, as the metadata gives it
    definition: str
    caveats: str
    decimal_places: int | None
    in_development: bool | None  # None where the metadata does not say


def read(path: Path, name: str, indicator: str | None = None) -> Metadata:
    """The metadata of one indicator (``indicator`` names its block where the file has several)."""
    document = read_json(path, name)
    if not isinstance(document, dict):
        raise fail(name, None, None, "is not a JSON object")
    if "ess-beta-metadata" in document:
        return _ess_beta(document["ess-beta-metadata"], name, indicator)
    if "title" in document and "description" in document:
        return _csv_cubed(document, name)
    raise fail(name, None, None, "has neither 'ess-beta-metadata' nor CSV-cubed 'title' and 'description'")


def _ess_beta(block: dict, name: str, indicator: str | None) -> Metadata:
    if not isinstance(block, dict):
        raise fail(name, None, "ess-beta-metadata", "is not an object")
    fields = dict(block.get("shared") or {})
    if indicator is not None and "shared" in block:
        if indicator not in block:
            raise fail(name, None, indicator, f"no metadata block for indicator {indicator!r}")
        fields.update(block[indicator])
    elif "shared" not in block:
        fields.update(block)
    for key in ("sourceOrg", "sourceURL", "sourceDate"):
        if not fields.get(key):
            raise fail(name, None, key, "is missing or empty")
    # Where two publishers share an indicator (ONS for Great Britain, NISRA for Northern Ireland)
    # the three fields list them in the same order, separated by "|". The first is the one whose
    # release covers England, the only country this pipeline keeps.
    organisations, urls, dates = (str(fields[k]).split("|") for k in ("sourceOrg", "sourceURL", "sourceDate"))
    if not len(organisations) == len(urls) == len(dates):
        raise fail(name, None, "sourceDate", f"lists {len(organisations)} publishers, {len(urls)} addresses and {len(dates)} dates; they must pair up")
    try:
        released = dt.datetime.strptime(dates[0].strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        raise fail(name, None, "sourceDate", f"{fields['sourceDate']!r} is not a date like 31/12/2025") from None
    # The subtitle is a heading without a full stop; joined as sentences so the text reads on.
    definition = " ".join(
        text if text.endswith((".", "?", "!")) else text + "."
        for text in (part.strip() for part in (fields.get("subtitle"), fields.get("longDescription")) if _given(part))
    )
    places = fields.get("decimalPlaces")
    if isinstance(places, str) and places.strip().isdigit():
        places = int(places)  # blocks of multi-indicator files give it as text ("1")
    flag = fields.get("experimentalStatistic")
    caveats = fields.get("caveats")
    return Metadata(
        publisher=" and ".join(o.strip() for o in organisations),
        title=fields.get("label") or indicator or "",
        url=urls[0].strip(),
        released=released,
        definition=definition,
        caveats=caveats.strip() if _given(caveats) else "",
        decimal_places=places if isinstance(places, int) and not isinstance(places, bool) else None,
        in_development={"T": True, "F": False}.get(flag),
    )


def _given(text) -> bool:
    """ELS writes the text "None" where a field has nothing to say."""
    return isinstance(text, str) and text.strip() not in ("", "None")


def _csv_cubed(document: dict, name: str) -> Metadata:
    description = document.get("description") or ""
    source_section = description.split("### Source", 1)[1] if "### Source" in description else ""
    link = _MARKDOWN_LINK.search(source_section)
    if not link:
        raise fail(name, None, "description", "names no source address under '### Source'")
    publisher_url = document.get("publisher", "")
    if publisher_url not in PUBLISHER_NAMES:
        raise fail(name, None, "publisher", f"{publisher_url!r} is not a publisher this pipeline knows")
    issued = str(document.get("dataset_issued") or "")[:10]
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", issued):
        raise fail(name, None, "dataset_issued", f"{issued!r} is not a date")
    caveats = description.split("### Source Notes and Caveats", 1)[1] if "### Source Notes and Caveats" in description else ""
    caveats = caveats.split("###", 1)[0].strip()
    return Metadata(
        publisher=PUBLISHER_NAMES[publisher_url],
        title=document["title"],
        url=link.group(1),
        released=issued,
        definition=(document.get("summary") or "").strip(),
        caveats=caveats,
        decimal_places=None,
        in_development=None,
    )

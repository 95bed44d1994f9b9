"""Find an area by postcode, offline: postcode → district → upper-tier area, ICB and region.

The lookup is ``data/postcodes/``, built by ``scripts/build_postcodes.py`` from the ONS Postcode
Directory (November 2025): every UK postcode with a local authority, as sorted fixed-width
strings and a district index, found by binary search. The district's upper-tier area and
region come from ``districts.csv`` (ONS area hierarchy); the upper-tier area's ICB and region
from the catalogue's curated ``areas`` table.

Pure Python: the Streamlit binding (cached load, the box on the page) lives in ``views``.
A postcode someone typed is personal data: nothing here logs or keeps it.
"""

from __future__ import annotations

import io
import lzma
import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.config import MIDLANDS_REGION_CODES

EXAMPLE = "B15 2TT"
MAX_INPUT_LENGTH = 100  # far longer than any spelling of a postcode: longer text is not looked at

# The standard UK postcode pattern (outward code: area, district, optional letter; inward code:
# sector digit and two unit letters from the letters Royal Mail uses there), on the normalised
# form without spaces. GIR 0AA, a non-geographic postcode, is not in the directory anyway.
POSTCODE_PATTERN = re.compile(
    r"(?:[A-PR-UWYZ][0-9][0-9]?"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[0-9][ABD-HJLNP-UW-Z]{2}"
)


class Status(StrEnum):
    FOUND_MIDLANDS = "found_midlands"
    FOUND_ELSEWHERE = "found_elsewhere"
    UNKNOWN_OR_TERMINATED = "unknown_or_terminated"
    MALFORMED = "malformed"


def normalise(text: str | None) -> str:
    """Upper case without spaces (any whitespace, including non-breaking): ``b15 2tt`` → ``B152TT``."""
    if not text:
        return ""
    return "".join(str(text).split()).upper()


def is_valid_format(normalised: str) -> bool:
    return len(normalised) <= 7 and POSTCODE_PATTERN.fullmatch(normalised) is not None


def display(normalised: str) -> str:
    """The usual written form: outward code, space, inward code (``B152TT`` → ``B15 2TT``)."""
    return f"{normalised[:-3]} {normalised[-3:]}" if len(normalised) > 3 else normalised


@dataclass(frozen=True)
class PostcodeTable:
    """Every postcode with a UK local authority, sorted, and the district each lies in."""

    postcodes: np.ndarray  # dtype S7, sorted, upper case without spaces
    district_index: np.ndarray  # uint16, into district_codes
    district_codes: tuple[str, ...]

    def district_of(self, normalised: str) -> str | None:
        key = normalised.encode("ascii", "ignore")
        position = int(np.searchsorted(self.postcodes, key))
        if position < len(self.postcodes) and self.postcodes[position] == key:
            return self.district_codes[int(self.district_index[position])]
        return None


def load_table(path: Path) -> PostcodeTable:
    """Read the three arrays ``scripts/build_postcodes.py`` wrote, one after another, in xz."""
    stream = io.BytesIO(lzma.decompress(path.read_bytes()))
    postcodes = np.load(stream, allow_pickle=False)
    district_index = np.load(stream, allow_pickle=False)
    codes = np.load(stream, allow_pickle=False)
    if len(postcodes) != len(district_index) or (len(codes) and int(district_index.max()) >= len(codes)):
        raise ValueError(f"{path}: the postcode and district arrays do not match")
    return PostcodeTable(postcodes, district_index, tuple(code.decode("ascii") for code in codes))


def load_districts(path: Path) -> pd.DataFrame:
    """Each district's name, upper-tier area and region, indexed by district code."""
    return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("district_code")


@dataclass(frozen=True)
class Place:
    """Where a district sits: names for the sentence, and the area whose profile to open."""

    district_code: str
    district_name: str
    upper_tier_code: str
    upper_tier_name: str
    icb_code: str | None
    icb_name: str | None
    region_code: str
    region_name: str
    in_midlands: bool
    open_code: str | None  # the area profile to open, if the profile offers one


def resolve(
    district_code: str,
    areas: pd.DataFrame,
    districts: pd.DataFrame,
    profile_codes: Collection[str],
) -> Place | None:
    """Where a district sits, by the catalogue first and ONS's hierarchy second.

    ``areas`` is the catalogue's areas table (index area_code; columns area_name, area_type,
    region_code, icb_code, and, once districts are in the catalogue, utla_code). ``districts``
    maps each district to its upper-tier area and region (``districts.csv``). The profile to
    open is the district's own when the area profile offers it, else its upper-tier area's.
    """
    if district_code not in districts.index:
        return None
    ons = districts.loc[district_code]
    upper = ons["upper_tier_code"]
    if district_code in areas.index and "utla_code" in areas.columns:
        catalogued_upper = areas.at[district_code, "utla_code"]
        if isinstance(catalogued_upper, str) and catalogued_upper:
            upper = catalogued_upper

    def name(code: str, fallback: str) -> str:
        return str(areas.at[code, "area_name"]) if code in areas.index else fallback

    upper_row = areas.loc[upper] if upper in areas.index else None
    in_midlands = upper_row is not None and upper_row["region_code"] in MIDLANDS_REGION_CODES
    region_code = upper_row["region_code"] if in_midlands else ons["region_code"]
    icb_code = upper_row["icb_code"] if in_midlands and upper_row["icb_code"] else None
    region_name = name(region_code, ons["region_name"] if region_code == ons["region_code"] else region_code)
    open_code = next((code for code in (district_code, upper) if code in profile_codes), None)
    return Place(
        district_code=district_code,
        district_name=name(district_code, ons["district_name"]),
        upper_tier_code=upper,
        upper_tier_name=name(upper, ons["upper_tier_name"]),
        icb_code=icb_code,
        icb_name=name(icb_code, icb_code) if icb_code else None,
        region_code=region_code,
        region_name=region_name,
        in_midlands=in_midlands,
        open_code=open_code if in_midlands else None,
    )


@dataclass(frozen=True)
class Lookup:
    """What a typed postcode gave. ``postcode`` is the normalised form, shown only on this page."""

    status: Status
    postcode: str
    place: Place | None = None

    @property
    def shown(self) -> str:
        return display(self.postcode)


def lookup(
    text: str | None,
    table: PostcodeTable,
    areas: pd.DataFrame,
    districts: pd.DataFrame,
    profile_codes: Collection[str],
) -> Lookup:
    """Postcode text, as typed, to a status and (if found) where it is. Never raises on input."""
    raw = "" if text is None else str(text)
    if len(raw) > MAX_INPUT_LENGTH:
        return Lookup(Status.MALFORMED, "")
    postcode = normalise(raw)
    if not is_valid_format(postcode):
        return Lookup(Status.MALFORMED, "")
    district = table.district_of(postcode)
    place = resolve(district, areas, districts, profile_codes) if district else None
    if place is None:
        return Lookup(Status.UNKNOWN_OR_TERMINATED, postcode)
    status = Status.FOUND_MIDLANDS if place.in_midlands else Status.FOUND_ELSEWHERE
    return Lookup(status, postcode, place)


def place_names(place: Place) -> list[str]:
    """District, upper-tier area, ICB and region, each named once (a unitary is its own upper tier)."""
    names = [place.district_name, place.upper_tier_name, place.icb_name, place.region_name]
    return [n for i, n in enumerate(names) if n and n not in names[:i]]


def sentence(result: Lookup) -> str:
    """Plain text (the caller escapes it for Markdown): what the postcode resolved to."""
    if result.status is Status.MALFORMED:
        return f"That is not a full UK postcode. Type one like {EXAMPLE} (spaces and capitals are optional)."
    if result.status is Status.UNKNOWN_OR_TERMINATED or result.place is None:
        return (
            f"{result.shown} is not in the ONS Postcode Directory (November 2025) with a UK local "
            "authority: it may be mistyped, no longer in use, or in the Channel Islands or Isle of Man."
        )
    where = ", ".join(place_names(result.place))
    if result.status is Status.FOUND_ELSEWHERE:
        return (
            f"{result.shown} is in {where}. This dashboard covers the East and West Midlands, "
            f"so it has no profile for {result.place.district_name}."
        )
    return f"{result.shown} is in {where}."

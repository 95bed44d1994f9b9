"""Trusts without a curated location, drawn at their headquarters postcode.

``data/official/trust_hq_locations.csv`` is written by the pipeline (``pipeline/trust_locations.py``):
each trust's ODS headquarters postcode and the ONS Postcode Directory's grid reference for it, in
latitude and longitude. The catalogue reads it with :data:`SCHEMA`, checks it against the trusts
and sources with :func:`check`, and gives each trust its point with :func:`with_hq_locations`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from dashboard.catalogue import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    OFFICIAL_DIR,
    _coordinate,
    _matches,
    _not_in,
    _problem_rows,
    _text,
)
from dashboard.errors import DataProblem

FILE = "trust_hq_locations.csv"
SCHEMA = pa.DataFrameSchema(
    {
        "ods_code": _text(_matches(r"^[A-Z0-9]{3,5}$", "must be an ODS code"), unique=True),
        "postcode": _text(_matches(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$", "must be a postcode like WS2 9PS")),
        "easting": _text(_matches(r"^\d{1,6}$", "must be a grid easting in whole metres")),
        "northing": _text(_matches(r"^\d{1,7}$", "must be a grid northing in whole metres")),
        "latitude": pa.Column(float, checks=_coordinate(LATITUDE_RANGE).checks, coerce=True, nullable=False),
        "longitude": pa.Column(float, checks=_coordinate(LONGITUDE_RANGE).checks, coerce=True, nullable=False),
        "source_id": _text(),
    },
    strict=False,
)
# How a trust's point on the map was found (the ``location_basis`` column of ``Catalogue.trusts``).
LOCATED_AT_SITE, LOCATED_AT_HQ_POSTCODE, NOT_LOCATED = "curated", "hq_postcode", ""


def read(data_dir: Path, read_file) -> pd.DataFrame | None:
    """The validated file, read with the catalogue's reader; None where the pipeline has not written it."""
    relative = f"{OFFICIAL_DIR}/{FILE}"
    return read_file(relative, SCHEMA) if (Path(data_dir) / relative).exists() else None


def check(hq_locations: pd.DataFrame | None, trusts: pd.DataFrame, source_ids: set[str]) -> list[DataProblem]:
    if hq_locations is None:
        return []
    problems = _problem_rows(
        hq_locations, _not_in(hq_locations["ods_code"], set(trusts["ods_code"])), "ods_code",
        lambda r: f"trust {r.ods_code!r} is not in data/trusts.csv",
    )
    return problems + _problem_rows(
        hq_locations, _not_in(hq_locations["source_id"], source_ids), "source_id",
        lambda r: f"source {r.source_id!r} is not in data/sources.csv",
    )


def with_hq_locations(trusts: pd.DataFrame, hq_locations: pd.DataFrame | None) -> pd.DataFrame:
    """Trusts with a point each where one is known: the curated location where there is one, else
    the ONS Postcode Directory's point for the headquarters postcode, with that source. Which one
    is in ``location_basis``; the postcode, where ODS gives one, in ``hq_postcode``."""
    trusts = trusts.copy()
    curated = trusts["latitude"].notna()
    trusts["location_basis"] = np.where(curated, LOCATED_AT_SITE, NOT_LOCATED)
    if hq_locations is None:
        trusts["hq_postcode"] = ""
        return trusts
    by_code = hq_locations.set_index("ods_code")
    trusts["hq_postcode"] = trusts["ods_code"].map(by_code["postcode"]).fillna("")
    fallback = ~curated & trusts["ods_code"].isin(by_code.index)
    if not fallback.any():
        return trusts
    codes = trusts.loc[fallback, "ods_code"]
    trusts.loc[fallback, "latitude"] = codes.map(by_code["latitude"]).to_numpy()
    trusts.loc[fallback, "longitude"] = codes.map(by_code["longitude"]).to_numpy()
    trusts.loc[fallback, "location_source_id"] = codes.map(by_code["source_id"]).to_numpy()
    trusts.loc[fallback, "location_basis"] = LOCATED_AT_HQ_POSTCODE
    return trusts

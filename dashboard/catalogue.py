"""Read and validate the data catalogue in ``data/``.

Every table is checked against a pandera schema and then against the others (every value
names a known indicator, area and source). Any problem raises :class:`DataFileError`
naming the file, the row and the column, so nothing half-loaded is ever shown.
This module knows nothing of Streamlit; ``views.catalogue()`` caches it for the app.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow

from dashboard import periods
from dashboard.config import ENGLAND_CODE, MIDLANDS_REGION_CODES
from dashboard.errors import DataFileError, DataProblem

THEMES = (
    "clusters", "research", "nhs", "inequalities", "population",
    # Issue 12's official indicators (pipeline/indicators.py), grouped into topics by analysis.levels.TOPICS.
    "risk_factors", "children", "wider_determinants", "deprivation", "economy", "health_outcomes",
)
POLARITIES = ("higher_is_better", "lower_is_better", "neither")
UNITS = (
    "count",
    "percent",
    "gbp_million",
    "gbp_billion",
    "years",
    "people",
    "score",
    "rank",
    "square_km",
    "ratio",
    "per_100k",
    "gbp",
    "gbp_per_week",
    "gbp_per_hour",
    "per_1k",
    "per_10k",
)
AREA_TYPES = (
    "utla",
    "ltla",
    "icb",
    "region",
    "nhs_region",
    "country",
    "midlands",
    "combined_authority",
    "cluster",
    "organisation",
)
BREAKDOWNS = ("All", "Persons", "Male", "Female")
TRUST_TYPE_LABELS = {
    "acute": "Acute",
    "mental_health": "Mental health",
    "community": "Community",
    "combined": "Mental health and community",
    "specialist": "Specialist",
    "ambulance": "Ambulance",
}
INSTITUTION_TYPE_LABELS = {
    "university": "University (MI Health partner)",
    "brc": "NIHR Biomedical Research Centre",
    "crf": "NIHR Clinical Research Facility",
    "ctu": "Clinical trials unit",
    "hdruk_partner": "HDR UK Midlands partner",
}
TRUST_TYPES = tuple(TRUST_TYPE_LABELS)
INSTITUTION_TYPES = tuple(INSTITUTION_TYPE_LABELS)
# A located place must lie in or near the Midlands; a typo in a coordinate is caught here.
LATITUDE_RANGE, LONGITUDE_RANGE = (51.5, 53.8), (-3.5, 0.5)
QUALIFIERS = ("", "more than", "about", "almost")

_SLUG = r"^[a-z0-9_]+$"
_AREA_CODE = r"^[A-Z0-9-]+$"
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_HEADER_LINES = 1  # row numbers are editor line numbers
UK_CODE = "K02000001"


def _valid_periods(column: pd.Series) -> pd.Series:
    """Each distinct period is parsed once, however many rows repeat it (a catalogue of every area
    has a few dozen periods over hundreds of thousands of rows)."""
    valid = [period for period in column.unique() if periods.is_valid_period(period)]
    return column.isin(valid)


def _text(*checks: pa.Check, required: bool = True, unique: bool = False) -> pa.Column:
    all_checks = list(checks)
    if required:
        all_checks.insert(0, pa.Check.str_length(min_value=1, error="must not be empty"))
    return pa.Column(str, checks=all_checks, unique=unique)


def _one_of(options) -> pa.Check:
    return pa.Check.isin(list(options), error=f"must be one of: {', '.join(map(repr, options))}")


def _matches(pattern: str, error: str) -> pa.Check:
    return pa.Check.str_matches(pattern, error=error)


SOURCES_SCHEMA = pa.DataFrameSchema(
    {
        "source_id": _text(_matches(_SLUG, "must be a lower-case slug"), unique=True),
        "publisher": _text(),
        "title": _text(),
        "url": _text(_matches(r"^https?://[^\s<>\"]+$", "must be an http(s) address")),
        "licence": _text(),
        "published": _text(_matches(r"^$|" + _DATE, "must be YYYY, YYYY-MM or YYYY-MM-DD"), required=False),
        # When a curator read a web page; empty for files the pipeline reads (their notes name the copy).
        "accessed": _text(_matches(r"^$|^\d{4}-\d{2}-\d{2}$", "must be YYYY-MM-DD"), required=False),
        "notes": _text(required=False),
    },
    strict=False,
)

INDICATORS_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": _text(_matches(_SLUG, "must be a lower-case slug"), unique=True),
        "title": _text(),
        "short_title": _text(),
        "theme": _text(_one_of(THEMES)),
        "unit": _text(_one_of(UNITS)),
        "polarity": _text(_one_of(POLARITIES)),
        "definition": _text(),
        "why_it_matters": _text(),
        "caveats": _text(required=False),
        "source_id": _text(),
        # Written by the pipeline from the publisher's metadata; empty for curated figures.
        "released": pa.Column(str, required=False),
        "decimal_places": pa.Column(str, checks=_matches(r"^\d?$", "must be a whole number of places"), required=False),
        "in_development": pa.Column(str, checks=pa.Check.isin(["", "yes", "no"]), required=False),
    },
    strict=False,
)

AREAS_SCHEMA = pa.DataFrameSchema(
    {
        "area_code": _text(_matches(_AREA_CODE, "must be an ONS/NHS code or an upper-case slug"), unique=True),
        "area_name": _text(),
        "area_type": _text(_one_of(AREA_TYPES)),
        "region_code": _text(required=False),
        "icb_code": _text(required=False),
        "boundary_code": _text(required=False),
        # The upper-tier area of a district (a unitary's own code); the last year of an ended area.
        "utla_code": pa.Column(str, required=False),
        "ended": pa.Column(str, checks=_matches(r"^(\d{4})?$", "must be a year or empty"), required=False),
        "notes": _text(required=False),
    },
    strict=False,
)

VALUES_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": _text(),
        "area_code": _text(),
        "area_name": _text(),
        "area_type": _text(_one_of(AREA_TYPES)),
        "period": _text(
            pa.Check(
                _valid_periods,
                element_wise=False,
                error="must be a period like 2023, 2020-22, 2021/22 or 2017-2021",
            )
        ),
        "breakdown": _text(_one_of(BREAKDOWNS)),
        "value": pa.Column(float, coerce=True, nullable=False),
        "lower_ci": pa.Column(float, coerce=True, nullable=True),
        "upper_ci": pa.Column(float, coerce=True, nullable=True),
        "qualifier": _text(_one_of(QUALIFIERS), required=False),
        "source_id": _text(),
        "note": _text(required=False),
    },
    strict=False,
)

def _coordinate(bounds: tuple[float, float]) -> pa.Column:
    return pa.Column(
        float, checks=pa.Check.in_range(*bounds, error=f"must be between {bounds[0]} and {bounds[1]}"),
        coerce=True, nullable=True,
    )


_PLACE_COLUMNS = {
    "city": _text(required=False),
    "latitude": _coordinate(LATITUDE_RANGE),
    "longitude": _coordinate(LONGITUDE_RANGE),
    "source_id": _text(),
    "location_source_id": _text(required=False),
    "note": _text(required=False),
}

TRUSTS_SCHEMA = pa.DataFrameSchema(
    {
        "ods_code": _text(_matches(r"^[A-Z0-9]{3,5}$", "must be an ODS code"), unique=True),
        "name": _text(),
        "trust_type": _text(_one_of(TRUST_TYPES)),
        "icb_code": _text(_matches(r"^E54\d{6}$", "must be an ICB code (E54…)")),
        **_PLACE_COLUMNS,
    },
    strict=False,
)

INSTITUTIONS_SCHEMA = pa.DataFrameSchema(
    {
        "institution_id": _text(_matches(_SLUG, "must be a lower-case slug"), unique=True),
        "name": _text(),
        "institution_type": _text(_one_of(INSTITUTION_TYPES)),
        "host": _text(required=False),
        **_PLACE_COLUMNS,
    },
    strict=False,
)

KNOWN_GAPS_SCHEMA = pa.DataFrameSchema(
    {
        "topic": _text(unique=True),
        "why_it_matters": _text(),
        "published_by": _text(),
        "publication": _text(),
        "note": _text(required=False),
    },
    strict=False,
)

_NUMERIC_VALUE_COLUMNS = ("value", "lower_ci", "upper_ci", "latitude", "longitude")
VALUE_KEY = ["indicator_id", "area_code", "period", "breakdown"]


@dataclass(frozen=True)
class Catalogue:
    sources: pd.DataFrame
    indicators: pd.DataFrame
    areas: pd.DataFrame
    values: pd.DataFrame  # joined with area, indicator and period order columns
    trusts: pd.DataFrame
    institutions: pd.DataFrame
    # Every English area and its values, for national ranks and similar areas; ``areas`` and
    # ``values`` hold the Midlands, their comparators and the curated areas.
    national_areas: pd.DataFrame | None = None
    national_values: pd.DataFrame | None = None
    # What a user would expect that no input holds, and who publishes it (data/known_gaps.csv).
    known_gaps: pd.DataFrame | None = None

    def indicator(self, indicator_id: str) -> pd.Series:
        return self.indicators.loc[indicator_id]

    def source(self, source_id: str) -> pd.Series:
        return self.sources.loc[source_id]

    def area_name(self, area_code: str) -> str:
        return str(self.areas.loc[area_code, "area_name"])

    def areas_of_type(self, area_type: str) -> pd.DataFrame:
        return self.areas[self.areas["area_type"] == area_type]


def _relative(path: Path, data_dir: Path) -> str:
    try:
        return str(Path("data") / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def _read_text(path: Path) -> pd.DataFrame:
    """Every cell as text, empty cells as "".

    pyarrow's reader is several times faster on a large file. Whatever it refuses is read again
    by pandas' own reader, whose message names the line (and which reads a few things pyarrow
    will not, such as a row with fewer cells than the header).
    """
    options = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    try:
        return pd.read_csv(path, engine="pyarrow", **options)
    except ValueError:  # pyarrow's and pandas' parse and decode errors are all ValueErrors
        frame = pd.read_csv(path, **options)
    if not isinstance(frame.index, pd.RangeIndex):
        # pandas reads a first data row with one cell too many as a header without an index name.
        raise pd.errors.ParserError(f"line {_first_overlong_line(path)} has more cells than the header")
    return frame


def _first_overlong_line(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        width = len(next(rows))
        return next(rows.line_num for row in rows if len(row) > width)


def _read_csv(path: Path, name: str, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """The file's cells as text with its header checked, each row labelled with file and line."""
    if not path.exists():
        raise DataFileError([DataProblem(name, None, None, "file is missing")])
    try:
        frame = _read_text(path)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataFileError([DataProblem(name, None, None, f"cannot be read as CSV: {exc}")]) from exc
    missing = [c for c, column in schema.columns.items() if column.required and c not in frame.columns]
    if missing:
        raise DataFileError(
            [DataProblem(name, _HEADER_LINES, c, "column is missing from the header") for c in missing]
        )
    for column in _NUMERIC_VALUE_COLUMNS:
        if column in frame.columns and column in schema.columns:
            frame[column] = frame[column].str.strip().replace("", None)
    return _with_location(frame, name)


def _validated(located: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Check rows from one file or several at once; problems name each row's own file and line."""
    try:
        return schema.validate(located, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise DataFileError(_problems_from_pandera(located, exc.failure_cases)) from None


def _problems_from_pandera(located: pd.DataFrame, failures: pd.DataFrame) -> list[DataProblem]:
    problems = []
    seen = set()
    for failure in failures.itertuples(index=False):
        index = failure.index
        if index is None or (isinstance(index, float) and pd.isna(index)):
            continue  # a check that could not run because an earlier one failed on the same rows
        name, row = located.at[index, "loc_file"], int(located.at[index, "loc_row"])
        column = failure.column
        check = str(failure.check)
        if (name, row, column) in seen:
            continue
        seen.add((name, row, column))
        if check.startswith("coerce_dtype") or check.startswith("dtype"):
            message = f"{failure.failure_case!r} is not a number"
        elif check == "field_uniqueness" or check.startswith("unique"):
            message = f"{failure.failure_case!r} appears more than once"
        elif check == "not_nullable":
            message = "must not be empty"
        else:
            message = f"{failure.failure_case!r} {check}"
        problems.append(DataProblem(name, row, column, message))
    problems.sort(key=_problem_order)
    files = ", ".join(sorted(set(located["loc_file"])))
    return problems or [DataProblem(files, None, None, "failed validation")]


def _problem_order(problem: DataProblem) -> tuple[str, int, str]:
    return problem.file, problem.row or 0, problem.column or ""


def _period_bounds(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """First and last year of each row's period, each distinct period parsed once."""
    codes, distinct = pd.factorize(column)
    bounds = np.array([periods.period_bounds(period) for period in distinct], dtype=int).reshape(-1, 2)
    return bounds[codes, 0], bounds[codes, 1]


def _with_location(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame.assign(loc_file=name, loc_row=frame.index + _HEADER_LINES + 1)


def _problem_rows(frame: pd.DataFrame, mask: pd.Series, column: str, message) -> list[DataProblem]:
    if not mask.any():  # the usual case; selecting no rows still copies every column
        return []
    return [
        DataProblem(row.loc_file, int(row.loc_row), column, message(row))
        for row in frame[mask].itertuples(index=False)
    ]


def _not_in(column: pd.Series, known: set[str]) -> pd.Series:
    """Rows whose value is not among ``known``: each distinct value is looked up once."""
    unknown = [value for value in column.unique() if value not in known]
    return column.isin(unknown)


def _differs_from_lookup(frame: pd.DataFrame, lookup: pd.Series, column: str) -> pd.Series:
    """Rows whose ``column`` is not what ``lookup`` gives for their area code.

    Each distinct (area, value) pair is compared once; rows are revisited only if one differs.
    """
    pairs = frame[["area_code", column]].drop_duplicates()
    suspects = pairs.loc[pairs[column] != pairs["area_code"].map(lookup), "area_code"].unique()
    if len(suspects) == 0:
        return pd.Series(False, index=frame.index)
    return frame["area_code"].isin(suspects) & (frame[column] != frame["area_code"].map(lookup))


def _duplicate_problems(values: pd.DataFrame) -> list[DataProblem]:
    duplicated = values.duplicated(VALUE_KEY, keep="first")
    if not duplicated.any():
        return []
    first_seen = values.drop_duplicates(VALUE_KEY).set_index(VALUE_KEY)[["loc_file", "loc_row"]]
    return _problem_rows(
        values, duplicated, "period",
        lambda r: "duplicate of (indicator, area, period, breakdown) first given in "
        f"{first_seen.loc[(r.indicator_id, r.area_code, r.period, r.breakdown), 'loc_file']} row "
        f"{first_seen.loc[(r.indicator_id, r.area_code, r.period, r.breakdown), 'loc_row']}",
    )


def _check_places(places: pd.DataFrame, source_ids: set[str]) -> list[DataProblem]:
    problems = _problem_rows(
        places, _not_in(places["source_id"], source_ids), "source_id",
        lambda r: f"source {r.source_id!r} is not in data/sources.csv",
    )
    located_by = places["location_source_id"]
    problems += _problem_rows(
        places, (located_by != "") & _not_in(located_by, source_ids), "location_source_id",
        lambda r: f"source {r.location_source_id!r} is not in data/sources.csv",
    )
    half_located = places["latitude"].isna() != places["longitude"].isna()
    problems += _problem_rows(places, half_located, "longitude", lambda r: "give latitude and longitude, or neither")
    unsourced = places["latitude"].notna() & (located_by == "")
    problems += _problem_rows(
        places, unsourced, "location_source_id", lambda r: "a location needs the source it was taken from"
    )
    return problems


def _check_links(sources, indicators, areas, values, trusts, institutions) -> list[DataProblem]:
    problems: list[DataProblem] = []
    source_ids = set(sources["source_id"])
    area_codes = set(areas["area_code"])
    icb_codes = set(areas.loc[areas["area_type"] == "icb", "area_code"])

    problems += _check_places(trusts, source_ids)
    problems += _check_places(institutions, source_ids)
    problems += _problem_rows(
        trusts, _not_in(trusts["icb_code"], icb_codes), "icb_code",
        lambda r: f"ICB {r.icb_code!r} is not an ICB in data/areas.csv",
    )

    problems += _problem_rows(
        indicators, _not_in(indicators["source_id"], source_ids), "source_id",
        lambda r: f"source {r.source_id!r} is not in data/sources.csv",
    )
    for column in ("region_code", "icb_code"):
        unknown = (areas[column] != "") & _not_in(areas[column], area_codes)
        problems += _problem_rows(
            areas, unknown, column, lambda r, c=column: f"area {getattr(r, c)!r} is not in data/areas.csv"
        )

    problems += _problem_rows(
        values, _not_in(values["indicator_id"], set(indicators["indicator_id"])), "indicator_id",
        lambda r: f"indicator {r.indicator_id!r} is not in data/indicators.csv",
    )
    problems += _problem_rows(
        values, _not_in(values["source_id"], source_ids), "source_id",
        lambda r: f"source {r.source_id!r} is not in data/sources.csv",
    )
    unknown_area = _not_in(values["area_code"], area_codes)
    problems += _problem_rows(
        values, unknown_area, "area_code", lambda r: f"area {r.area_code!r} is not in data/areas.csv"
    )
    lookup = areas.set_index("area_code")
    known = values[~unknown_area] if unknown_area.any() else values
    for column in ("area_name", "area_type"):
        problems += _problem_rows(
            known, _differs_from_lookup(known, lookup[column], column), column,
            lambda r, c=column: f"{getattr(r, c)!r} does not match data/areas.csv "
            f"({lookup.loc[r.area_code, c]!r})",
        )

    problems += _duplicate_problems(values)

    one_limit = values["lower_ci"].isna() != values["upper_ci"].isna()
    problems += _problem_rows(
        values, one_limit, "upper_ci", lambda r: "give both confidence limits or neither"
    )
    both = values["lower_ci"].notna() & values["upper_ci"].notna()
    problems += _problem_rows(
        values, both & (values["lower_ci"] > values["value"]), "lower_ci",
        lambda r: f"lower limit {r.lower_ci} is above the value {r.value}",
    )
    problems += _problem_rows(
        values, both & (values["upper_ci"] < values["value"]), "upper_ci",
        lambda r: f"upper limit {r.upper_ci} is below the value {r.value}",
    )
    return problems


_REPEATED_TEXT = ("indicator_id", "area_code", "area_name", "area_type", "period", "breakdown", "qualifier",
                  "source_id", "note")
OFFICIAL_DIR = "official"  # written by ``python -m pipeline``; everything else in data/ is curated


def _read_table(data_dir: Path, relative: str, schema: pa.DataFrameSchema, key: str) -> pd.DataFrame:
    """A table from the curated file and, where the pipeline has written one, the official file.

    A key given in both is an error naming the second file's row: nothing is overridden silently.
    """
    frames = []
    for folder in (data_dir, data_dir / OFFICIAL_DIR):
        path = folder / relative
        if folder != data_dir and not path.exists():
            continue
        frames.append(_read_csv(path, _relative(path, data_dir), schema))
    table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    # A column only one file has (the official tables' release date, say) is empty for the other.
    partial = [c for c in table.columns if any(c not in frame.columns for frame in frames)]
    table[partial] = table[partial].fillna("")
    repeated = table.duplicated(key, keep="first")
    if repeated.any():
        first = table.drop_duplicates(key).set_index(key)
        raise DataFileError(_problem_rows(
            table, repeated, key,
            lambda r: f"{getattr(r, key)!r} is also given in {first.loc[getattr(r, key), 'loc_file']} "
            f"row {first.loc[getattr(r, key), 'loc_row']}",
        ))
    return _validated(table, schema)


def _read_values(data_dir: Path) -> pd.DataFrame:
    """Every curated and official values file, checked together; problems from every file are listed."""
    value_files = sorted((data_dir / "values").glob("*.csv")) + sorted((data_dir / OFFICIAL_DIR / "values").glob("*.csv"))
    if not value_files:
        raise DataFileError([DataProblem("data/values/", None, None, "no values files (*.csv) found")])
    problems: list[DataProblem] = []
    frames = []
    for path in value_files:
        try:
            frames.append(_read_csv(path, _relative(path, data_dir), VALUES_SCHEMA))
        except DataFileError as exc:
            problems += exc.problems
    # One validation for every file: the schema's fixed cost is paid once, not per file.
    try:
        values = _validated(pd.concat(frames, ignore_index=True), VALUES_SCHEMA) if frames else None
    except DataFileError as exc:
        problems += exc.problems
    if problems:
        raise DataFileError(sorted(problems, key=_problem_order))
    return values


def _in_focus(areas: pd.DataFrame) -> pd.Series:
    """The dashboard's own areas: the Midlands and its comparators (England, the UK), and every
    curated area. The rest of England stays in ``national_values`` for ranking."""
    official = areas["loc_file"].str.startswith(f"data/{OFFICIAL_DIR}/")
    comparators = areas["area_code"].isin([ENGLAND_CODE, UK_CODE, *MIDLANDS_REGION_CODES])
    return ~official | comparators | areas["region_code"].isin(MIDLANDS_REGION_CODES)


def _read_all(data_dir: Path) -> Catalogue:
    def read(relative: str, schema: pa.DataFrameSchema) -> pd.DataFrame:
        path = data_dir / relative
        return _validated(_read_csv(path, _relative(path, data_dir), schema), schema)

    sources = _read_table(data_dir, "sources.csv", SOURCES_SCHEMA, "source_id")
    indicators = _read_table(data_dir, "indicators.csv", INDICATORS_SCHEMA, "indicator_id")
    areas = _read_table(data_dir, "areas.csv", AREAS_SCHEMA, "area_code")
    trusts = read("trusts.csv", TRUSTS_SCHEMA)
    from dashboard import trust_locations  # here, not at the top: it is built on this module's checks
    hq_locations = trust_locations.read(data_dir, read)
    institutions = read("institutions.csv", INSTITUTIONS_SCHEMA)
    known_gaps = read("known_gaps.csv", KNOWN_GAPS_SCHEMA) if (data_dir / "known_gaps.csv").exists() else None
    values = _read_values(data_dir)

    problems = _check_links(sources, indicators, areas, values, trusts, institutions)
    problems += trust_locations.check(hq_locations, trusts, set(sources["source_id"]))
    if problems:
        raise DataFileError(problems)

    focus = _in_focus(areas).to_numpy()
    areas = areas.drop(columns=["loc_file", "loc_row"])
    for column in ("utla_code", "ended"):
        areas[column] = areas[column].fillna("") if column in areas.columns else ""
    areas = areas.set_index("area_code", drop=False)
    values = values.drop(columns=["loc_file", "loc_row"]).reset_index(drop=True)
    values["period_start"], values["period_end"] = _period_bounds(values["period"])
    values["qualifier"] = values["qualifier"].fillna("")
    in_focus = values["area_code"].isin(areas.index[focus])
    # The national table repeats a few hundred codes, names and periods over 280,000 rows: as
    # categories it takes about a quarter of the memory. The Midlands table stays plain text,
    # which the pages join and format.
    national = values.astype({column: "category" for column in _REPEATED_TEXT})

    return Catalogue(
        sources=sources.drop(columns=["loc_file", "loc_row"]).set_index("source_id", drop=False),
        indicators=indicators.drop(columns=["loc_file", "loc_row"]).set_index("indicator_id", drop=False),
        areas=areas[focus],
        values=values[in_focus].reset_index(drop=True),
        trusts=trust_locations.with_hq_locations(trusts.drop(columns=["loc_file", "loc_row"]).reset_index(drop=True), hq_locations),
        institutions=institutions.drop(columns=["loc_file", "loc_row"]).reset_index(drop=True),
        national_areas=areas,
        national_values=national,
        known_gaps=known_gaps.drop(columns=["loc_file", "loc_row"]).reset_index(drop=True) if known_gaps is not None else None,
    )


# Each table's index, to restore after a columnar round trip (parquet keeps columns, not this).
_INDEXED_BY = {"sources": "source_id", "indicators": "indicator_id", "areas": "area_code", "national_areas": "area_code"}


def _fingerprint(data_dir: Path) -> str:
    """Changes whenever any data file, this module (or trust_locations) or pandas changes: the cache's key."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + Path(__file__).with_name("trust_locations.py").read_bytes())
    digest.update(pd.__version__.encode())
    for path in sorted(data_dir.rglob("*.csv")):
        stat = path.stat()
        digest.update(f"{path.relative_to(data_dir)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _cache_root() -> Path | None:
    root = os.environ.get("MIDLANDS_CACHE_DIR")
    if root == "":
        return None  # caching switched off
    return Path(root) if root else Path.home() / ".cache" / "midlands-dashboard"


def _read_cached(folder: Path) -> Catalogue | None:
    try:
        tables = {}
        for field in fields(Catalogue):
            path = folder / f"{field.name}.parquet"
            if path.exists():
                table = pd.read_parquet(path)
                tables[field.name] = table.set_index(_INDEXED_BY[field.name], drop=False) if field.name in _INDEXED_BY else table
        return Catalogue(**tables)
    except (OSError, ValueError, TypeError, pyarrow.ArrowException):
        return None  # a damaged or partial cache is rebuilt from data/


def _write_cache(catalogue: Catalogue, folder: Path) -> None:
    partial = folder.with_name(folder.name + f".partial-{os.getpid()}")
    try:
        partial.mkdir(parents=True, exist_ok=True, mode=0o700)
        for field in fields(Catalogue):
            table = getattr(catalogue, field.name)
            if table is not None:
                table.reset_index(drop=True).to_parquet(partial / f"{field.name}.parquet", index=False)
        partial.rename(folder)
        # Keep the newest few: every edit to the data (and every test's copy) makes a new key.
        for stale in sorted(folder.parent.iterdir(), key=lambda p: p.stat().st_mtime)[:-_CACHES_KEPT]:
            shutil.rmtree(stale, ignore_errors=True)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)  # a read-only home only costs the validation next time


_CACHES_KEPT = 3


def load_catalogue(data_dir: Path, *, cache: bool = True) -> Catalogue:
    """Load and validate every table; raise DataFileError naming each problem's file, row and column.

    A catalogue that passed validation is kept in a columnar cache (parquet, in
    ``~/.cache/midlands-dashboard`` or ``MIDLANDS_CACHE_DIR``; empty to switch it off), keyed by
    every data file's size and modification time and by this module: a server's next start reads
    it in a tenth of a second, with about 80 MB less memory than parsing the CSVs, and any change
    to the data is validated afresh.
    """
    data_dir = Path(data_dir)
    root = _cache_root() if cache else None
    folder = root / _fingerprint(data_dir) if root is not None else None
    if folder is not None and folder.is_dir():
        cached = _read_cached(folder)
        pyarrow.default_memory_pool().release_unused()
        if cached is not None:
            return cached
    try:
        catalogue = _read_all(data_dir)
    finally:
        # pyarrow keeps what its CSV reader and string operations freed, for reuse. A server loads
        # the catalogue once, so hand it back (about 60 MB of 220 for 300,000 rows).
        pyarrow.default_memory_pool().release_unused()
    if folder is not None:
        _write_cache(catalogue, folder)
    return catalogue

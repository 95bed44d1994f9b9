"""NHS coverage: the integrated care boards with their upper-tier areas and populations, and the
NHS trusts headquartered in each."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.values import TOTAL, values_for
from dashboard.catalogue import TRUST_TYPE_LABELS, Catalogue
from dashboard.trust_locations import LOCATED_AT_HQ_POSTCODE, LOCATED_AT_SITE, NOT_LOCATED

# Where a trust's marker stands, in words for its hover label and the table.
LOCATION_WORDS = {
    LOCATED_AT_SITE: "located at its headquarters site",
    LOCATED_AT_HQ_POSTCODE: "located at its headquarters postcode (ONSPD)",
    NOT_LOCATED: "not on the map: no sourced location or headquarters postcode",
}


def icb_table(catalogue: Catalogue) -> pd.DataFrame:
    """The Midlands ICBs with their upper-tier areas, region and latest population where held."""
    areas = catalogue.areas
    icbs = areas[areas["area_type"] == "icb"].copy()
    members = current_utlas(catalogue).groupby("icb_code")["area_name"].apply(lambda names: ", ".join(sorted(names)))
    icbs["upper_tier_areas"] = icbs["area_code"].map(members).fillna("")
    icbs["region_name"] = icbs["region_code"].map(areas["area_name"]).fillna("")
    population = values_for(catalogue, "population", breakdown=TOTAL, area_types=("icb",))
    if population.empty:
        population = icb_populations_from_areas(catalogue)
    if not population.empty:
        latest = population.sort_values("period_end").groupby("area_code").tail(1).set_index("area_code")
        icbs["population"] = icbs["area_code"].map(latest["value"])
        icbs["population_period"] = icbs["area_code"].map(latest["period"])
        icbs["population_source_id"] = icbs["area_code"].map(latest["source_id"])
    return icbs.sort_values("area_name").reset_index(drop=True)


def current_utlas(catalogue: Catalogue) -> pd.DataFrame:
    """Today's upper-tier areas in an ICB: those on today's boundaries (with a boundary_code).
    A former county kept for older statistics (Northamptonshire) has none, so it is not counted
    beside its successors."""
    areas = catalogue.areas
    return areas[(areas["area_type"] == "utla") & (areas["icb_code"] != "") & (areas["boundary_code"] != "")]


def icb_populations_from_areas(catalogue: Catalogue) -> pd.DataFrame:
    """Each ICB's population as the sum of its upper-tier areas' ONS estimates, for the latest
    period in which every one of them has a value.

    Exact, not an estimate of ours: every Midlands ICB is made of whole upper-tier areas (since
    the July 2022 boundary changes; data/areas.csv).
    """
    members = current_utlas(catalogue)
    rows = values_for(catalogue, "population", breakdown=TOTAL, area_types=("utla",))
    found = []
    for icb_code, group in members.groupby("icb_code"):
        mine = rows[rows["area_code"].isin(group.index)]
        complete = mine.groupby("period").filter(lambda p: set(p["area_code"]) == set(group.index))
        if complete.empty:
            continue
        latest = complete[complete["period_end"] == complete["period_end"].max()]
        found.append({
            "area_code": icb_code, "value": latest["value"].sum(), "period": latest["period"].iloc[0],
            "period_end": latest["period_end"].iloc[0], "source_id": latest["source_id"].iloc[0],
        })
    return pd.DataFrame(found, columns=["area_code", "value", "period", "period_end", "source_id"])


def trusts(catalogue: Catalogue, icb_code: str | None = None) -> pd.DataFrame:
    """NHS trusts with their ICB's name and type in words, optionally for one ICB."""
    rows = catalogue.trusts.copy()
    if icb_code:
        rows = rows[rows["icb_code"] == icb_code]
    rows["icb_name"] = rows["icb_code"].map(catalogue.areas["area_name"])
    rows["type"] = rows["trust_type"].map(TRUST_TYPE_LABELS)
    rows["located"] = rows["latitude"].notna()
    rows["location"] = rows["location_basis"].map(LOCATION_WORDS)
    return rows.sort_values(["icb_name", "trust_type", "name"]).reset_index(drop=True)


def icb_trust_counts(catalogue: Catalogue) -> pd.DataFrame:
    """Per ICB: trusts headquartered there, in total and by type."""
    icbs = icb_table(catalogue)
    counts = pd.crosstab(catalogue.trusts["icb_code"], catalogue.trusts["trust_type"])
    icbs["trusts"] = icbs["area_code"].map(counts.sum(axis=1)).fillna(0).astype(int)
    for trust_type in TRUST_TYPE_LABELS:
        column = counts[trust_type] if trust_type in counts.columns else pd.Series(dtype=int)
        icbs[f"{trust_type}_trusts"] = icbs["area_code"].map(column).fillna(0).astype(int)
    icbs["source_id"] = catalogue.trusts["source_id"].mode().iloc[0] if len(catalogue.trusts) else ""
    return icbs

"""The NHS coverage page's charts: ICBs shaded by trust headquarters or population with the trusts
on top, trusts per ICB, and the ICB table with its caption."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import headlines as headline_figures
from dashboard.analysis import nhs, sources
from dashboard.catalogue import TRUST_TYPE_LABELS, Catalogue
from dashboard.charts.base import BOUNDARIES_SOURCE_ID, Chart, with_boundaries
from dashboard.figures import bars, maps
from dashboard.geography import Boundaries
from dashboard.trust_locations import LOCATED_AT_HQ_POSTCODE, LOCATED_AT_SITE
from dashboard.memo import shared


def short_icb(name: str) -> str:
    return name.replace(" Integrated Care Board", " ICB")


icb_trust_counts = shared(nhs.icb_trust_counts)
headlines = shared(headline_figures.headlines)  # the NHS figures the partners state


def _icb_shading(counts: pd.DataFrame, shade: str) -> pd.DataFrame:
    """Per ICB: the value the map shades by, its label and hover text."""
    polygons = counts.rename(columns={"area_code": "code"})
    if shade == "trusts" or "population" not in polygons.columns:
        return polygons.assign(
            value=polygons["trusts"],
            hover=polygons["area_name"] + ": " + polygons["trusts"].astype(str) + " trusts headquartered here — "
            + polygons["upper_tier_areas"],
        )
    if shade == "population":
        value = polygons["population"]
        hover = [f"{name}: {v:,.0f} people (mid-{p})" for name, v, p in
                 zip(polygons["area_name"], value, polygons["population_period"])]
    else:
        value = polygons["population"] / polygons["acute_trusts"].where(polygons["acute_trusts"] > 0)
        hover = [f"{name}: {v:,.0f} people per acute trust ({a} acute)" if a else f"{name}: no acute trust"
                 for name, v, a in zip(polygons["area_name"], value, polygons["acute_trusts"])]
    return polygons.assign(value=value, hover=hover).dropna(subset=["value"])


@shared
def nhs_map(catalogue: Catalogue, geo: Boundaries, icb: str, shade: str = "trusts") -> Chart:
    """ICBs shaded by trust headquarters, population or people per acute trust, with the trusts
    on top as points by type."""
    chosen = None if icb == "all" else icb
    counts = icb_trust_counts(catalogue)
    polygons = _icb_shading(counts, shade)
    trusts = nhs.trusts(catalogue, chosen)
    points = trusts.assign(
        category=trusts["trust_type"],
        hover=trusts["name"] + " (" + trusts["type"] + ")" + trusts["location_basis"].map(
            # On a line of its own, so the label stays narrow enough for a phone.
            lambda basis: f"<br>{nhs.LOCATION_WORDS[basis]}" if basis == LOCATED_AT_HQ_POSTCODE else ""),
    )
    located = int(points["located"].sum())
    by_postcode = int((points["location_basis"] == LOCATED_AT_HQ_POSTCODE).sum())
    top = polygons.loc[polygons["value"].idxmax()]
    if chosen:
        title = f"{len(points)} NHS trusts are headquartered in {short_icb(catalogue.area_name(chosen))}"
    elif shade == "population":
        title = f"{short_icb(top['area_name'])} serves the most people ({top['value']:,.0f}) of the {len(polygons)} Midlands ICBs"
    elif shade == "per_acute_trust":
        title = (f"{short_icb(top['area_name'])} has the most people per acute trust ({top['value']:,.0f}) "
                 f"of the {len(polygons)} Midlands ICBs")
    else:
        title = (f"{short_icb(top['area_name'])} has the most NHS trust headquarters ({top['trusts']}) "
                 f"of the {len(polygons)} Midlands ICBs")
    shading_words = {"trusts": "the trusts headquartered in each ICB", "population": "each ICB's population",
                     "per_acute_trust": "each ICB's population per acute trust headquartered there"}
    source = sources.source_line(catalogue, catalogue.trusts["source_id"].unique())
    if shade != "trusts" and "population_source_id" in polygons.columns:
        source = sources.source_line(
            catalogue, [*catalogue.trusts["source_id"].unique(), *polygons["population_source_id"].dropna().unique()]
        ) + " Population: the sum of each ICB's upper-tier areas."
    source += _locations_line(catalogue, points)
    fig = maps.build_choropleth(
        geo.features("icb"), polygons, title, {"trusts": "trusts", "population": "people",
                                               "per_acute_trust": "people per acute trust"}[shade], geo.bounds(),
        highlight=[chosen] if chosen else None, points=points, point_categories=TRUST_TYPE_LABELS,
    )
    return Chart(
        "nhs-map", fig, points,
        summary=(
            f"{int(counts['trusts'].sum())} trusts across {len(counts)} ICBs; shading shows {shading_words[shade]}, "
            f"and markers are the trusts{' of the chosen ICB' if chosen else ''}, a shape and colour per type. "
            f"{located} of {len(points)} trusts are on the map"
            + (f" ({by_postcode} at their headquarters postcode's point in the ONS Postcode Directory)" if by_postcode else "")
            + ("." if located == len(points) else "; the rest are in the table only, with the reason.") + " "
            "Ambulance and some mental-health trusts serve more than one ICB. Click an ICB to focus the page on it."
        ),
        source=with_boundaries(source, geo),
        table_columns={"name": "Trust", "ods_code": "ODS code", "type": "Type", "icb_name": "ICB", "city": "Town",
                       "hq_postcode": "HQ postcode", "location": "On the map"},
        extra_source_ids=(BOUNDARIES_SOURCE_ID, *_location_source_ids(points)),
    )


def _location_source_ids(points: pd.DataFrame) -> list[str]:
    located = points.loc[points["located"], "location_source_id"]
    return sorted(set(located[located != ""]))


def _locations_line(catalogue: Catalogue, points: pd.DataFrame) -> str:
    """' Locations: 26 at their headquarters site (RCPCH, …); 13 at their headquarters postcode
    (ONS Postcode Directory, November 2025).' — counted from the points drawn."""
    located = points[points["located"]]
    parts = []
    at_site = located[located["location_basis"] == LOCATED_AT_SITE]
    if len(at_site):
        publishers = list(dict.fromkeys(catalogue.source(i)["publisher"] for i in sorted(set(at_site["location_source_id"]))))
        parts.append(f"{len(at_site)} at their headquarters site ({'; '.join(publishers)})")
    at_postcode = located[located["location_basis"] == LOCATED_AT_HQ_POSTCODE]
    if len(at_postcode):
        names = "; ".join(f"{catalogue.source(i)['publisher']}, {catalogue.source(i)['title']}"
                          for i in sorted(set(at_postcode["location_source_id"])))
        parts.append(f"{len(at_postcode)} at their headquarters postcode ({names})")
    return f" Locations: {'; '.join(parts)}." if parts else ""


@shared
def nhs_trusts_per_icb(catalogue: Catalogue) -> Chart:
    counts = icb_trust_counts(catalogue)
    ranked = counts.assign(
        code=counts["area_code"], value=counts["trusts"], text=counts["trusts"].astype(str),
        label=counts["area_name"].map(short_icb),
    ).sort_values(["value", "label"], ascending=[False, True])
    fig = bars.build_bar(
        ranked, f"Trust headquarters per ICB: from {ranked['value'].max()} down to {ranked['value'].min()}", "trusts",
    )
    return Chart(
        "nhs-trusts-per-icb", fig, ranked,
        summary="Click a bar (or an ICB on the map) to focus the page on that ICB.",
        source=sources.source_line(catalogue, catalogue.trusts["source_id"].unique()),
        table_columns={"label": "ICB", "value": "Trusts", "acute_trusts": "Acute"},
    )


@shared
def icb_summary(catalogue: Catalogue, icb: str) -> tuple[pd.DataFrame, str]:
    """The ICB table (all, or the chosen one) as readers see it, and its caption."""
    counts = icb_trust_counts(catalogue)
    shown = counts if icb == "all" else counts[counts["area_code"] == icb]
    columns = {"area_name": "ICB", "area_code": "Code", "upper_tier_areas": "Upper-tier areas",
               "trusts": "Trusts", **{f"{t}_trusts": label for t, label in TRUST_TYPE_LABELS.items()}}
    caption = nhs_trusts_per_icb(catalogue).source + " ICB membership: data/areas.csv."
    if "population" in shown.columns:
        shown = shown.assign(
            per_acute=[f"{p / a:,.0f}" if a else "no acute trust" for p, a in zip(shown["population"], shown["acute_trusts"])],
            population=shown["population"].map(lambda v: f"{v:,.0f}"),
        )
        columns |= {"population": f"Population (mid-{shown['population_period'].iloc[0]})",
                    "per_acute": "People per acute trust"}
        ons = catalogue.source(counts["population_source_id"].dropna().iloc[0])
        caption += (
            f" Population: the sum of the {ons['publisher']} estimates ({ons['title']}) for each ICB's upper-tier "
            "areas, since every Midlands ICB is made of whole upper-tier areas. People per acute trust divides it "
            "by the acute trusts headquartered in the ICB."
        )
    else:
        caption += " ICB populations are not available: no official extract could be sourced."
    return shown[list(columns)].assign(area_name=shown["area_name"].map(short_icb)).rename(columns=columns), caption

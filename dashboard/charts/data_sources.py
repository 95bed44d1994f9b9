"""The Data & sources page's tables: every indicator's definition and source, and the whole
catalogue as one CSV."""

from __future__ import annotations

import pandas as pd

from dashboard import exports
from dashboard.catalogue import Catalogue
from dashboard.memo import shared


@shared
def catalogue_csv(catalogue: Catalogue) -> bytes:
    """Every value with its indicator and source, as one spreadsheet-safe CSV."""
    return exports.to_csv_bytes(exports.catalogue_table(catalogue))


@shared
def indicator_definitions(catalogue: Catalogue) -> pd.DataFrame:
    indicators = catalogue.indicators.merge(
        catalogue.sources[["source_id", "publisher", "url", "published"]].reset_index(drop=True), on="source_id", how="left"
    )
    released = indicators["released"] if "released" in indicators.columns else pd.Series("", index=indicators.index)
    indicators["released"] = released.fillna("").where(released.fillna("") != "", indicators["published"])
    development = indicators.get("in_development", pd.Series("", index=indicators.index)).fillna("")
    indicators["status"] = development.map({"yes": "Official statistics in development", "no": "Official statistics"}).fillna("")
    return indicators[["title", "theme", "unit", "polarity", "definition", "why_it_matters", "caveats", "publisher",
                       "released", "status", "url"]]

"""Research scale: the research institutions (BRCs, CRFs, trials units, HDR UK partners) and the
partners' own counts of research infrastructure."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.headlines import headlines
from dashboard.catalogue import INSTITUTION_TYPE_LABELS, Catalogue

RESEARCH_INFRASTRUCTURE = ("partner_universities", "nihr_brcs_hosted", "nihr_crfs_hosted", "clinical_trials_units")


def research_infrastructure(catalogue: Catalogue) -> pd.DataFrame:
    """Counts of universities, BRCs, CRFs and trials units, as the partners state them."""
    facts = headlines(catalogue, "research")
    rows = facts[facts["indicator_id"].isin(RESEARCH_INFRASTRUCTURE)]
    order = {indicator_id: i for i, indicator_id in enumerate(RESEARCH_INFRASTRUCTURE)}
    return rows.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)


def infrastructure_title(infrastructure: pd.DataFrame) -> str:
    """'The partners state 7 Partner universities, 3 NIHR BRCs, 4 NIHR CRFs and 7 Clinical Trials Units'."""
    counts = [f"{row.text} {row.label}" for row in infrastructure.itertuples()]
    listed = counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " and " + counts[-1]
    return f"The partners state {listed}"


def institutions(catalogue: Catalogue, institution_type: str | None = None) -> pd.DataFrame:
    rows = catalogue.institutions.copy()
    if institution_type and institution_type != "all":
        rows = rows[rows["institution_type"] == institution_type]
    rows["type"] = rows["institution_type"].map(INSTITUTION_TYPE_LABELS)
    rows["located"] = rows["latitude"].notna()
    return rows.sort_values(["institution_type", "name"]).reset_index(drop=True)

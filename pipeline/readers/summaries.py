"""What the two Indices of Deprivation readers share: one value per area for one edition."""

from __future__ import annotations

import pandas as pd

from pipeline.errors import InputError, InputProblem


def one_edition(frame: pd.DataFrame, name: str, code_column: str, edition: str) -> pd.DataFrame:
    """Refuse an area given twice (naming each repeat's line), then label every row with the
    edition as its period; summaries publish no confidence limits or notes."""
    repeated = frame[frame.duplicated("areacd", keep=False)]
    if not repeated.empty:
        raise InputError([
            InputProblem(name, int(r.line), code_column, f"{r.areacd} appears more than once") for r in repeated.itertuples()
        ][:50])
    return frame.assign(period=edition, lci_95=float("nan"), uci_95=float("nan"), note="")

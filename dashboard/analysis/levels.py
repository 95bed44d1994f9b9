"""The levels a page can show Midlands areas at (upper-tier areas, districts) and the Health
inequalities page's topics, as Fingertips groups its profiles."""

from __future__ import annotations

from dashboard.catalogue import Catalogue
from dashboard.memo import shared

LEVELS = {"utla": "upper-tier areas", "ltla": "districts"}


# The Health inequalities page's topics, as Fingertips groups its profiles: each a label and the
# catalogue themes it gathers, in the order the indicator list shows them.
TOPICS = (
    ("Health outcomes", ("inequalities", "health_outcomes")),
    ("Risk factors", ("risk_factors",)),
    ("Children and young people", ("children",)),
    ("Wider determinants", ("wider_determinants",)),
    ("Deprivation", ("deprivation",)),
    ("Economy", ("economy",)),
    ("Population", ("population",)),
)


def topic_themes() -> tuple[str, ...]:
    return tuple(theme for _, themes in TOPICS for theme in themes)


def topic_order() -> dict[str, int]:
    return {theme: i for i, (_, themes) in enumerate(TOPICS) for theme in themes}


def topic_label(theme: str) -> str:
    return next((label for label, themes in TOPICS if theme in themes), theme.replace("_", " ").capitalize())


def level_codes(catalogue: Catalogue, level: str) -> frozenset[str]:
    """Midlands areas at a level: upper-tier areas (counties and unitaries), or districts (the
    districts of two-tier counties and the unitaries, which are both)."""
    return _level_codes(catalogue, level)


@shared
def _level_codes(catalogue: Catalogue, level: str) -> frozenset[str]:
    areas = catalogue.areas
    if level == "ltla":
        unitary = (areas["area_type"] == "utla") & ~areas["area_code"].str.startswith("E10")
        return frozenset(areas.index[(areas["area_type"] == "ltla") | unitary])
    return frozenset(areas.index[areas["area_type"] == level])

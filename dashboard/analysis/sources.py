"""Where a number comes from, in words: a chart's source line, and an indicator's publisher,
release date and official-statistics status."""

from __future__ import annotations

from dashboard import stats
from dashboard.catalogue import Catalogue


def release_date_words(text: str) -> str:
    """'2025-12-10' → '10 December 2025'; '2024-12' → 'December 2024'; a year stays as it is."""
    parts = text.split("-") if text else []
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return text


def provenance(catalogue: Catalogue, indicator_id: str) -> str:
    """'Published by Office for National Statistics, released 10 December 2025. Official statistics
    in development.' From the publisher's metadata where the pipeline read it."""
    indicator = catalogue.indicator(indicator_id)
    source = catalogue.source(indicator["source_id"])
    released = indicator.get("released") or source["published"]
    text = f"Published by {source['publisher']}"
    if isinstance(released, str) and released:
        text += f", released {release_date_words(released)}"
    text += "."
    if indicator.get("in_development") == "yes":
        text += " Official statistics in development: the publisher is still developing the method."
    return text


def source_line(catalogue: Catalogue, source_ids, period_text: str | None = None, polarity: str | None = None) -> str:
    """'Source: ONS, Life expectancy for local areas (2021-23). Higher is better.' — plain text.

    Many sources are summarised by publisher; each row's own source is in the CSV download.
    """
    ids = list(dict.fromkeys(source_ids))
    if not ids:
        line = "Source: not available"
    elif len(ids) <= 3:
        parts = [f"{catalogue.source(i)['publisher']}, {catalogue.source(i)['title']}" for i in ids]
        line = "Source: " + "; ".join(parts)
    else:
        publishers = list(dict.fromkeys(catalogue.source(i)["publisher"] for i in ids))
        named = "; ".join(publishers[:4]) + (f" and {len(publishers) - 4} more" if len(publishers) > 4 else "")
        line = f"Sources: {len(ids)} publications from {named}. Each row's source is in the table download"
    if period_text:
        line += f". Period: {period_text}"
    if polarity:
        line += f". Polarity: {stats.POLARITY_WORDS[polarity]}"
    return line + "."

"""View state in the URL: how each page's filters map to query parameters.

A page declares its parameters (name, valid options, default) here. The raw query string
is parsed into a :class:`ViewState` — the only object a page asks for its filter values.
Anything in the URL that is stale, unknown to us or hostile is replaced by the default and
reported as a :class:`Notice` naming the parameter and the value used instead. Values
that could move (the latest period) are always written back explicitly so an old link
keeps its meaning when new data arrives.

Pure Python: the Streamlit binding lives in ``views``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from dashboard import comparisons, economy, periods
from dashboard.analysis.levels import LEVELS, level_codes, topic_label, topic_order, topic_themes
from dashboard.analysis.values import sex_word
from dashboard.catalogue import INSTITUTION_TYPE_LABELS, Catalogue
from dashboard.memo import shared
from dashboard.methods import similar_areas
from dashboard.methods.similar_areas import SimilarAreas

MAX_PARAM_LENGTH = 100
_SHOWN_LENGTH = 40

Options = Sequence[str] | Callable[[Mapping[str, str]], Sequence[str]]
Default = str | Callable[[Sequence[str], Mapping[str, str]], str]


@dataclass(frozen=True)
class Param:
    """One query parameter: its valid options may depend on parameters parsed before it."""

    name: str
    label: str
    options: Options
    default: Default
    describe: Callable[[str], str] = str
    # Options depend only on the data (fixed for the process) and the earlier values: computed
    # once per combination rather than on every rerun of every session.
    _options_seen: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def options_given(self, earlier: Mapping[str, str]) -> list[str]:
        if not callable(self.options):
            return list(self.options)
        key = tuple(sorted(earlier.items()))
        if key not in self._options_seen:
            self._options_seen[key] = tuple(self.options(earlier))
        return list(self._options_seen[key])

    def default_given(self, options: Sequence[str], earlier: Mapping[str, str]) -> str:
        return self.default(options, earlier) if callable(self.default) else self.default


@dataclass(frozen=True)
class Notice:
    parameter: str
    label: str
    given: str
    used: str
    reason: str

    def markdown(self) -> str:
        """Text for st.warning: the user's value only ever appears inside a code span."""
        return (
            f"The link's **{self.label}** (`{self.parameter}`) value {code_span(self.given)} "
            f"{self.reason}; showing **{escape_markdown(self.used)}** instead."
        )


@dataclass(frozen=True)
class ViewState:
    values: Mapping[str, str]
    notices: tuple[Notice, ...] = ()
    params: tuple[Param, ...] = field(default=(), repr=False)

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def query(self) -> dict[str, str]:
        """Every parameter written explicitly, defaults included."""
        return dict(self.values)


def clean_for_display(text: str) -> str:
    """Printable, single-line and short: safe to show a user inside a code span."""
    printable = "".join(
        ch for ch in text if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " "
    )
    printable = printable.replace("`", "'")
    if len(printable) > _SHOWN_LENGTH:
        printable = printable[:_SHOWN_LENGTH] + "…"
    return printable


def code_span(text: str) -> str:
    shown = clean_for_display(text)
    return f"`{shown}`" if shown.strip() else "(empty)"


_MARKDOWN_SPECIAL = "\\`*_{}[]<>()#+-.!|~$"


def escape_markdown(text: str) -> str:
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def parse(params: Sequence[Param], raw: Mapping[str, Sequence[str]]) -> ViewState:
    """Turn the raw query string (every value of every key) into a valid view state."""
    values: dict[str, str] = {}
    notices: list[Notice] = []
    for param in params:
        options = param.options_given(values)
        default = param.default_given(options, values)
        given = list(raw.get(param.name, ()))
        if not given:
            values[param.name] = default
            continue
        if len(set(given)) > 1:
            notices.append(
                Notice(param.name, param.label, " | ".join(given), param.describe(default),
                       f"was given {len(given)} times with different values")
            )
            values[param.name] = default
            continue
        value = given[-1]
        if len(value) > MAX_PARAM_LENGTH or value not in options:
            reason = "is too long" if len(value) > MAX_PARAM_LENGTH else "is not available"
            notices.append(Notice(param.name, param.label, value, param.describe(default), reason))
            values[param.name] = default
            continue
        values[param.name] = value
    return ViewState(values=values, notices=tuple(notices), params=tuple(params))


def resolve(params: Sequence[Param], current: Mapping[str, str]) -> ViewState:
    """Re-validate values the user picked; one that a new choice made invalid gets its default.

    Nothing is reported: the user made the change, so no link needs explaining.
    """
    state = parse(params, {name: [value] for name, value in current.items() if value is not None})
    return ViewState(values=state.values, params=state.params)


# --- page parameter declarations -------------------------------------------------------------


def _latest_period(options: Sequence[str], _earlier: Mapping[str, str]) -> str:
    return periods.latest(options) or ""


def _first(options: Sequence[str], _earlier: Mapping[str, str]) -> str:
    return options[0] if options else ""


def _preferred(*choices: str) -> Default:
    def pick(options: Sequence[str], _earlier: Mapping[str, str]) -> str:
        for choice in choices:
            if choice in options:
                return choice
        return options[0] if options else ""

    return pick


def _indicator_values(catalogue: Catalogue, earlier: Mapping[str, str]) -> pd.DataFrame:
    values = catalogue.values
    return values[values["indicator_id"] == earlier.get("indicator")]


def area_indicator_ids(catalogue: Catalogue, themes: Sequence[str] | None = None) -> list[str]:
    """Indicators with values for Midlands upper-tier areas or districts (mappable, rankable),
    grouped by topic in the order of ``levels.TOPICS``, then by title."""
    values = catalogue.values
    ids = values.loc[values["area_type"].isin(["utla", "ltla"]), "indicator_id"].unique()
    indicators = catalogue.indicators.loc[list(ids)] if len(ids) else catalogue.indicators.iloc[:0]
    if themes is not None:
        indicators = indicators[indicators["theme"].isin(list(themes))]
    order = topic_order()
    return sorted(indicators.index, key=lambda i: (order.get(indicators.at[i, "theme"], len(order)),
                                                   indicators.at[i, "title"]))


def topic_and_title(catalogue: Catalogue, indicator_id: str, breakdown: str = "") -> str:
    """An indicator as its selectors list it: 'Health outcomes: Life expectancy at birth (female)'."""
    indicator = catalogue.indicators.loc[indicator_id]
    sex = sex_word(breakdown)
    return f"{topic_label(indicator['theme'])}: {indicator['short_title']}" + (f" ({sex})" if sex else "")


def inequalities_params(catalogue: Catalogue) -> list[Param]:
    ids = area_indicator_ids(catalogue, topic_themes()) or area_indicator_ids(catalogue)

    def describe_indicator(indicator_id: str) -> str:
        return topic_and_title(catalogue, indicator_id) if indicator_id in catalogue.indicators.index else indicator_id

    def at_level(earlier) -> pd.DataFrame:
        values = _indicator_values(catalogue, earlier)
        return values[values["area_code"].isin(level_codes(catalogue, earlier.get("level", "utla")))]

    def levels(earlier):
        # Districts only where two-tier districts have values: unitaries alone (which are at both
        # levels) would make a district map of mostly empty counties.
        types = set(_indicator_values(catalogue, earlier)["area_type"])
        return [level for level in LEVELS if level in types]

    def breakdowns(earlier):
        found = set(at_level(earlier)["breakdown"])
        return [b for b in ("Persons", "Female", "Male", "All") if b in found]

    def period_options(earlier):
        values = at_level(earlier)
        values = values[values["breakdown"] == earlier.get("sex")]
        return sorted(values["period"].unique(), key=periods.sort_key, reverse=True)

    def areas_with_values(earlier):
        values = at_level(earlier)
        codes = values.loc[values["breakdown"] == earlier.get("sex"), "area_code"]
        return sorted(codes.unique(), key=catalogue.area_name)

    return [
        Param("indicator", "indicator", ids, _preferred("life_expectancy_birth"), describe_indicator),
        Param("level", "areas", levels, _preferred("utla"), lambda k: LEVELS.get(k, k).capitalize()),
        Param("sex", "sex", breakdowns, _preferred("Persons", "Female", "All")),
        Param("period", "period", period_options, _latest_period),
        Param("area", "area for the trend", areas_with_values, _preferred("E08000025"),
              lambda c: catalogue.area_name(c) if c in catalogue.areas.index else c),
    ]


def area_profile_params(catalogue: Catalogue, similar: SimilarAreas | None = None) -> list[Param]:
    areas = catalogue.areas
    kinds = {"utla": 0, "ltla": 1, "icb": 2}  # upper-tier areas, then districts, then ICBs
    current = areas["ended"] == "" if "ended" in areas.columns else True
    choices = areas[areas["area_type"].isin(list(kinds)) & current]
    codes = sorted(choices.index, key=lambda c: (kinds[choices.loc[c, "area_type"]], areas.loc[c, "area_name"]))
    area = Param("area", "area", codes, _preferred("E08000025", *codes),
                 lambda c: (catalogue.area_name(c) + (" (district)" if areas.at[c, "area_type"] == "ltla" else ""))
                 if c in areas.index else c)
    return [area, *similar_area_params(catalogue, similar)] if similar is not None else [area]


SIMILAR_KINDS = {"global": "Overall (ONS's global)", "economic": "Economic", "demographic": "Demographic"}
NO_NEIGHBOURS = "none (ONS lists no nearest neighbours for this area)"


def similar_area_params(catalogue: Catalogue, similar: SimilarAreas) -> list[Param]:
    """The area profile's "Compared with similar areas": the kind of ONS nearest neighbours, and an
    indicator (``indicator_id:breakdown``) and period on which the area and a neighbour have values."""

    def choices(earlier) -> pd.DataFrame:
        return comparisons.neighbour_choices(catalogue, similar, earlier.get("area", ""), earlier.get("similar", ""))

    def kind_options(earlier):
        return [kind for kind in SIMILAR_KINDS
                if similar.available and similar_areas.neighbour_codes(similar, earlier.get("area", ""), kind)]

    def series_options(earlier):
        found = choices(earlier)
        keys = list(dict.fromkeys(found["indicator_id"] + ":" + found["breakdown"]))
        order, indicators = topic_order(), catalogue.indicators
        return sorted(keys, key=lambda k: (order.get(indicators.at[k.partition(":")[0], "theme"], len(order)),
                                           describe_series(k)))

    def period_options(earlier):
        found = choices(earlier)
        indicator_id, _, breakdown = earlier.get("indicator", "").partition(":")
        chosen = found[(found["indicator_id"] == indicator_id) & (found["breakdown"] == breakdown)]
        return sorted(chosen["period"].unique(), key=periods.sort_key, reverse=True)

    def describe_series(key: str) -> str:
        indicator_id, _, breakdown = key.partition(":")
        if indicator_id not in catalogue.indicators.index:
            return key or NO_NEIGHBOURS
        return topic_and_title(catalogue, indicator_id, breakdown)

    return [
        Param("similar", "similar on", kind_options, _preferred("global"),
              lambda k: SIMILAR_KINDS.get(k, k) or NO_NEIGHBOURS),
        Param("indicator", "indicator", series_options,
              _preferred("life_expectancy_birth:Female", "life_expectancy_birth:Male"), describe_series),
        Param("period", "period", period_options, _latest_period, lambda p: p or NO_NEIGHBOURS),
    ]


NHS_SHADES = {"trusts": "trust headquarters", "population": "population", "per_acute_trust": "people per acute trust"}


def nhs_params(catalogue: Catalogue) -> list[Param]:
    icbs = catalogue.areas_of_type("icb").sort_values("area_name")
    has_population = not catalogue.values[
        (catalogue.values["indicator_id"] == "population") & (catalogue.values["area_type"] == "utla")
        & (catalogue.values["breakdown"] == "All")
    ].empty
    shades = list(NHS_SHADES) if has_population else ["trusts"]
    return [
        Param("icb", "ICB", ["all", *icbs.index], "all",
              lambda c: "all Midlands ICBs" if c == "all" else catalogue.area_name(c)),
        Param("shade", "shade ICBs by", shades, "trusts", lambda k: NHS_SHADES.get(k, k)),
    ]


def cluster_params(catalogue: Catalogue) -> list[Param]:
    values = catalogue.values
    ids = values.loc[values["area_type"] == "cluster", "indicator_id"].unique()
    ordered = sorted(ids, key=lambda i: catalogue.indicators.loc[i, "short_title"])
    regional = economy.available_metrics(catalogue)
    return [
        Param("metric", "metric", ordered, _preferred("cluster_jobs_uk_share", "cluster_jobs", *ordered),
              lambda i: catalogue.indicators.loc[i, "short_title"] if i in catalogue.indicators.index else i),
        Param("economy", "regional measure", regional, _preferred("rd_business_expenditure", *regional),
              lambda i: catalogue.indicators.loc[i, "short_title"] if i in catalogue.indicators.index else i),
    ]


def research_params(catalogue: Catalogue) -> list[Param]:
    present = [t for t in INSTITUTION_TYPE_LABELS if t in set(catalogue.institutions["institution_type"])]
    return [
        Param("type", "institution type", ["all", *present], "all",
              lambda t: "all types" if t == "all" else INSTITUTION_TYPE_LABELS.get(t, t)),
    ]


def at_a_glance_params(catalogue: Catalogue) -> list[Param]:
    topics = [*comparisons.TOPIC_KEYS, comparisons.ALL_TOPICS]

    def describe_topic(key: str) -> str:
        return "All topics" if key == comparisons.ALL_TOPICS else comparisons.TOPIC_KEYS.get(key, (key,))[0]

    def sort_options(earlier) -> list[str]:
        table = comparisons.glance(catalogue, earlier.get("level", "utla"), earlier.get("topic", topics[0]))
        series = list(dict.fromkeys(table["series_key"])) if not table.empty else []
        return [*comparisons.SORTS, *series]

    def describe_sort(key: str) -> str:
        if key in comparisons.SORTS:
            return comparisons.SORTS[key]
        indicator_id, _, breakdown = key.partition(":")
        if indicator_id not in catalogue.indicators.index:
            return key
        sex = sex_word(breakdown)
        title = catalogue.indicators.at[indicator_id, "short_title"] + (f" ({sex})" if sex else "")
        return f"{title}, best first"

    return [
        Param("level", "areas", list(LEVELS), "utla", lambda k: LEVELS.get(k, k).capitalize()),
        Param("topic", "topic", topics, topics[0], describe_topic),
        Param("sort", "sort areas by", sort_options, "area", describe_sort),
    ]


def page_params(page: str, catalogue: Catalogue, *data: SimilarAreas) -> list[Param]:
    """The page's parameters for this catalogue (and any other data its options need), built once
    per process (see ``memo``)."""
    return list(_page_params(page, catalogue, *data))


@shared
def _page_params(page: str, catalogue: Catalogue, *data: SimilarAreas) -> tuple[Param, ...]:
    return tuple(PAGE_PARAMS[page](catalogue, *data))


PAGE_PARAMS: dict[str, Callable[[Catalogue], list[Param]]] = {
    "overview": lambda catalogue: [],
    "clusters": cluster_params,
    "research": research_params,
    "nhs": nhs_params,
    "inequalities": inequalities_params,
    "area_profile": area_profile_params,
    "at_a_glance": at_a_glance_params,
    "data_sources": lambda catalogue: [],
}


"""Every official indicator the pipeline builds, declared once.

Each entry says which file it comes from and which rows, and carries what only we can say:
its id, titles, unit, polarity (is a higher value better?), theme and why it matters. The
definition, caveats, source address, release date, decimal places and "official statistics
in development" flag come from the publisher's metadata file at build time. Reviewed in
pull requests like code: ``tests/test_pipeline_indicators.py`` loads every entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Series:
    """Rows of one breakdown: an ELS CSV's ``indicator`` value, or a whole ELS app file."""

    data_file: str
    breakdown: str
    els_indicator: str | None = None  # the CSV's ``indicator`` column; None for an app JSON file
    metadata_block: str | None = None  # the metadata's block for this series, where it has several


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    title: str
    short_title: str
    theme: str
    unit: str
    polarity: str
    why_it_matters: str
    source_id: str
    source_title: str  # the publisher's title for the release the metadata's address points at
    reader: str  # "els_csv" or "els_app"
    metadata_file: str
    series: tuple[Series, ...]
    # For app JSON files, whose periods are a first year only: "calendar" (2023) or
    # "academic" / "financial" (2023/24).
    year_style: str = "calendar"
    our_caveats: str = ""
    # Only where the publisher's metadata does not say (earlier ELS files).
    decimal_places: int | None = None
    in_development: bool | None = None
    notes: dict = field(default_factory=dict)


_LE = "ons-els/life-expectancy/life-expectancy.csv"
_HLE = "ons-els/healthy-life-expectancy/healthy-life-expectancy.csv"
_SMOKING_ANNUAL = "ons-els-history/cigarette-smokers@fdece5df/cigarette-smokers.csv"
_SMOKING_5Y = "ons-els/cigarette-smokers/cigarette-smokers.csv"
_LTSICK = (
    "ons-els-history/proportion-of-people-who-are-economically-inactive-due-to-sickness@e61f84dd/"
    "proportion-of-people-who-are-economically-inactive-due-to-sickness.csv"
)
_CVD = "ons-els/preventable-cardiovascular-mortality-england/preventable-cardiovascular-mortality-england.csv"
_CANCER = "ons-els/cancer-diagnosis-at-stage-1-and-2/cancer-diagnosis-at-stage-1-and-2.csv"
_POPULATION_META = "ons-els-app/population-indicators.json"


def _json(path: str) -> str:
    return path.rsplit(".", 1)[0] + ".json"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        indicator_id="life_expectancy_birth",
        title="Life expectancy at birth (three-year periods)",
        short_title="Life expectancy at birth",
        theme="inequalities",
        unit="years",
        polarity="higher_is_better",
        why_it_matters="The headline summary of a population's mortality; gaps between areas and against "
        "England are the standard measure of geographic health inequality.",
        source_id="ons_els_life_expectancy",
        source_title="Life expectancy for local areas of the UK",
        reader="els_csv",
        metadata_file=_json(_LE),
        series=(
            Series(_LE, "Female", "Female life expectancy", "Female life expectancy"),
            Series(_LE, "Male", "Male life expectancy", "Male life expectancy"),
        ),
    ),
    Indicator(
        indicator_id="healthy_life_expectancy_birth",
        title="Healthy life expectancy at birth (three-year periods)",
        short_title="Healthy life expectancy",
        theme="inequalities",
        unit="years",
        polarity="higher_is_better",
        why_it_matters="Shows how much of life is lived in good health; the gap between areas is larger than "
        "for life expectancy and is a central health-inequalities measure.",
        source_id="ons_els_healthy_life_expectancy",
        source_title="Health state life expectancies, UK",
        reader="els_csv",
        metadata_file=_json(_HLE),
        series=(
            Series(_HLE, "Female", "Female healthy life expectancy", "Female healthy life expectancy"),
            Series(_HLE, "Male", "Male healthy life expectancy", "Male healthy life expectancy"),
        ),
    ),
    Indicator(
        indicator_id="u75_cvd_mortality_preventable",
        title="Under 75 mortality from cardiovascular diseases considered preventable, per 100,000 "
        "(age-standardised, three-year periods)",
        short_title="Preventable CVD deaths under 75 (per 100,000)",
        theme="inequalities",
        unit="per_100k",
        polarity="lower_is_better",
        why_it_matters="Preventable cardiovascular deaths before 75 reflect smoking, blood pressure, diet and "
        "access to prevention; large gaps between areas are a core health-inequality measure.",
        source_id="ons_els_preventable_cvd_mortality",
        source_title="Public Health Outcomes Framework: under 75 mortality rate from cardiovascular diseases considered preventable",
        reader="els_csv",
        metadata_file=_json(_CVD),
        series=(Series(_CVD, "Persons", "Preventable cardiovascular mortality (England)"),),
    ),
    Indicator(
        indicator_id="cancer_diagnosed_stage_1_2",
        title="Cancers diagnosed at stage 1 or 2, % of new cancers with a known stage",
        short_title="Cancers diagnosed early (stage 1-2)",
        theme="inequalities",
        unit="percent",
        polarity="higher_is_better",
        why_it_matters="Cancers found early are far more treatable; the NHS Long Term Plan aims for 75% "
        "diagnosed at stage 1 or 2.",
        source_id="ons_els_cancer_early_stage",
        source_title="Public Health Outcomes Framework: cancer diagnosed at stage 1 and 2",
        reader="els_csv",
        metadata_file=_json(_CANCER),
        series=(Series(_CANCER, "Persons", "Cancer diagnosis at stage 1 and 2"),),
        our_caveats="Area-years the publisher marks 'u' (low reliability) have no published value and are "
        "shown as not available.",
    ),
    Indicator(
        indicator_id="smoking_prevalence_adults_aps",
        title="Adults who currently smoke cigarettes, % of people aged 18 and over (annual, Annual "
        "Population Survey)",
        short_title="Adult smoking prevalence (annual)",
        theme="inequalities",
        unit="percent",
        polarity="lower_is_better",
        why_it_matters="Smoking is the largest single preventable cause of ill health and early death and is "
        "concentrated in deprived areas.",
        source_id="ons_els_smoking_annual_2012_2023",
        source_title="Smoking habits in the UK and its constituent countries (local authority estimates, 2012 to 2023)",
        reader="els_csv",
        metadata_file=_json(_SMOKING_ANNUAL),
        series=(Series(_SMOKING_ANNUAL, "Persons", "Adults that currently smoke cigarettes"),),
        decimal_places=1,
        our_caveats="ONS has since replaced these single-year local estimates with five-year averages (see "
        "'Adult smoking prevalence, five-year average'), because single years swing with small samples; "
        "this series ends in 2023.",
    ),
    Indicator(
        indicator_id="smoking_prevalence_5yr",
        title="Adults who currently smoke cigarettes, % of people aged 18 and over (five-year average)",
        short_title="Adult smoking prevalence (five-year average)",
        theme="inequalities",
        unit="percent",
        polarity="lower_is_better",
        why_it_matters="Smoking is the largest single preventable cause of ill health and early death; a "
        "five-year average is steadier for comparing local areas than single years.",
        source_id="ons_els_smoking_5yr",
        source_title="Adult smoking habits in Great Britain (local authority five-year averages)",
        reader="els_csv",
        metadata_file=_json(_SMOKING_5Y),
        series=(Series(_SMOKING_5Y, "Persons", "Cigarette smokers"),),
    ),
    Indicator(
        indicator_id="econ_inactive_ltsick_pct_of_inactive",
        title="Economically inactive people who are inactive due to long-term sickness, % of the "
        "economically inactive (Annual Population Survey)",
        short_title="Inactive due to long-term sickness (% of inactive)",
        theme="inequalities",
        unit="percent",
        polarity="lower_is_better",
        why_it_matters="Shows how much of an area's economic inactivity is driven by long-term ill health.",
        source_id="ons_els_econ_inactive_ltsick",
        source_title="Annual Population Survey: economic inactivity by reason (Nomis)",
        reader="els_csv",
        metadata_file=_json(_LTSICK),
        series=(Series(
            _LTSICK, "Persons",
            "Proportion of people who are economically inactive, who are economically inactive due to long term sickness",
        ),),
        decimal_places=1,
        our_caveats="Small survey samples: local values swing from year to year and no confidence limits are "
        "published, so single-year differences between areas should be read with care. ELS removed this "
        "series in October 2025; these values are from its last release.",
    ),
    Indicator(
        indicator_id="population",
        title="Resident population (mid-year estimate)",
        short_title="Population",
        theme="nhs",
        unit="people",
        polarity="neither",
        why_it_matters="The denominator for rates and shares: how many people an area, ICB or region serves.",
        source_id="ons_els_population",
        source_title="Population estimates for the UK, England, Wales, Scotland and Northern Ireland (mid-year, local authorities; Nomis)",
        reader="els_app",
        metadata_file=_POPULATION_META,
        series=(
            Series("ons-els-app/population-count.json", "All", None, "Population count"),
            Series("ons-els-app/population-count-female.json", "Female", None, "Population count - Female"),
            Series("ons-els-app/population-count-male.json", "Male", None, "Population count - Male"),
        ),
    ),
    Indicator(
        indicator_id="population_aged_0_15_pct",
        title="Children aged 0 to 15, % of the population (mid-year estimate)",
        short_title="Aged 0-15 (% of population)",
        theme="population",
        unit="percent",
        polarity="neither",
        why_it_matters="The share of children shapes demand for maternity, paediatric and school health services.",
        source_id="ons_els_population",
        source_title="Population estimates for the UK, England, Wales, Scotland and Northern Ireland (mid-year, local authorities; Nomis)",
        reader="els_app",
        metadata_file=_POPULATION_META,
        series=(Series("ons-els-app/percentage-of-the-population-aged-0-to-15.json", "All", None,
                       "Percentage of the population aged 0 to 15"),),
    ),
    Indicator(
        indicator_id="population_aged_16_64_pct",
        title="People aged 16 to 64, % of the population (mid-year estimate)",
        short_title="Aged 16-64 (% of population)",
        theme="population",
        unit="percent",
        polarity="neither",
        why_it_matters="The working-age share: the labour pool for health and life-sciences employers.",
        source_id="ons_els_population",
        source_title="Population estimates for the UK, England, Wales, Scotland and Northern Ireland (mid-year, local authorities; Nomis)",
        reader="els_app",
        metadata_file=_POPULATION_META,
        series=(Series("ons-els-app/percentage-of-the-population-aged-16-to-64.json", "All", None,
                       "Percentage of the population aged 16 to 64"),),
    ),
    Indicator(
        indicator_id="population_aged_65_plus_pct",
        title="People aged 65 and over, % of the population (mid-year estimate)",
        short_title="Aged 65+ (% of population)",
        theme="population",
        unit="percent",
        polarity="neither",
        why_it_matters="Older populations need more health and social care; the share drives NHS demand.",
        source_id="ons_els_population",
        source_title="Population estimates for the UK, England, Wales, Scotland and Northern Ireland (mid-year, local authorities; Nomis)",
        reader="els_app",
        metadata_file=_POPULATION_META,
        series=(Series("ons-els-app/percentage-of-the-population-aged-65-plus.json", "All", None,
                       "Percentage of the population aged 65+"),),
    ),
)

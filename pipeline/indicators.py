"""Every official indicator the pipeline builds, declared once.

Each entry says which file it comes from and which rows, and carries what only we can say:
its id, titles, unit, polarity (is a higher value better?), theme and why it matters. The
definition, caveats, source address, release date, decimal places and "official statistics
in development" flag come from the publisher's metadata file at build time. Reviewed in
pull requests like code: ``tests/test_pipeline_indicators.py`` loads every entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.readers.els_metadata import Metadata


@dataclass(frozen=True)
class Series:
    """Rows of one breakdown: an ELS CSV's ``indicator`` value, or a whole ELS app file, or one
    measure of another reader's file."""

    data_file: str
    breakdown: str
    els_indicator: str | None = None  # the CSV's ``indicator`` column; None for an app JSON file
    metadata_block: str | None = None  # the metadata's block for this series, where it has several
    # Other readers: what to take, passed to the reader after the file (see each reader's read()):
    # iod2019_xlsx (sheet, column header); iod2025_rda (data frame, code column, measure column);
    # iod2025_csv (index_domain, measure column); sdg_csv (Series).
    measure: tuple[str, ...] = ()
    reader: str | None = None  # where it differs from the indicator's


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
    reader: str  # "els_csv", "els_app", "iod2019_xlsx", "iod2025_rda", "iod2025_csv" or "sdg_csv"
    metadata_file: str  # the publisher's metadata beside the data; "" where there is none (see metadata)
    series: tuple[Series, ...]
    # For app JSON files, whose periods are a first year only: "calendar" (2023) or
    # "academic" / "financial" (2023/24).
    year_style: str = "calendar"
    our_caveats: str = ""
    # Only where the publisher's metadata does not say (earlier ELS files).
    decimal_places: int | None = None
    in_development: bool | None = None
    notes: dict = field(default_factory=dict)
    # Files without publisher metadata (IoD, SDG): what the publisher's release page says,
    # declared here with the page it was read from.
    metadata: Metadata | None = None
    # Period notations allowed only where the metadata says what they mean (pipeline/periods.py).
    mid_month_years: bool = False
    snapshot_dates: bool = False
    # Areas a file names that the register lacks, left out with this reason instead of stopping
    # the build; only where the reason is known (e.g. ICB codes newer than the ICB list).
    absent_areas_reason: str = ""


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


# ---------------------------------------------------------------------------------------------
# Issue 12: what OHID's Fingertips and ONS Explore Local Statistics publish for every local
# authority, and the regional economy figures. Grouped in their own themes (risk_factors,
# children, wider_determinants, deprivation, economy, health_outcomes).
# ---------------------------------------------------------------------------------------------


def _els_file(folder: str) -> str:
    return f"ons-els/{folder}/{folder}.csv"


def _els(indicator_id: str, folder: str, els_indicator: str, *, block: str | None = None,
         breakdown: str = "All", **fields) -> Indicator:
    """An indicator read from one ``indicator`` value of an ELS CSV, with its metadata beside it."""
    data = _els_file(folder)
    return Indicator(
        indicator_id=indicator_id,
        reader="els_csv",
        metadata_file=_json(data),
        series=(Series(data, breakdown, els_indicator, block),),
        **fields,
    )


_ECONOMY_NOTE = (
    "Published for regions (and, where shown, combined authorities and local authorities): "
    "no upper-tier or ICB figures exist in this release, and none are derived here."
)

_ELS_WIDER: tuple[Indicator, ...] = (
    # Risk factors -------------------------------------------------------------------------------
    _els(
        "adult_obesity_prevalence", "adult-obesity-prevalence", "Adult obesity prevalence", breakdown="Persons",
        title="Adults (18 and over) living with obesity, % (Active Lives Adult Survey, BMI 30 or more)",
        short_title="Adult obesity (%)", theme="risk_factors", unit="percent", polarity="lower_is_better",
        why_it_matters="Obesity raises the risk of type 2 diabetes, heart disease and several cancers; it is "
        "one of the largest drivers of avoidable ill health and NHS demand.",
        source_id="ons_els_adult_obesity", source_title="Obesity Profile (Fingertips): adult obesity prevalence",
        mid_month_years=True,
        our_caveats="Each period is a survey year from 16 November to 15 November (so 2024/25 is 16 November "
        "2024 to 15 November 2025), as the metadata says.",
    ),
    # Wellbeing (health outcomes) ----------------------------------------------------------------
    *(
        _els(
            f"wellbeing_{key}", "personal-wellbeing-estimates", name, block=name, breakdown="Persons",
            title=title, short_title=short, theme="health_outcomes", unit="score", polarity=polarity,
            why_it_matters=why, source_id="ons_els_personal_wellbeing",
            source_title="Personal well-being in the UK (Annual Population Survey, local authority estimates)",
            our_caveats="Scores are means on a 0 to 10 scale from the Annual Population Survey; survey years run "
            "April to March. Small samples in small areas give wide confidence intervals.",
        )
        for key, name, title, short, polarity, why in (
            ("life_satisfaction", "Satisfaction", "Life satisfaction, mean score out of 10 (people aged 16 and over)",
             "Life satisfaction (0-10)", "higher_is_better",
             "How satisfied people are with their lives: ONS's headline measure of personal well-being, linked "
             "to health, work and income."),
            ("happiness", "Happiness", "Happiness yesterday, mean score out of 10 (people aged 16 and over)",
             "Happiness (0-10)", "higher_is_better",
             "Day-to-day emotional well-being; low scores go with poorer physical and mental health."),
            ("anxiety", "Anxiety", "Anxiety yesterday, mean score out of 10 (people aged 16 and over)",
             "Anxiety (0-10)", "lower_is_better",
             "High anxiety signals poor mental health and is associated with lower productivity and more "
             "demand for services."),
            ("worthwhile", "Worthwhile", "Feeling that the things done in life are worthwhile, mean score out of 10",
             "Feeling life is worthwhile (0-10)", "higher_is_better",
             "A sense of purpose is associated with better health and longer life."),
        )
    ),
    # Children ------------------------------------------------------------------------------------
    *(
        _els(
            f"children_relative_poverty_{key}", "children-in-relative-poverty", name, block=name,
            title=f"Children aged under 16 in relative low income families {words}, %",
            short_title=f"Children in relative poverty ({short})", theme="children", unit="percent",
            polarity="lower_is_better",
            why_it_matters="Growing up in poverty harms health, education and earnings across the life course; "
            "child poverty is a key driver of health inequalities.",
            source_id="ons_els_children_relative_poverty",
            source_title="Children in low income families: local area statistics",
            our_caveats="Financial years. Local figures are modelled by DWP from benefit records calibrated to the "
            "national Households Below Average Income survey.",
        )
        for key, name, words, short in (
            ("bhc", "Children in relative poverty before housing costs", "before housing costs", "before housing costs"),
            ("ahc", "Children in relative poverty after housing costs", "after housing costs", "after housing costs"),
        )
    ),
    *(
        _els(
            f"early_years_{key}", "early-years", name, block=name,
            title=f"Children at the expected level in {words} at the end of reception (age 5), %",
            short_title=f"Early years: {short} (%)", theme="children", unit="percent", polarity="higher_is_better",
            why_it_matters="How ready children are for school at five predicts later attainment and health; gaps "
            "open early and widen.",
            source_id="ons_els_early_years", source_title="Early years foundation stage profile results",
        )
        for key, name, words, short in (
            ("communication_language", "Communication and language", "all communication and language early learning goals", "communication and language"),
            ("literacy", "Literacy", "all literacy early learning goals", "literacy"),
            ("mathematics", "Mathematics", "all mathematics early learning goals", "mathematics"),
        )
    ),
    _els(
        "key_stage_2_expected_rwm", "pupils-at-expected-standards-by-end-of-primary-school",
        "Pupils meeting the expected standard in reading, writing and maths",
        title="Pupils meeting the expected standard in reading, writing and maths at the end of Key Stage 2, %",
        short_title="Key Stage 2: reading, writing and maths (%)", theme="children", unit="percent",
        polarity="higher_is_better",
        why_it_matters="Attainment at 11 shapes secondary school success, qualifications and later health.",
        source_id="ons_els_key_stage_2", source_title="Key stage 2 attainment",
    ),
    _els(
        "gcse_english_maths_by_19", "gcses-in-english-and-maths", "GCSEs in English and Maths",
        title="Young people achieving GCSEs (grade 4/C or above) in English and maths by age 19, %",
        short_title="GCSE English and maths by 19 (%)", theme="children", unit="percent", polarity="higher_is_better",
        why_it_matters="English and maths at GCSE are the gateway to further study and most jobs.",
        source_id="ons_els_gcse_english_maths", source_title="Level 2 and 3 attainment age 16 to 25",
    ),
    _els(
        "persistent_absence_pupils", "persistent-absences-for-all-pupils", "Persistent absences for all pupils",
        title="Pupils in state-funded schools who are persistently absent (miss 10% or more of sessions), %",
        short_title="Persistent absence (%)", theme="children", unit="percent", polarity="lower_is_better",
        why_it_matters="Persistent absence harms attainment and is linked to poor health, poverty and "
        "safeguarding concerns.",
        source_id="ons_els_persistent_absence", source_title="Pupil absence in schools in England",
        absent_areas_reason="codes from before ONS's register starts (Northumberland and Gateshead as coded "
        "before their 2013 code changes, in the file's early years)",
    ),
    # Wider determinants --------------------------------------------------------------------------
    _els(
        "employment_rate_16_64", "employment-rate", "Employment rate", block="Employment rate", breakdown="Persons",
        title="Employment rate, % of people aged 16 to 64 (Annual Population Survey)",
        short_title="Employment rate 16-64 (%)", theme="wider_determinants", unit="percent",
        polarity="higher_is_better",
        why_it_matters="Good work is one of the strongest influences on health; employment also sets the labour "
        "pool for health and life-sciences employers.",
        source_id="ons_els_employment", source_title="LI01 Regional labour market: local indicators for counties, local and unitary authorities",
    ),
    _els(
        "economic_inactivity_rate_16_64", "employment-rate", "Economically inactive", block="Economically inactive",
        breakdown="Persons",
        title="Economic inactivity rate, % of people aged 16 to 64 (Annual Population Survey)",
        short_title="Economic inactivity 16-64 (%)", theme="wider_determinants", unit="percent",
        polarity="lower_is_better",
        why_it_matters="People outside the labour market, many because of long-term sickness, are a measure of "
        "both ill health and untapped workforce.",
        source_id="ons_els_employment", source_title="LI01 Regional labour market: local indicators for counties, local and unitary authorities",
    ),
    _els(
        "unemployment_rate_modelled", "modelled-unemployment", "Modelled unemployment rate", breakdown="Persons",
        title="Unemployment rate (model-based), % of economically active people aged 16 and over",
        short_title="Unemployment rate (%)", theme="wider_determinants", unit="percent", polarity="lower_is_better",
        why_it_matters="Unemployment harms physical and mental health and drives demand for services.",
        source_id="ons_els_modelled_unemployment", source_title="LI01 Regional labour market: local indicators for counties, local and unitary authorities",
    ),
    _els(
        "claimant_count_rate", "claimant-count", "Claimant Count", breakdown="Persons",
        title="Claimant count, % of residents aged 16 to 64 claiming unemployment-related benefits",
        short_title="Claimant count (%)", theme="wider_determinants", unit="percent", polarity="lower_is_better",
        why_it_matters="A timely, administrative measure of unemployment in every local area.",
        source_id="ons_els_claimant_count", source_title="Claimant count (regional labour market)",
    ),
    _els(
        "qualifications_level_3_plus", "qualifications-level-3-or-above", "Level 3 or above qualifications (Great Britain)",
        breakdown="Persons",
        title="People aged 16 to 64 with qualifications at level 3 or above (A level or equivalent), %",
        short_title="Level 3+ qualifications (%)", theme="wider_determinants", unit="percent",
        polarity="higher_is_better",
        why_it_matters="Skills shape earnings and health, and the skilled workforce investors look for.",
        source_id="ons_els_qualifications_level_3", source_title="Annual Population Survey: qualifications (Nomis)",
    ),
    _els(
        "qualifications_none", "qualifications-none-gb", "No qualifications", breakdown="Persons",
        title="People aged 16 to 64 with no qualifications, %",
        short_title="No qualifications (%)", theme="wider_determinants", unit="percent", polarity="lower_is_better",
        why_it_matters="People without qualifications face lower pay, less secure work and poorer health.",
        source_id="ons_els_qualifications_none", source_title="Annual Population Survey: qualifications (Nomis)",
    ),
    _els(
        "housing_affordability_ratio", "housing-affordability-ratio", "Housing affordability ratio (residence-based)",
        title="Housing affordability: median house price divided by median gross annual residence-based earnings",
        short_title="House price to earnings ratio", theme="wider_determinants", unit="ratio",
        polarity="lower_is_better",
        why_it_matters="Unaffordable housing pushes people into poor or overcrowded homes and makes it harder "
        "to recruit staff.",
        source_id="ons_els_housing_affordability", source_title="Housing affordability in England and Wales",
        snapshot_dates=True,
        our_caveats="The publisher's file dates each ratio 1 April of its year; the metadata says earnings are "
        "as at April and house prices for the year ending September, so each is labelled by its year. The "
        "file gives the unit as '%', but the figure is a ratio (the metadata's definition).",
    ),
    _els(
        "food_outlets_per_1000", "food-outlets", "Food outlets",
        title="Live enterprises in the food and beverage service industry per 1,000 population",
        short_title="Food outlets per 1,000 people", theme="wider_determinants", unit="per_1k", polarity="neither",
        why_it_matters="The density of takeaways and other food outlets is part of the food environment that "
        "shapes diet and obesity.",
        source_id="ons_els_food_outlets", source_title="UK business: activity, size and location",
        snapshot_dates=True,
        our_caveats="Enterprises live at a reference point in March each year (the file gives the date); each "
        "is labelled by its year. Not all food and beverage service enterprises are takeaways.",
    ),
    _els(
        "sports_facilities_per_10000", "sports-facilities", "Sports facilities",
        title="Sports facilities per 10,000 people (as at 5 October 2023)",
        short_title="Sports facilities per 10,000 people", theme="wider_determinants", unit="per_10k",
        polarity="higher_is_better",
        why_it_matters="Access to places to be active supports physical activity, which protects against many "
        "long-term conditions.",
        source_id="ons_els_sports_facilities",
        source_title="Number of sports facilities across local authority districts (LAD) and middle layer super output areas (MSOA) in England and Wales",
        snapshot_dates=True,
        our_caveats="A count as at 5 October 2023, labelled 2023.",
    ),
    # Economy -------------------------------------------------------------------------------------
    _els(
        "gdhi_per_head", "gross-disposable-household-income-per-head", "Gross disposable household income",
        title="Gross disposable household income per head, £ (current prices)",
        short_title="Household income per head (£)", theme="economy", unit="gbp", polarity="higher_is_better",
        why_it_matters="The money households have to spend or save after taxes and benefits: a core measure "
        "of living standards.",
        source_id="ons_els_gdhi", source_title="Regional gross disposable household income (GDHI)",
        our_caveats="Regions are published both under their own codes and as ITL1 regions; the two agree and "
        "each is kept once. ITL2 and ITL3 areas are not in the dashboard's register and are left out.",
    ),
    _els(
        "median_weekly_pay", "gross-median-weekly-pay", "Gross median weekly pay", breakdown="Persons",
        title="Gross median weekly pay of employees living in the area (full-time and part-time), £",
        short_title="Median weekly pay (£)", theme="economy", unit="gbp_per_week", polarity="higher_is_better",
        why_it_matters="Earnings of residents: a measure of job quality and living standards.",
        source_id="ons_els_median_weekly_pay", source_title="Annual Survey of Hours and Earnings (ASHE), place of residence",
        snapshot_dates=True,
        our_caveats="ASHE measures the pay period that includes a date in April (the file gives that date); "
        "each figure is labelled by its year. The latest year is provisional.",
    ),
    _els(
        "gva_per_hour", "gross-value-added", "Gross value added per hour worked", block="Gross value added per hour worked",
        title="Gross value added per hour worked, £ (current prices; labour productivity)",
        short_title="GVA per hour worked (£)", theme="economy", unit="gbp_per_hour", polarity="higher_is_better",
        why_it_matters="Productivity is the main driver of wages and living standards and a key measure for "
        "investors comparing places.",
        source_id="ons_els_gva_productivity", source_title="Regional and subregional labour productivity, UK",
        our_caveats="Regions and England are published as ITL1 regions (TLF, TLG, TLB …) and stored under "
        "their region codes; each such row's note says so. ITL2 and ITL3 areas are left out.",
    ),
    _els(
        "gva_per_job", "gross-value-added", "Gross value added per filled job", block="Gross value added per filled job",
        title="Gross value added per filled job, £ (current prices)",
        short_title="GVA per job (£)", theme="economy", unit="gbp", polarity="higher_is_better",
        why_it_matters="Output per job: a second view of productivity, less affected by hours worked.",
        source_id="ons_els_gva_productivity", source_title="Regional and subregional labour productivity, UK",
        our_caveats="Regions and England are published as ITL1 regions and stored under their region codes; "
        "each such row's note says so.",
    ),
    *(
        _els(
            f"business_{key}", "business-demography", name, block=name,
            title=title, short_title=short, theme="economy", unit=unit, polarity=polarity, why_it_matters=why,
            source_id="ons_els_business_demography", source_title="Business demography, UK",
            our_caveats="Metropolitan counties (E11) are published but are not areas in the dashboard's register; "
            "their values are left out.",
        )
        for key, name, title, short, unit, polarity, why in (
            ("births_pct", "Business births", "Business births, % of active businesses", "Business births (%)",
             "percent", "higher_is_better", "New firms are a sign of enterprise and a growing local economy."),
            ("deaths_pct", "Business deaths", "Business deaths, % of active businesses", "Business deaths (%)",
             "percent", "lower_is_better", "Closures show how hard it is for firms to survive locally."),
            ("high_growth_pct", "High growth businesses",
             "High-growth businesses (average employment growth over 20% a year for three years, 10+ employees), % of active businesses",
             "High-growth businesses (%)", "percent", "higher_is_better",
             "Fast-growing firms create most new jobs; investors look for them."),
            ("active_count", "Active businesses", "Active businesses (enterprises with turnover or employment in the year)",
             "Active businesses", "count", "neither", "The size of the local business base."),
            ("survival_1yr_pct", "One-year survival rate", "Businesses born in a year still active one year later, %",
             "One-year business survival (%)", "percent", "higher_is_better",
             "Survival of new firms shows whether local conditions let them last."),
            ("survival_3yr_pct", "Three-year survival rate", "Businesses born in a year still active three years later, %",
             "Three-year business survival (%)", "percent", "higher_is_better",
             "Survival of new firms shows whether local conditions let them last."),
        )
    ),
    _els(
        "rd_business_expenditure", "research-and-development-business", "Business expenditure on research and development",
        title="Business enterprise expenditure on research and development (BERD) performed in the region, £ million",
        short_title="Business R&D spending (£m)", theme="economy", unit="gbp_million", polarity="higher_is_better",
        why_it_matters="Business R&D is the clearest sign of an innovation economy; investors and partners use "
        "it to compare regions.",
        source_id="ons_els_rd_business", source_title="Business enterprise research and development, UK",
        our_caveats=_ECONOMY_NOTE,
    ),
    _els(
        "rd_public_expenditure", "research-and-development-public-funded",
        "Public-funded expenditure on research and development",
        title="Public-funded gross expenditure on research and development in the region (capital and non-capital), £ million",
        short_title="Public R&D spending (£m)", theme="economy", unit="gbp_million", polarity="higher_is_better",
        why_it_matters="Public research funding (government, research councils, higher education) anchors "
        "university and NHS research and attracts private investment.",
        source_id="ons_els_rd_public", source_title="UK public-funded gross regional capital and non-capital expenditure on research and development",
        our_caveats=_ECONOMY_NOTE + " Financial years.",
    ),
    *(
        _els(
            f"fdi_{key}_position", "foreign-direct-investment", name, block=name,
            title=title, short_title=short, theme="economy", unit="gbp_million", polarity="neither",
            why_it_matters=why, source_id="ons_els_fdi",
            source_title="Foreign direct investment, experimental UK subnational statistics",
            our_caveats="Regions and England are published as ITL1 regions and stored under their region codes "
            "(each row's note says so); combined authorities are kept; ITL2 areas are left out.",
        )
        for key, name, title, short, why in (
            ("inward", "Inward foreign direct investment",
             "Inward foreign direct investment position: value of investment in the area by non-resident companies, £ million",
             "Inward FDI (£m)", "How much foreign companies have invested in the area: a measure of its draw for investors."),
            ("outward", "Outward foreign direct investment",
             "Outward foreign direct investment position: value of investment abroad by companies resident in the area, £ million",
             "Outward FDI (£m)", "How much the area's companies have invested abroad: a measure of their international reach."),
        )
    ),
)

_CHILD_WEIGHT_META = "ons-els-app/child-weight.json"
_CHILD_WEIGHT: tuple[Indicator, ...] = tuple(
    Indicator(
        indicator_id=f"child_{kind.replace('-', '_')}_{stage_id}",
        title=f"Children {words} in {stage} ({age}), % of children measured (NCMP)",
        short_title=f"{short} ({stage_short}) (%)",
        theme="risk_factors",
        unit="percent",
        polarity=polarity,
        why_it_matters=why,
        source_id="ons_els_child_weight",
        source_title="National Child Measurement Programme (Obesity Profile, Fingertips)",
        reader="els_app",
        metadata_file=_CHILD_WEIGHT_META,
        series=(Series(f"ons-els-app/{kind}-children-{stage_file}.json", "Persons", None, f"{block_age} {block}"),),
        year_style="academic",
    )
    for stage_id, stage, stage_short, age, stage_file, block_age in (
        ("reception", "reception", "reception", "age 4 to 5", "reception", "Aged four to five years"),
        ("year6", "Year 6", "Year 6", "age 10 to 11", "year-6", "Aged 10 to 11 years"),
    )
    for kind, words, short, block, polarity, why in (
        ("obese", "living with obesity", "Child obesity", "obese", "lower_is_better",
         "Children living with obesity are likely to remain so as adults, with higher risks of diabetes, heart "
         "disease and poor mental health."),
        ("overweight", "overweight but not living with obesity", "Child overweight (excl. obesity)", "overweight",
         "lower_is_better",
         "Excess weight in childhood tracks into adulthood; with obesity it makes up the children above a "
         "healthy weight."),
        ("healthy-weight", "at a healthy weight", "Child healthy weight", "healthy weight", "higher_is_better",
         "The share of children at a healthy weight: the positive side of the NCMP picture."),
        ("underweight", "underweight", "Child underweight", "underweight", "lower_is_better",
         "Underweight can signal poor nutrition or illness; it is rare but monitored alongside excess weight."),
    )
)

# Indices of Deprivation ------------------------------------------------------------------------
_IOD2019_DISTRICTS = "mhclg-iod2019/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx"
_IOD2019_UPPER = "mhclg-iod2019/File_11_-_IoD2019_Local_Authority_District_Summaries__upper-tier__.xlsx"
_IOD2025_LTLA = "mhclg-iod2025/imd2025_england_ltla24.rda"
_IOD2025_ICB = "mhclg-iod2025/imd2025_england_icb24.rda"
_IOD2025_CSV = "mhclg-iod2025/indices_of_deprivation_2025_lad.csv"
_IOD_MEASURES = (
    "An area's average score is the population-weighted mean of its neighbourhoods' (LSOAs') scores: "
    "higher means more deprived. The rank of average score orders areas of the same kind by that score, "
    "1 being the most deprived. Ranks compare areas only within one edition and one kind of area; scores "
    "are not comparable between editions."
)
# Files without publisher metadata: what MHCLG's release pages say (found with the search tool:
# the 2019 statistical release and the University of Sheffield's page give 26 September 2019;
# GOV.UK's 2025 statistical release says "Published 30 October 2025" and its FAQ "Updated
# 17 November 2025", the date of the corrected v2 files).
_IOD2019_META = Metadata(
    publisher="Ministry of Housing, Communities and Local Government",
    title="English indices of deprivation 2019",
    url="https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019",
    released="2019-09-26",
    definition="The English Indices of Deprivation 2019 measure relative deprivation in England's 32,844 small "
    "areas (LSOAs) across seven domains (income, employment, education, health, crime, barriers to housing and "
    "services, living environment), combined into the Index of Multiple Deprivation. Local authority summaries "
    "(File 10 for districts, File 11 for upper-tier authorities) summarise them for each area. " + _IOD_MEASURES,
    caveats="On 2019 local authority boundaries: Northamptonshire (E10000021) and its seven districts are "
    "shown under their own, now ended, codes; North and West Northamptonshire have no IoD 2019 values and none "
    "are derived. Most underlying data are from 2015/16.",
    decimal_places=3,
    in_development=False,
)
_IOD2025_META = Metadata(
    publisher="Ministry of Housing, Communities and Local Government",
    title="English indices of deprivation 2025",
    url="https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025",
    released="2025-10-30",
    definition="The English Indices of Deprivation 2025 measure relative deprivation in England's 33,755 small "
    "areas (2021 LSOAs) across seven domains, combined into the Index of Multiple Deprivation, with two "
    "supplementary indices (income deprivation affecting children, IDACI, and older people, IDAOPI). "
    "Summaries for local authority districts (2024 boundaries) and ICBs (2024 boundaries). " + _IOD_MEASURES,
    caveats="Values are from MHCLG's corrected v2 summaries (17 November 2025), which changed some districts' "
    "average scores, West Northamptonshire's among them. v2 has no IDACI or IDAOPI summaries: those two are "
    "from the first release (30 October 2025, as tidied by Trafford Data Lab). Income and employment domain "
    "scores are the share of the population deprived (0 to 1); other domain scores are indices. ICB summaries "
    "for Surrey Heartlands and Sussex use 2024 ICB codes that FingertipsNext's list does not have (it lists "
    "their 2022 codes); they are left out rather than relabelled.",
    decimal_places=3,
    in_development=False,
)
_ICB24_ABSENT = "ICB 2024 codes not in the area register (FingertipsNext lists ICBs on earlier codes)"


def _iod2019(indicator_id: str, series: tuple[Series, ...], **fields) -> Indicator:
    return Indicator(indicator_id=indicator_id, theme="deprivation", source_id="mhclg_iod2019",
                     source_title="English indices of deprivation 2019", reader="iod2019_xlsx", metadata_file="",
                     series=series, metadata=_IOD2019_META, **fields)


def _iod2025(indicator_id: str, series: tuple[Series, ...], **fields) -> Indicator:
    return Indicator(indicator_id=indicator_id, theme="deprivation", source_id="mhclg_iod2025",
                     source_title="English indices of deprivation 2025", reader="iod2025_rda", metadata_file="",
                     series=series, metadata=_IOD2025_META, absent_areas_reason=_ICB24_ABSENT, **fields)


_IMD_WHY = ("Deprivation is the strongest single predictor of poor health and early death in England; "
            "funding formulas and targeting use the IMD.")
_RANK_WHY = "Where the area stands among all areas of its kind in England (1 = most deprived)."

_DEPRIVATION: tuple[Indicator, ...] = (
    _iod2019(
        "imd2019_average_score",
        (Series(_IOD2019_UPPER, "All", measure=("IMD", "IMD - Average score")),
         Series(_IOD2019_DISTRICTS, "All", measure=("IMD", "IMD - Average score"))),
        title="Index of Multiple Deprivation 2019: average score (2019 boundaries)",
        short_title="IMD 2019 average score", unit="score", polarity="lower_is_better", why_it_matters=_IMD_WHY,
        our_caveats="Upper-tier authorities from File 11 and districts from File 10; a unitary or metropolitan "
        "authority is in both with the same score and is kept once.",
    ),
    _iod2019(
        "imd2019_rank_upper_tier",
        (Series(_IOD2019_UPPER, "All", measure=("IMD", "IMD - Rank of average score")),),
        title="Index of Multiple Deprivation 2019: rank of average score among 151 upper-tier authorities (1 = most deprived)",
        short_title="IMD 2019 rank (upper tier)", unit="rank", polarity="higher_is_better", why_it_matters=_RANK_WHY,
    ),
    _iod2019(
        "imd2019_rank_district",
        (Series(_IOD2019_DISTRICTS, "All", measure=("IMD", "IMD - Rank of average score")),),
        title="Index of Multiple Deprivation 2019: rank of average score among 317 districts (1 = most deprived)",
        short_title="IMD 2019 rank (district)", unit="rank", polarity="higher_is_better", why_it_matters=_RANK_WHY,
    ),
    _iod2025(
        "imd2025_average_score",
        (Series(_IOD2025_LTLA, "All", measure=("imd2025_england_ltla24", "ltla24_code", "imd_average_score")),
         Series(_IOD2025_ICB, "All", measure=("imd2025_england_icb24", "icb24_code", "imd_average_score"))),
        title="Index of Multiple Deprivation 2025: average score (districts and ICBs, 2024 boundaries)",
        short_title="IMD 2025 average score", unit="score", polarity="lower_is_better", why_it_matters=_IMD_WHY,
    ),
    _iod2025(
        "imd2025_rank_district",
        (Series(_IOD2025_LTLA, "All", measure=("imd2025_england_ltla24", "ltla24_code", "imd_rank_of_average_score")),),
        title="Index of Multiple Deprivation 2025: rank of average score among 296 districts (1 = most deprived)",
        short_title="IMD 2025 rank (district)", unit="rank", polarity="higher_is_better", why_it_matters=_RANK_WHY,
    ),
    _iod2025(
        "imd2025_rank_icb",
        (Series(_IOD2025_ICB, "All", measure=("imd2025_england_icb24", "icb24_code", "imd_rank_of_average_score")),),
        title="Index of Multiple Deprivation 2025: rank of average score among 42 ICBs (1 = most deprived)",
        short_title="IMD 2025 rank (ICB)", unit="rank", polarity="higher_is_better", why_it_matters=_RANK_WHY,
    ),
    *(
        indicator
        for key, column, name, why in (
            ("income", "income", "Income Deprivation", "Income deprivation: people on low incomes or out-of-work benefits."),
            ("employment", "employment", "Employment Deprivation", "People of working age involuntarily out of work, including through sickness."),
            ("education", "education_skills_and_training", "Education, Skills and Training Deprivation", "Lack of attainment and skills among children and adults."),
            ("health", "health_deprivation_and_disability", "Health Deprivation and Disability", "Premature death and impaired quality of life through poor health."),
            ("crime", "crime", "Crime", "The risk of personal and material victimisation."),
            ("barriers", "barriers_to_housing_and_services", "Barriers to Housing and Services", "Physical and financial access to housing and local services."),
            ("living_environment", "living_environment", "Living Environment Deprivation", "The quality of housing and of the local environment (air quality, road traffic accidents)."),
        )
        for indicator in (
            _iod2025(
                f"iod2025_{key}_average_score",
                (Series(_IOD2025_LTLA, "All", measure=("imd2025_england_ltla24", "ltla24_code", f"{column}_average_score")),
                 Series(_IOD2025_ICB, "All", measure=("imd2025_england_icb24", "icb24_code", f"{column}_average_score"))),
                title=f"Indices of Deprivation 2025, {name} domain: average score (districts and ICBs)",
                short_title=f"IoD 2025 {name.lower()}: score", unit="score", polarity="lower_is_better",
                why_it_matters=why,
            ),
            _iod2025(
                f"iod2025_{key}_rank_district",
                (Series(_IOD2025_LTLA, "All", measure=("imd2025_england_ltla24", "ltla24_code", f"{column}_rank_of_average_score")),),
                title=f"Indices of Deprivation 2025, {name} domain: rank of average score among 296 districts (1 = most deprived)",
                short_title=f"IoD 2025 {name.lower()}: district rank", unit="rank", polarity="higher_is_better",
                why_it_matters=why,
            ),
        )
    ),
    *(
        indicator
        for key, domain, why in (
            ("idaci", "Income Deprivation Affecting Children", "Children aged 0 to 15 living in income-deprived families."),
            ("idaopi", "Income Deprivation Affecting Older People", "People aged 60 and over living in income deprivation."),
        )
        for indicator in (
            _iod2025(
                f"iod2025_{key}_average_score",
                (Series(_IOD2025_CSV, "All", measure=(domain, "average_score"), reader="iod2025_csv"),),
                title=f"Indices of Deprivation 2025, {domain} (supplementary index): average score (districts), first release",
                short_title=f"IoD 2025 {key.upper()}: score", unit="score", polarity="lower_is_better",
                why_it_matters=why,
                our_caveats="From MHCLG's first release (the v2 files do not include this index).",
            ),
            _iod2025(
                f"iod2025_{key}_rank_district",
                (Series(_IOD2025_CSV, "All", measure=(domain, "rank_average_score"), reader="iod2025_csv"),),
                title=f"Indices of Deprivation 2025, {domain}: rank of average score among 296 districts (1 = most deprived), first release",
                short_title=f"IoD 2025 {key.upper()}: district rank", unit="rank", polarity="higher_is_better",
                why_it_matters=why,
                our_caveats="From MHCLG's first release (the v2 files do not include this index).",
            ),
        )
    ),
)

# Air pollution (SDG 3.9.1 / PHOF D01) -----------------------------------------------------------
_SDG_391 = "ons-sdg/indicator_3-9-1.csv"
_PM25_META = Metadata(
    publisher="UK Health Security Agency and Office for Health Improvement and Disparities, via the ONS UK SDG data",
    title="Fraction of mortality attributable to particulate air pollution (PHOF D01)",
    # The ONS UK SDG reporting platform's page for indicator 3.9.1 (found with the search tool); the
    # data file is ONSdigital/sdg-data data/indicator_3-9-1.csv (MANIFEST.csv).
    url="https://onsdigital.github.io/sdg-indicators/3-9-1",
    released="",  # no release date is given in the stored copies of the page or the file
    definition="Mortality burden associated with long-term exposure to particulate air pollution (PM2.5) at "
    "current levels, expressed as the percentage of annual deaths from all causes in those aged 30 and over. "
    "In the old method only anthropogenic (human-made) PM2.5 is counted, with a concentration-response "
    "coefficient of 1.06; the new method counts total PM2.5 with a coefficient of 1.08. The two series are "
    "not directly comparable (ONS UK SDG indicator 3.9.1 page).",
    caveats="Published for districts and unitary authorities, regions and England; not for counties, upper-tier "
    "areas as such or ICBs, and none are derived here. Areas that did not exist in a year have no value. "
    "Where the publisher applied one area's value to another (Buckinghamshire county to the unitary "
    "authority; Cornwall and the Isles of Scilly combined) the row's note says so. England by deprivation "
    "decile is in the file but is not an area value and is not taken.",
    decimal_places=1,
    in_development=None,
)
_PM25: tuple[Indicator, ...] = tuple(
    Indicator(
        indicator_id=f"pm25_attributable_mortality_{method}_method",
        title=f"Fraction of mortality attributable to particulate air pollution (PM2.5), % of deaths aged 30+ ({method} method)",
        short_title=f"Deaths attributable to PM2.5 (%, {method} method)",
        theme="health_outcomes",
        unit="percent",
        polarity="lower_is_better",
        why_it_matters="Air pollution is the largest environmental risk to public health in the UK; this "
        "estimates the share of adult deaths linked to long-term exposure to fine particles.",
        source_id="ons_sdg_pm25_mortality",
        source_title="UK SDG indicator 3.9.1: fraction of mortality attributable to particulate air pollution",
        reader="sdg_csv",
        metadata_file="",
        series=(Series(_SDG_391, "Persons", measure=(f"Fraction of mortality attributable to particulate air pollution ({method} method)",)),),
        metadata=_PM25_META,
        our_caveats=caveat,
    )
    for method, caveat in (
        ("old", "Old method: 2010 to 2019, anthropogenic PM2.5 only."),
        ("new", "New method: 2018 to 2021, total PM2.5; not comparable with the old method, so kept as a "
                "separate indicator (the two overlap in 2018 and 2019 with different values)."),
    )
)

INDICATORS = INDICATORS + _ELS_WIDER + _CHILD_WEIGHT + _DEPRIVATION + _PM25

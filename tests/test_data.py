"""The shipped catalogue answers each page's key questions, and every figure is benchmarked and sourced."""

import pytest

from dashboard import periods
from dashboard.analysis import nhs
from dashboard.catalogue import load_catalogue
from dashboard.charts.base import BOUNDARIES_SOURCE_ID
from dashboard.config import DATA_DIR, ENGLAND_CODE


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA_DIR)


def current_utlas(catalogue) -> set[str]:
    """Upper-tier areas on today's boundaries (not former Northamptonshire: older statistics only)."""
    return set(nhs.current_utlas(catalogue).index)


def test_current_utlas_are_the_24_on_todays_boundaries(catalogue):
    assert len(current_utlas(catalogue)) == 24
    assert {"E06000061", "E06000062"} <= current_utlas(catalogue) and "E10000021" not in current_utlas(catalogue)


def test_every_area_level_value_has_englands_value_for_the_same_period(catalogue):
    values = catalogue.values
    local = values[values["area_type"] == "utla"]
    england = set(map(tuple, values[values["area_code"] == ENGLAND_CODE][["indicator_id", "period", "breakdown"]].values))
    missing = {key for key in map(tuple, local[["indicator_id", "period", "breakdown"]].values) if key not in england}
    # Files with no England rows: the ELS files of economic inactivity due to long-term sickness and
    # of children in relative poverty (UK, regions and areas only), and the Indices of Deprivation
    # (area summaries of a relative index; England has no score or rank). Their areas are compared
    # with their region or each other only. Every other indicator is benchmarked for every period.
    no_england = {"econ_inactive_ltsick_pct_of_inactive", "children_relative_poverty_bhc", "children_relative_poverty_ahc"}
    deprivation = set(catalogue.indicators.index[catalogue.indicators["theme"] == "deprivation"])
    publishes_england = set(values.loc[values["area_code"] == ENGLAND_CODE, "indicator_id"])
    assert {key for key in missing if key[0] in publishes_england} == set()
    assert publishes_england >= set(local["indicator_id"]) - no_england - deprivation


def test_every_source_is_used_and_every_indicator_has_values(catalogue):
    used = set(catalogue.values["source_id"]) | set(catalogue.indicators["source_id"])
    used |= set(catalogue.trusts["source_id"]) | set(catalogue.trusts["location_source_id"])
    used |= set(catalogue.institutions["source_id"]) | set(catalogue.institutions["location_source_id"])
    used |= {BOUNDARIES_SOURCE_ID}  # every map's boundaries
    assert set(catalogue.sources.index) - used <= {  # sources used to check codes, not for figures
        "postcodes_io_onspd", "ons_icb_boundaries_jul2022", "nhse_icbs_in_england", "nhse_integrated_care_area",
        "jucd_glossop_update", "nottstv_notts_icb_2022", "me_health_sector_page", "ohid_wdoh_commentary_2026_02",
        "ons_icb22_lookup", "nhsd_csds_submission_tracker_2023", "bchft_annual_report_summary_2022_23",
        "dhcft_who_we_are", "nottshc_about_us", "mpft_about_us", "cqc_nhft_2015", "nscht_publication_scheme",
        "cqc_cwpt_2016", "hacw_statement_of_purpose", "wikipedia_lpt", "lpft_annual_report_2022_23",
        "nihr_brc_awards_2022",
    }
    assert set(catalogue.indicators.index) == set(catalogue.values["indicator_id"])


def test_inequalities_all_current_areas_have_life_expectancy_for_both_sexes_in_the_latest_period(catalogue):
    values = catalogue.values[catalogue.values["indicator_id"] == "life_expectancy_birth"]
    latest = periods.latest(values["period"])
    for sex in ("Male", "Female"):
        rows = values[(values["period"] == latest) & (values["breakdown"] == sex)]
        assert current_utlas(catalogue) <= set(rows["area_code"]), sex
        assert rows[["lower_ci", "upper_ci"]].notna().all().all()
    assert len(values["period"].unique()) >= 3, "enough periods for a trend"


def test_inequalities_every_current_area_has_a_population(catalogue):
    rows = catalogue.values[catalogue.values["indicator_id"] == "population"]
    assert current_utlas(catalogue) <= set(rows["area_code"])


def test_nhs_every_icb_has_trusts_and_every_trust_an_icb(catalogue):
    icbs = set(catalogue.areas_of_type("icb").index)
    assert len(icbs) == 11
    assert set(catalogue.trusts["icb_code"]) == icbs
    utlas = catalogue.areas_of_type("utla")
    assert set(utlas.loc[utlas["ended"] == "", "icb_code"]) <= icbs


def test_research_every_institution_type_is_present_and_most_are_located(catalogue):
    institutions = catalogue.institutions
    assert set(institutions["institution_type"]) == {"university", "brc", "crf", "ctu", "hdruk_partner"}
    assert institutions["latitude"].notna().mean() > 0.8


def test_clusters_can_be_compared_side_by_side(catalogue):
    clusters = catalogue.values[catalogue.values["area_type"] == "cluster"]
    jobs = clusters[clusters["indicator_id"] == "cluster_jobs"]
    assert set(jobs["area_code"]) == {"CL-DDH", "CL-HLS", "CL-MEDTECH"}
    shares = clusters[clusters["indicator_id"] == "cluster_jobs_uk_share"]
    assert len(shares) >= 2


def test_qualifiers_from_the_sources_are_kept(catalogue):
    research = catalogue.values[(catalogue.values["indicator_id"] == "health_research_income_pa")]
    assert research.iloc[0]["qualifier"] == "more than" and research.iloc[0]["value"] == 260


def test_icb_populations_add_up_to_the_two_regions(catalogue):
    """Every Midlands upper-tier area is in exactly one ICB, so the ICB sums must equal the regions'."""

    icbs = nhs.icb_table(catalogue)
    assert icbs["population"].notna().all() and set(icbs["population_period"]) == {"2024"}
    regions = catalogue.values[
        (catalogue.values["indicator_id"] == "population") & catalogue.values["area_code"].isin(["E12000004", "E12000005"])
        & (catalogue.values["period"] == "2024") & (catalogue.values["breakdown"] == "All")
    ]
    assert icbs["population"].sum() == regions["value"].sum()
    northamptonshire = icbs.set_index("area_code").loc["E54000059"]
    assert northamptonshire["upper_tier_areas"] == "North Northamptonshire, West Northamptonshire", \
        "the former county is not counted beside the two unitaries that replaced it"


def test_every_map_names_the_ons_boundaries_and_draws_both_northamptonshires(catalogue):
    from dashboard.charts import inequalities as inequalities_charts
    from dashboard.charts import nhs as nhs_charts
    from dashboard.charts import overview as overview_charts
    from dashboard.charts import research as research_charts
    from dashboard.config import boundaries_file
    from dashboard.geography import load_boundaries

    geo = load_boundaries(boundaries_file())
    maps = [overview_charts.overview_map(catalogue, geo), research_charts.research_map(catalogue, geo, "all"),
            nhs_charts.nhs_map(catalogue, geo, "all"),
            inequalities_charts.inequalities_map(catalogue, geo, "life_expectancy_birth", "Male", "2022-24")]
    for chart in maps:
        assert chart.source.endswith(
            "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
            "Contains OS data © Crown copyright and database right 2016."
        ), chart.key
        assert BOUNDARIES_SOURCE_ID in chart.source_ids
    coloured = maps[3].figure.data[-1]
    values = dict(zip(coloured.locations, coloured.z))
    assert values["E06000061"] == 78.8 and values["E06000062"] != values["E06000061"]
    assert len(values) == 24 and not any(t.name == "not mapped / no data" for t in maps[3].figure.data)


def test_known_gaps_name_who_publishes_each_and_are_not_in_the_catalogue(catalogue):
    gaps = catalogue.known_gaps
    assert {"Diabetes prevalence (QOF)", "GP-registered populations", "NIHR research activity",
            "Life-sciences employment"} <= set(gaps["topic"])
    assert (gaps["published_by"] != "").all()
    titles = " ".join(catalogue.indicators["title"]).lower()
    assert "diabetes" not in titles and "gp practice" not in titles


def test_the_cluster_shares_title_counts_the_shares_above_the_midlands_share_of_people(catalogue):
    from dashboard.charts import clusters as cluster_charts

    chart = cluster_charts.cluster_uk_shares(catalogue)
    # The partner figures (data/values/partner_headlines.csv) above ONS's 16.2% (mid-2024): the super
    # cluster's 17% of UK cluster businesses and 23% of £100m+ companies; its Innovate UK share is
    # stated only as 'more than 10%'.
    assert chart.figure.layout.title.text.replace("<br>", " ") == (
        "2 of the 14 cluster shares are above the Midlands' 16.2% share of the UK's people; "
        "1 is given only as 'more than 10%'")
    assert "£100m+ companies 23%" in chart.summary and "Innovate UK funding more than 10%" in chart.summary


def test_both_research_infrastructure_charts_state_the_partners_counts_in_their_titles(catalogue):
    from dashboard.charts import overview, research

    expected = "The partners state 7 Partner universities, 3 NIHR BRCs, 4 NIHR CRFs and 7 Clinical Trials Units"
    for chart in (overview.overview_research(catalogue), research.research_infrastructure(catalogue)):
        assert chart.figure.layout.title.text.replace("<br>", " ") == expected

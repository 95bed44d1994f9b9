"""Static guards: no raw HTML from anywhere, no map trace that phones a CDN, no telemetry."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "streamlit_app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "dashboard").rglob("*.py"))]


def test_nothing_is_rendered_as_raw_html():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in SOURCES
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.v1\.html", line)
    ]
    assert offenders == []


def test_no_plotly_trace_that_downloads_a_world_map():
    pattern = re.compile(r"px\.choropleth\(|scatter_geo|choropleth_mapbox|scatter_mapbox|go\.Choropleth\(|go\.Scattergeo")
    offenders = [str(path.relative_to(ROOT)) for path in SOURCES if pattern.search(path.read_text())]
    assert offenders == []


def test_usage_statistics_are_off_and_tracebacks_hidden():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"


def test_compose_nginx_config_matches_the_template():
    import sys

    sys.path.insert(0, str(ROOT))
    from scripts.scale_out import render_config

    expected = render_config(Path("/tmp"), "0.0.0.0:8080", ["app1:8501", "app2:8501"])
    shipped = (ROOT / "deploy" / "nginx.compose.conf").read_text().split("\n", 1)[1]
    assert shipped == expected

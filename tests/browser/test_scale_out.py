"""Two replicas behind nginx: sessions stick to one replica, spread across both, and every page works."""

from __future__ import annotations

import os
import re
import shutil
import urllib.request

import pytest

from scripts.scale_out import running_cluster
from tests.browser.support import PAGES, chromium_path, require, wait_for_app

pytestmark = pytest.mark.browser

require(chromium=chromium_path(), nginx=shutil.which("nginx") or (os.path.exists("/usr/sbin/nginx") and "/usr/sbin/nginx") or None)



@pytest.fixture(scope="module")
def cluster():
    with running_cluster(replicas=2) as started:
        yield started


def upstreams_by_route(cluster) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for line in (cluster.run_dir / "access.log").read_text().splitlines():
        match = re.search(r"route=(\S+) upstream=(\S+)", line)
        if match and match.group(2) != "-":
            seen.setdefault(match.group(1), set()).add(match.group(2))
    return seen


def test_route_cookie_pins_a_browser_to_one_replica_and_routes_spread(cluster):
    routes = [f"browser-{i}" for i in range(16)]
    for route in routes:
        for _ in range(3):
            request = urllib.request.Request(f"{cluster.url}/_stcore/health", headers={"Cookie": f"mhd_route={route}"})
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
                assert any(f"mhd_route={route}" in cookie for cookie in response.headers.get_all("Set-Cookie"))
    seen = upstreams_by_route(cluster)
    assert all(len(seen[route]) == 1 for route in routes), "each browser stays on one replica"
    assert len(set().union(*(seen[route] for route in routes))) == 2, "browsers spread over both replicas"


def test_every_page_works_through_nginx(cluster, browser):
    for _ in range(2):
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        for path in PAGES.values():
            page.goto(f"{cluster.url}/{path}")
            wait_for_app(page)
            assert page.get_by_test_id("stException").count() == 0, path
            assert page.get_by_text("Connection error").count() == 0, path
        page.context.close()
    for route, upstreams in upstreams_by_route(cluster).items():
        if route.startswith("browser-"):
            continue
        assert len(upstreams) == 1, f"one browser's page, websocket and files came from {upstreams}"

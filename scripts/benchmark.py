"""Page speed, measured as a person meets it: run by hand, not in CI.

Starts the app and a minimal one-chart Streamlit page, opens each page in headless Chromium
(Debian's) several times, and prints per page: median time until rendered and idle, the same
for the minimal page measured in the same run, their ratio, and bytes received over the
websocket. Then times a filter change on the Health inequalities page, and the same change on the
minimal page (a selector redrawing its one chart) as this machine's floor.

    python scripts/benchmark.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.support import (  # noqa: E402
    CHROMIUM_ARGS,
    MUTATION_CLOCK,
    PAGES,
    chromium_path,
    rendered_at_ms,
    running_app,
    wait_for_app,
)

MINIMAL_APP = '''
import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=["a", "b", "c"], orientation="h")))
'''

# The floor for a filter change: one selector redrawing one chart.
MINIMAL_FILTER_APP = '''
import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
sex = st.selectbox("Sex", ["Female", "Male"])
values = [1, 2, 3] if sex == "Female" else [3, 2, 1]
st.plotly_chart(go.Figure(go.Bar(x=values, y=["a", "b", "c"], orientation="h")))
'''

TARGET_RATIO, TARGET_BYTES, TARGET_FILTER_S = 1.5, 1_000_000, 0.5


def measure(browser, url: str) -> tuple[float, int]:
    """Seconds from navigation to a rendered, idle page, and websocket bytes received."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(MUTATION_CLOCK)
    page = context.new_page()
    received = [0]

    def on_socket(socket):
        socket.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_socket)
    page.goto(url)
    wait_for_app(page, timeout_ms=60_000)
    elapsed = rendered_at_ms(page) / 1000
    context.close()
    return elapsed, received[0]


def filter_change(browser, url: str) -> float:
    """Seconds from choosing 'Male' in the Sex selector to the redrawn, idle page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(MUTATION_CLOCK)
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    page.get_by_label("Sex").click()
    page.wait_for_timeout(300)
    start = page.evaluate("() => performance.now()")
    page.get_by_role("option", name="Male", exact=True).click()
    page.wait_for_timeout(150)  # the rerun starts: wait_for_app must not see the page before it
    wait_for_app(page)
    elapsed = (rendered_at_ms(page) - start) / 1000
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        minimal, minimal_filter = Path(scratch) / "minimal_app.py", Path(scratch) / "minimal_filter_app.py"
        minimal.write_text(MINIMAL_APP)
        minimal_filter.write_text(MINIMAL_FILTER_APP)
        with running_app() as base, running_app(str(minimal)) as minimal_base, \
                running_app(str(minimal_filter)) as minimal_filter_base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for path in ["", *PAGES.values()]:  # warm caches, as a server that has been up a while
                measure(browser, f"{base}/{path}")
            measure(browser, minimal_base)

            rows = []
            for name, path in PAGES.items():
                times, sizes, baseline = [], [], []
                for _ in range(args.runs):
                    seconds, size = measure(browser, f"{base}/{path}")
                    times.append(seconds)
                    sizes.append(size)
                    baseline.append(measure(browser, minimal_base)[0])
                rows.append((name, statistics.median(times), statistics.median(baseline), max(sizes)))
            changes, minimal_changes = [], []
            for _ in range(args.runs):
                changes.append(filter_change(browser, f"{base}/inequalities"))
                minimal_changes.append(filter_change(browser, minimal_filter_base))
            browser.close()

    print(f"{'page':<14} {'rendered (s)':>12} {'minimal (s)':>12} {'ratio':>6} {'ws bytes':>10}  targets")
    for name, seconds, minimal_seconds, size in rows:
        ratio = seconds / minimal_seconds
        ok = "ok" if ratio <= TARGET_RATIO and size <= TARGET_BYTES else "MISSED"
        print(f"{name:<14} {seconds:>12.2f} {minimal_seconds:>12.2f} {ratio:>6.2f} {size:>10,}  {ok}")
    # The first change asks for a view no session has seen (built now); later ones find it shared.
    first, median_change = changes[0], statistics.median(changes[1:] or changes)
    minimal_change = statistics.median(minimal_changes)
    verdict = "ok" if median_change <= TARGET_FILTER_S else "MISSED"
    print(f"filter change (inequalities, sex): {first:.2f} s the first time, then median {median_change:.2f} s "
          f"over {len(changes) - 1} runs; the minimal page's selector: {minimal_change:.2f} s  {verdict}")
    print(f"runs per page: {args.runs}; targets: ratio <= {TARGET_RATIO}, bytes <= {TARGET_BYTES:,}, "
          f"filter change <= {TARGET_FILTER_S} s")


if __name__ == "__main__":
    main()

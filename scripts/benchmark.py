"""Page speed, measured as a person meets it: run by hand, not in CI.

Starts the app and a minimal one-chart Streamlit page, opens each page in headless Chromium
(Debian's) several times, and prints per page: median time until rendered and idle, the same
for the minimal page measured in the same run, their ratio, and bytes received over the
websocket. Then times a filter change on the Health inequalities page, and the same change on the
minimal page (a selector redrawing its one chart) as this machine's floor. Then the app server's
resident memory once every page has been visited. Last, the time a blank page takes to load and
compile plotly's full plotly.js against the app's partial bundle.

First of all, cold starts: a fresh server for the app and one for the minimal page, each page
opened as soon as the server answers, timed from starting the process to the first page drawn
(Python's start, imports and, for the app, loading and checking the data are all inside).

    python scripts/benchmark.py [--runs 5] [--data-dir path/to/data]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

import plotly  # noqa: E402

from dashboard import figure_element  # noqa: E402
from scripts.load_test import resident_mb  # noqa: E402
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
TARGET_COLD_RATIO, TARGET_MEMORY_MB = 2.0, 400


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
    """Seconds from pressing 'Male' in the Sex selector to the redrawn, idle page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(MUTATION_CLOCK)
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    page.get_by_label("Sex").click()
    page.wait_for_timeout(300)
    # From the moment the pointer goes down on the option, not from when Playwright was asked to
    # click: it first waits for the option to be still for two frames, which a person does not.
    page.evaluate("() => document.addEventListener('pointerdown', "
                  "() => { window.__pressedAt = performance.now(); }, {capture: true, once: true})")
    page.get_by_role("option", name="Male", exact=True).click()
    page.wait_for_timeout(150)  # the rerun starts: wait_for_app must not see the page before it
    wait_for_app(page)
    elapsed = (rendered_at_ms(page) - page.evaluate("() => window.__pressedAt")) / 1000
    context.close()
    return elapsed


# Loads one script into a blank page and records when it has run: download, parse and compile.
LIBRARY_PAGE = """<!doctype html><html><body><script>
const started = performance.now();
const script = document.createElement("script");
script.src = location.hash.slice(1);
script.onload = () => { window.libraryReadyMs = performance.now() - started; };
document.head.appendChild(script);
</script></body></html>"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def library_ready_ms(browser, base: str, script: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/library.html#{script}")
    page.wait_for_function("() => window.libraryReadyMs !== undefined", timeout=60_000)
    elapsed = page.evaluate("() => window.libraryReadyMs")
    context.close()
    return elapsed


def compare_libraries(browser, runs: int) -> dict[str, float]:
    """Median ms to load and compile each plotly.js in a fresh blank page."""
    bundles = {
        f"full plotly.min.js (plotly {plotly.__version__})": Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
        f"partial {figure_element.LIBRARY_NAME}": figure_element.STATIC_DIR / figure_element.LIBRARY_NAME,
    }
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "library.html").write_text(LIBRARY_PAGE)
        for index, path in enumerate(bundles.values()):
            shutil.copyfile(path, Path(folder) / f"bundle{index}.js")
        with serving(Path(folder)) as base:
            return {
                f"{name} ({path.stat().st_size / 1e6:.1f} MB)": statistics.median(
                    library_ready_ms(browser, base, f"bundle{index}.js") for _ in range(runs))
                for index, (name, path) in enumerate(bundles.items())
            }


def drawn_at_unix_seconds(page) -> float:
    """Wall-clock time of the page's last change, comparable with ``time.time()`` here."""
    return page.evaluate("() => (performance.timeOrigin + window.__lastMutation) / 1000")


def cold_start(browser, entry: str) -> float:
    """Seconds from starting a fresh server for ``entry`` to its first page drawn and idle.

    The health check is asked every 50 ms, so the page is opened as soon as the server answers.
    """
    started = time.time()
    with running_app(entry, timeout=120, poll_seconds=0.05) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(MUTATION_CLOCK)
        page = context.new_page()
        page.goto(base)
        wait_for_app(page, timeout_ms=120_000)
        drawn = drawn_at_unix_seconds(page)
        context.close()
    return drawn - started


def cold_starts(browser, minimal_entry: str, runs: int) -> tuple[list[float], list[float]]:
    """Cold starts of the app (its overview) and of the minimal page, alternating."""
    app, minimal = [], []
    for _ in range(runs):
        app.append(cold_start(browser, "streamlit_app.py"))
        minimal.append(cold_start(browser, minimal_entry))
    return app, minimal


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (the app starts none itself; kaleido's Chromium would be one)."""
    pids, index = [pid], 0
    while index < len(pids):
        for children in Path(f"/proc/{pids[index]}/task").glob("*/children"):
            with contextlib.suppress(FileNotFoundError):
                pids += [int(child) for child in children.read_text().split()]
        index += 1
    return pids


def server_memory_mb(pid: int) -> float:
    """Resident memory of a server process and its children (MB as load_test reports it)."""
    return resident_mb(process_tree(pid))


def warm_up(browser, base: str, minimal_base: str) -> None:
    """Visit every page once, as a server that has been up a while has seen them."""
    for path in ["", *PAGES.values()]:
        measure(browser, f"{base}/{path}")
    measure(browser, minimal_base)


def page_speeds(browser, base: str, minimal_base: str, runs: int) -> list[tuple[str, float, float, int]]:
    """Per page: median seconds, the minimal page's median in between, and most bytes received."""
    rows = []
    for name, path in PAGES.items():
        times, sizes, baseline = [], [], []
        for _ in range(runs):
            seconds, size = measure(browser, f"{base}/{path}")
            times.append(seconds)
            sizes.append(size)
            baseline.append(measure(browser, minimal_base)[0])
        rows.append((name, statistics.median(times), statistics.median(baseline), max(sizes)))
    return rows


def filter_changes(browser, base: str, minimal_filter_base: str, runs: int) -> tuple[list[float], list[float]]:
    changes, minimal_changes = [], []
    for _ in range(runs):
        changes.append(filter_change(browser, f"{base}/inequalities"))
        minimal_changes.append(filter_change(browser, minimal_filter_base))
    return changes, minimal_changes


def verdict(met: bool) -> str:
    return "ok" if met else "MISSED"


def print_page_speeds(rows) -> None:
    print(f"{'page':<14} {'rendered (s)':>12} {'minimal (s)':>12} {'ratio':>6} {'ws bytes':>10}  targets")
    for name, seconds, minimal_seconds, size in rows:
        ratio = seconds / minimal_seconds
        print(f"{name:<14} {seconds:>12.2f} {minimal_seconds:>12.2f} {ratio:>6.2f} {size:>10,}  "
              f"{verdict(ratio <= TARGET_RATIO and size <= TARGET_BYTES)}")


def print_cold_start(app: list[float], minimal: list[float]) -> None:
    app_median, minimal_median = statistics.median(app), statistics.median(minimal)
    ratio = app_median / minimal_median
    print(f"cold start, server start to first page drawn: overview {app_median:.2f} s, minimal page "
          f"{minimal_median:.2f} s, ratio {ratio:.2f} (medians of {len(app)})  {verdict(ratio <= TARGET_COLD_RATIO)}")


def print_filter_change(changes: list[float], minimal_changes: list[float]) -> None:
    # The first change asks for a view no session has seen (built now); later ones find it shared.
    first, median_change = changes[0], statistics.median(changes[1:] or changes)
    minimal_change = statistics.median(minimal_changes)
    print(f"filter change (inequalities, sex): {first:.2f} s the first time, then median {median_change:.2f} s "
          f"over {len(changes) - 1} runs; the minimal page's selector: {minimal_change:.2f} s  "
          f"{verdict(median_change <= TARGET_FILTER_S)}")


def print_memory(app_mb: float, minimal_mb: float) -> None:
    print(f"server memory after every page: {app_mb:.0f} MB resident (the minimal page's server: "
          f"{minimal_mb:.0f} MB)  {verdict(app_mb < TARGET_MEMORY_MB)}")


def postcode_lookup_times(later_runs: int = 200) -> str:
    """In-process: loading the postcode table (first lookup) and a later lookup, as the app does them."""
    from dashboard import config, postcodes, state
    from dashboard.catalogue import load_catalogue

    catalogue = load_catalogue(config.DATA_DIR)
    profile_codes = frozenset(state.page_params("area_profile", catalogue)[0].options_given({}))
    folder = config.DATA_DIR / "postcodes"
    start = time.perf_counter()
    table = postcodes.load_table(folder / "postcode_district.npy.xz")
    districts = postcodes.load_districts(folder / "districts.csv")
    first = postcodes.lookup("B15 2TT", table, catalogue.areas, districts, profile_codes)
    first_s = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(later_runs):
        postcodes.lookup("LE15 6RB", table, catalogue.areas, districts, profile_codes)
    later_ms = (time.perf_counter() - start) / later_runs * 1000
    held_mb = (table.postcodes.nbytes + table.district_index.nbytes) / 1e6
    return (f"postcode lookup: first {first_s:.2f} s (loads {len(table.postcodes):,} postcodes, {held_mb:.0f} MB held; "
            f"{first.status}), then {later_ms:.2f} ms each (mean of {later_runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path,
                        help="a data folder to serve instead of data/ (sets MIDLANDS_DATA_DIR for the app)")
    args = parser.parse_args()
    if args.data_dir:
        if not args.data_dir.is_dir():
            parser.error(f"--data-dir {args.data_dir} is not a folder")
        os.environ["MIDLANDS_DATA_DIR"] = str(args.data_dir.resolve())  # the servers inherit it

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        minimal, minimal_filter = Path(scratch) / "minimal_app.py", Path(scratch) / "minimal_filter_app.py"
        minimal.write_text(MINIMAL_APP)
        minimal_filter.write_text(MINIMAL_FILTER_APP)
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        # Before the long-running servers start, so each cold start has the machine to itself.
        cold_app, cold_minimal = cold_starts(browser, str(minimal), args.runs)
        with running_app(with_pid=True) as (base, pid), \
                running_app(str(minimal), with_pid=True) as (minimal_base, minimal_pid), \
                running_app(str(minimal_filter)) as minimal_filter_base:
            warm_up(browser, base, minimal_base)
            rows = page_speeds(browser, base, minimal_base, args.runs)
            changes, minimal_changes = filter_changes(browser, base, minimal_filter_base, args.runs)
            app_mb, minimal_mb = server_memory_mb(pid), server_memory_mb(minimal_pid)
        libraries = compare_libraries(browser, args.runs)
        browser.close()

    print_page_speeds(rows)
    print_cold_start(cold_app, cold_minimal)
    print_filter_change(changes, minimal_changes)
    print_memory(app_mb, minimal_mb)
    for name, milliseconds in libraries.items():
        print(f"load and compile {name}: {milliseconds / 1000:.2f} s")
    print(f"runs per page: {args.runs}; data: {os.environ.get('MIDLANDS_DATA_DIR', 'data/')}; targets: "
          f"ratio <= {TARGET_RATIO}, bytes <= {TARGET_BYTES:,}, filter change <= {TARGET_FILTER_S} s, "
          f"cold start ratio <= {TARGET_COLD_RATIO}, memory < {TARGET_MEMORY_MB} MB")
    print(postcode_lookup_times())


if __name__ == "__main__":
    main()

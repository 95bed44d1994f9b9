"""Start the real app on a free local port and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "screenshots"

PAGES = {
    "overview": "",
    "clusters": "clusters",
    "research": "research",
    "nhs": "nhs",
    "inequalities": "inequalities",
    "area_profile": "area-profile",
    "at_a_glance": "at-a-glance",
    "data_sources": "data-sources",
    "accessibility": "accessibility",
}
# Pages of text only, with no chart or table.
TEXT_PAGES = {"accessibility"}

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--enable-unsafe-swiftshader",  # software WebGL, for the MapLibre maps
    "--use-angle=swiftshader",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require(**tools: str | None) -> None:
    """Skip a browser test module on a developer machine that lacks a tool; fail on CI."""
    import pytest

    missing = [name for name, path in tools.items() if not path]
    if not missing:
        return
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must run the browser tests: install {', '.join(missing)} (see .ci/run)")
    pytest.skip(f"not installed: {', '.join(missing)}", allow_module_level=True)


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(entry: str = "streamlit_app.py", timeout: float = 60, with_pid: bool = False,
                poll_seconds: float = 0.3):
    """Yield the base URL of a headless Streamlit server bound to loopback (and its PID if asked).

    The server counts as up when its health check answers, asked every ``poll_seconds``.
    """
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = tempfile.TemporaryFile()  # a file, not a pipe: a chatty server never blocks on a full pipe
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", entry, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                output = log.read().decode(errors="replace")
                raise RuntimeError(f"streamlit did not start:\n{output}")
            time.sleep(poll_seconds)
        yield (base, process.pid) if with_pid else base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return parsed.hostname in LOCAL_HOSTS


# Installed before any page script: remembers when the page last changed, so "rendered" can be
# read as the moment of the last change rather than the moment a poll noticed it.
MUTATION_CLOCK = """
window.__lastMutation = performance.now();
new MutationObserver(() => { window.__lastMutation = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true});
"""

_SETTLED = """(quietMs) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    // A skeleton stands in for an element whose code is still loading (Plotly's is large): while
    // it downloads the page is quiet but not yet drawn.
    if (document.querySelector('[data-stale="true"], [data-testid="stSpinner"], [data-testid="stSkeleton"]')) return false;
    // Counted by Streamlit's container, which exists before the chart's own code has run.
    const charts = document.querySelectorAll('.stBidiComponent').length;
    const drawn = document.querySelectorAll('.stBidiComponent [data-testid="dashboardFigure"] .main-svg').length;
    if (drawn < charts) return false;
    return performance.now() - (window.__lastMutation || 0) > quietMs;
}"""


def wait_for_app(page, timeout_ms: int = 30_000, quiet_ms: int = 700) -> None:
    """Until the script has finished, every chart has drawn and the page has been still a while.

    Charts mount a moment after the script ends (Plotly loads lazily), so "no chart yet" is not
    "done": the page must also have stopped changing for ``quiet_ms``.
    """
    if not page.evaluate("() => '__lastMutation' in window"):
        page.evaluate(MUTATION_CLOCK)
    page.wait_for_function(_SETTLED, arg=quiet_ms, timeout=timeout_ms, polling=100)


def rendered_at_ms(page) -> float:
    """Milliseconds from navigation start to the page's last change."""
    return page.evaluate("() => window.__lastMutation")


CHART = '[data-testid="dashboardFigure"]'


def open_map(page, url: str, settle_ms: int = 1000):
    """Open a page and return its first chart once its MapLibre map has painted."""
    page.goto(url)
    wait_for_app(page)
    chart = page.locator(CHART).first
    chart.locator("canvas.maplibregl-canvas").wait_for(timeout=20_000)
    page.wait_for_timeout(settle_ms)  # MapLibre paints a moment after its canvas appears
    return chart

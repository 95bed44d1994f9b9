"""Many users at once: N browser sessions walk through every page for a fixed time.

    python scripts/load_test.py                       # one server it starts itself
    python scripts/load_test.py --through-nginx 2     # two replicas behind nginx (sticky sessions)
    python scripts/load_test.py --sessions 20 --seconds 120

Run by hand, not in CI. Prints page loads completed, errors, p50/p95 load time (from
navigation to a settled page), the single-user time measured first in the same run, and the
servers' resident memory (summed over replicas) at start and end. Traffic goes to loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.async_api import async_playwright  # noqa: E402

from scripts.scale_out import running_cluster  # noqa: E402
from tests.browser.support import (  # noqa: E402
    _SETTLED,
    CHROMIUM_ARGS,
    MUTATION_CLOCK,
    PAGES,
    chromium_path,
    running_app,
)

PAGE_TIMEOUT_MS = 60_000


def resident_mb(pids: list[int]) -> float:
    total_kb = 0
    for pid in pids:
        with contextlib.suppress(FileNotFoundError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


async def visit(page, url: str) -> tuple[float, str | None]:
    """Seconds to a settled page, and an error description (None when all is well)."""
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=PAGE_TIMEOUT_MS)
        await page.wait_for_function(_SETTLED, arg=500, timeout=PAGE_TIMEOUT_MS, polling=100)
    except Exception as exc:  # a timeout or a dropped connection is an error of the run, not a crash
        return time.perf_counter() - start, f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    elapsed = time.perf_counter() - start
    if await page.locator('[data-testid="stException"]').count():
        return elapsed, "exception shown on page"
    if await page.get_by_text("Connection error").count():
        return elapsed, "connection error banner"
    return elapsed, None


async def session(browser, base: str, deadline: float, results: list, errors: list, offset: int) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.add_init_script(MUTATION_CLOCK)
    page = await context.new_page()
    paths = list(PAGES.values())
    step = offset
    while time.monotonic() < deadline:
        path = paths[step % len(paths)]
        step += 1
        seconds, error = await visit(page, f"{base}/{path}")
        (errors if error else results).append((path, seconds, error))
    await context.close()


async def run(base: str, sessions: int, seconds: float, pids: list[int]) -> tuple[list, list, float, float]:
    """The single-user pass first (it also warms the caches), then the load; memory after each."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        single: list = []
        await session(browser, base, time.monotonic() + max(20.0, len(PAGES) * 4), single, [], 0)
        baseline = statistics.median(s for _, s, _ in single) if single else float("nan")
        warm = resident_mb(pids)
        results: list = []
        errors: list = []
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(session(browser, base, deadline, results, errors, i) for i in range(sessions)))
        await browser.close()
    return results, errors, baseline, warm


def report(label: str, results: list, errors: list, baseline: float, memory: tuple[float, float, float]) -> None:
    times = sorted(s for _, s, _ in results)
    p50 = statistics.median(times) if times else float("nan")
    p95 = times[int(0.95 * (len(times) - 1))] if times else float("nan")
    print(f"== {label}")
    print(f"page loads completed: {len(results)}   errors: {len(errors)}")
    print(f"load time p50 {p50:.2f} s   p95 {p95:.2f} s   single-user median {baseline:.2f} s   "
          f"p95/single {p95 / baseline:.2f}")
    print(f"server resident memory: at start {memory[0]:.0f} MB, warm (after the single-user pass) "
          f"{memory[1]:.0f} MB, after the load {memory[2]:.0f} MB")
    for path, _, error in errors[:10]:
        print(f"  error on /{path}: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--through-nginx", type=int, metavar="REPLICAS", default=0,
                        help="run REPLICAS Streamlit processes behind nginx instead of one server")
    args = parser.parse_args()

    if args.through_nginx:
        server = running_cluster(args.through_nginx)
        label = f"{args.sessions} sessions through nginx, {args.through_nginx} replicas, {args.seconds:.0f} s"
    else:
        server = running_app(with_pid=True)
        label = f"{args.sessions} sessions against one server, {args.seconds:.0f} s"
    with server as started:
        base, pids = (started.url, started.pids) if args.through_nginx else (started[0], [started[1]])
        before = resident_mb(pids)
        results, errors, baseline, warm = asyncio.run(run(base, args.sessions, args.seconds, pids))
        after = resident_mb(pids)
    report(label, results, errors, baseline, (before, warm, after))


if __name__ == "__main__":
    main()

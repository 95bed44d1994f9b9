"""Many users at once: N sessions walk through every page for a fixed time, while a real
browser measures what a person sees.

    python scripts/load_test.py                       # one server it starts itself
    python scripts/load_test.py --through-nginx 2     # two replicas behind nginx (sticky sessions)
    python scripts/load_test.py --sessions 20 --seconds 120 --think 2

Run by hand, not in CI. Each of the N sessions is what a browser tab is to the server: it
opens the page (GET /), connects Streamlit's websocket, and asks for each page in turn as the
navigation does, waiting for the page's script to finish and reading every element it sends
(``--think`` seconds between pages, as a reader pauses). They speak Streamlit's own protocol
rather than drive N Chromiums because N browsers drawing WebGL maps in software on the same
two cores measure the browsers, not the server. One real headless Chromium runs beside them
throughout, so the figure a person would feel is measured too.

Prints, for the sessions and for the browser: page loads completed, errors, p50/p95 load time
and p95 over the single-user time (measured first, in the same run); then the servers'
resident memory (summed over replicas) at start, when warm and after the load, with how many
sessions were opened in all. Traffic goes to loopback only and every loop stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import websockets  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from scripts.scale_out import running_cluster  # noqa: E402
from tests.browser.support import (  # noqa: E402
    _SETTLED,
    CHROMIUM_ARGS,
    MUTATION_CLOCK,
    PAGES,
    chromium_path,
    running_app,
)

PAGE_TIMEOUT_S = 60
TARGET_P95_OVER_SINGLE = 3.0


@dataclass
class Tally:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sessions: int = 0

    def p(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[int(q * (len(ordered) - 1))] if ordered else float("nan")


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the servers have used so far."""
    total = 0
    for pid in pids:
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def resident_mb(pids: list[int]) -> float:
    total_kb = 0
    for pid in pids:
        with contextlib.suppress(FileNotFoundError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


class StreamlitSession:
    """One session as the server sees a browser tab: the page's HTML, then the websocket."""

    def __init__(self, base: str):
        self.base = base
        self.cookie = ""
        self.socket = None

    async def open(self) -> None:
        def first_request() -> str:  # nginx sets its sticky-route cookie here, as for a browser
            with urllib.request.urlopen(f"{self.base}/", timeout=PAGE_TIMEOUT_S) as response:
                response.read()
                return "; ".join(c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or [])

        self.cookie = await asyncio.to_thread(first_request)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.socket = await websockets.connect(
            self.base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
            origin=self.base, additional_headers=headers, max_size=None, open_timeout=PAGE_TIMEOUT_S,
        )

    async def load(self, path: str) -> str | None:
        """Ask for a page as the navigation does; None when it finished with no exception shown."""
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_name = path
        message.rerun_script.context_info.url = f"{self.base}/{path}"
        await self.socket.send(message.SerializeToString())
        problem = None
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(self.socket.recv(), PAGE_TIMEOUT_S))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                if forward.delta.new_element.WhichOneof("type") == "exception":
                    problem = "exception shown on page"
            elif kind == "page_not_found":
                problem = "page not found"
            elif kind == "script_finished":
                if forward.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    problem = problem or f"script finished with status {forward.script_finished}"
                return problem

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


async def walk(base: str, deadline: float, tally: Tally, offset: int, think: float, pages_per_visit: int) -> None:
    """Visit after visit until the deadline: open, walk pages_per_visit pages, leave.

    Readers do not move in step: each session starts at a random moment within one think time
    and pauses a random 0.5-1.5 times the think time on each page (seeded, so runs repeat).
    Identical pauses would make all N sessions ask at the same instant, every time.
    """
    paths = list(PAGES.values())
    step = offset
    pause = random.Random(offset)
    if think:
        await asyncio.sleep(pause.uniform(0, think))
    while time.monotonic() < deadline:
        session = StreamlitSession(base)
        tally.sessions += 1
        try:
            start = time.perf_counter()
            await session.open()
            for _ in range(pages_per_visit):
                if time.monotonic() >= deadline:
                    break
                path = paths[step % len(paths)]
                step += 1
                problem = await session.load(path)
                elapsed = time.perf_counter() - start
                if problem:
                    tally.errors.append(f"/{path}: {problem}")
                else:
                    tally.seconds.append(elapsed)
                if think:
                    await asyncio.sleep(think * pause.uniform(0.5, 1.5))
                start = time.perf_counter()
        except Exception as exc:  # a dropped connection or a timeout is an error of the run, not a crash
            tally.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}")
        finally:
            with contextlib.suppress(Exception):
                await session.close()


async def browse(browser, base: str, deadline: float, tally: Tally, think: float = 0.0) -> None:
    """A person in Chromium, page after page: navigation to a drawn, settled page, then a pause
    as the sessions pause (so the browser, on the server's own two cores, is one reader too)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.add_init_script(MUTATION_CLOCK)
    page = await context.new_page()
    tally.sessions += 1
    paths = list(PAGES.values())
    step = 0
    pause = random.Random(-1)
    while time.monotonic() < deadline:
        path = paths[step % len(paths)]
        step += 1
        if step > 1 and think:
            await asyncio.sleep(think * pause.uniform(0.5, 1.5))
        start = time.perf_counter()
        try:
            await page.goto(f"{base}/{path}", timeout=PAGE_TIMEOUT_S * 1000)
            await page.wait_for_function(_SETTLED, arg=500, timeout=PAGE_TIMEOUT_S * 1000, polling=100)
        except Exception as exc:
            tally.errors.append(f"/{path}: {type(exc).__name__}")
            continue
        # The settled check waits 500 ms of stillness: count to the last change, not to the check.
        elapsed = min(time.perf_counter() - start, await page.evaluate("() => window.__lastMutation") / 1000)
        if await page.locator('[data-testid="stException"]').count():
            tally.errors.append(f"/{path}: exception shown on page")
        else:
            tally.seconds.append(elapsed)
    await context.close()


async def run(base: str, sessions: int, seconds: float, think: float, pages_per_visit: int, pids: list[int]):
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        single_browser, single_session = Tally(), Tally()
        # One user alone first (this also warms every page's shared results).
        await browse(browser, base, time.monotonic() + max(20.0, len(PAGES) * 4), single_browser)
        await walk(base, time.monotonic() + 10, single_session, 0, 0, len(PAGES))
        warm = resident_mb(pids)
        loaded_sessions, loaded_browser = Tally(), Tally()
        cpu_before, load_start = cpu_seconds(pids), time.monotonic()
        deadline = load_start + seconds
        memory: list[tuple[float, float, int]] = []  # (seconds into the load, MB, sessions opened so far)

        async def sample_memory() -> None:
            start = time.monotonic()
            while time.monotonic() < deadline:
                memory.append((time.monotonic() - start, resident_mb(pids), loaded_sessions.sessions))
                await asyncio.sleep(min(10.0, max(0.1, deadline - time.monotonic())))

        await asyncio.gather(
            sample_memory(),
            browse(browser, base, deadline, loaded_browser, think),
            *(walk(base, deadline, loaded_sessions, i, think, pages_per_visit) for i in range(sessions)),
        )
        busy = (cpu_seconds(pids) - cpu_before) / (time.monotonic() - load_start)
        await browser.close()
    return single_session, single_browser, loaded_sessions, loaded_browser, warm, memory, busy


def report_line(label: str, loaded: Tally, single: Tally) -> None:
    alone = statistics.median(single.seconds) if single.seconds else float("nan")
    p95 = loaded.p(0.95)
    verdict = "ok" if not loaded.errors and p95 <= TARGET_P95_OVER_SINGLE * alone else "MISSED"
    print(f"{label:<24} {len(loaded.seconds):>6} {len(loaded.errors):>6} {loaded.p(0.5):>8.2f} {p95:>8.2f} "
          f"{alone:>8.2f} {p95 / alone:>7.2f}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--seconds", type=float, default=90, help="how long the load lasts (default 90)")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds a session pauses on each page before the next (default 1)")
    parser.add_argument("--pages-per-visit", type=int, default=len(PAGES),
                        help="pages a session walks before leaving and a new one arriving (default: all)")
    parser.add_argument("--through-nginx", type=int, metavar="REPLICAS", default=0,
                        help="run REPLICAS Streamlit processes behind nginx instead of one server")
    args = parser.parse_args()

    if args.through_nginx:
        server = running_cluster(args.through_nginx)
        label = f"{args.sessions} sessions through nginx, {args.through_nginx} replicas"
    else:
        server = running_app(with_pid=True)
        label = f"{args.sessions} sessions against one server"
    with server as started:
        base, pids = (started.url, started.pids) if args.through_nginx else (started[0], [started[1]])
        before = resident_mb(pids)
        single_session, single_browser, sessions, browser, warm, memory, busy = asyncio.run(
            run(base, args.sessions, args.seconds, args.think, args.pages_per_visit, pids)
        )
        after = resident_mb(pids)

    print(f"== {label}, {args.seconds:.0f} s, {args.think:g} s on each page on average, "
          f"{args.pages_per_visit} pages a visit, plus one Chromium")
    print(f"{'':<24} {'loads':>6} {'errors':>6} {'p50 (s)':>8} {'p95 (s)':>8} {'alone':>8} {'p95/alone':>7}  "
          f"target p95 <= {TARGET_P95_OVER_SINGLE:g} x alone, no errors")
    report_line("sessions (server time)", sessions, single_session)
    report_line("Chromium (drawn page)", browser, single_browser)
    print(f"server resident memory: at start {before:.0f} MB, warm {warm:.0f} MB, after the load {after:.0f} MB "
          f"({sessions.sessions + browser.sessions} sessions opened during the load)")
    print(f"server CPU during the load: {busy:.2f} cores busy on average (of {os.cpu_count()}), "
          f"{len(sessions.seconds) / args.seconds:.1f} pages/s served to the sessions")
    print("memory during the load (s: MB, sessions opened): "
          + ", ".join(f"{at:.0f}: {mb:.0f}, {opened}" for at, mb, opened in memory))
    for error in (sessions.errors + browser.errors)[:10]:
        print(f"  error: {error}")


if __name__ == "__main__":
    main()

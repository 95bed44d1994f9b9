"""Run several Streamlit replicas behind nginx on loopback, with sticky sessions.

    python scripts/scale_out.py --replicas 2 --port 8080

Starts the replicas on 127.0.0.1:8601…, writes an nginx configuration from
deploy/nginx.conf.template into a scratch folder, starts Debian's nginx in the foreground and
stops everything on Ctrl-C. `running_cluster()` is the same thing as a context manager, for
tests and the load script.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.browser.support import free_port, running_app  # noqa: E402

TEMPLATE = REPO_ROOT / "deploy" / "nginx.conf.template"


def nginx_path() -> str:
    found = shutil.which("nginx") or (Path("/usr/sbin/nginx").exists() and "/usr/sbin/nginx")
    if not found:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    return str(found)


def render_config(run_dir: Path, listen: str, upstreams: list[str]) -> str:
    servers = "\n".join(f"        server {address};" for address in upstreams)
    return string.Template(TEMPLATE.read_text()).safe_substitute(
        RUN_DIR=str(run_dir), LISTEN=listen, UPSTREAM_SERVERS=servers
    )


@dataclass(frozen=True)
class Cluster:
    url: str  # nginx, the address users open
    replicas: list[str]
    pids: list[int]
    run_dir: Path  # nginx.conf and logs; access.log records which replica served each request


@contextlib.contextmanager
def running_cluster(replicas: int = 2, port: int | None = None):
    """Yield a Cluster: nginx on loopback in front of `replicas` Streamlit processes."""
    port = port or free_port()
    with contextlib.ExitStack() as stack:
        bases, pids = [], []
        for _ in range(replicas):
            base, pid = stack.enter_context(running_app(with_pid=True))
            bases.append(base)
            pids.append(pid)
        run_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mhd-nginx-")))
        config = run_dir / "nginx.conf"
        config.write_text(render_config(run_dir, f"127.0.0.1:{port}", [b.removeprefix("http://") for b in bases]))
        subprocess.run([nginx_path(), "-t", "-c", str(config)], check=True, capture_output=True)
        nginx = subprocess.Popen([nginx_path(), "-c", str(config), "-g", "daemon off;"])
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline or nginx.poll() is not None:
                        raise RuntimeError((run_dir / "error.log").read_text() if (run_dir / "error.log").exists() else "nginx did not start")
                    time.sleep(0.2)
            yield Cluster(url=url, replicas=bases, pids=pids, run_dir=run_dir)
        finally:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    with running_cluster(args.replicas, args.port) as cluster:
        print(f"nginx on {cluster.url} -> {', '.join(cluster.replicas)} "
              f"(PIDs {', '.join(map(str, cluster.pids))}); logs in {cluster.run_dir}; Ctrl-C to stop")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()

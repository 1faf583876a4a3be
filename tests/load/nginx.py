"""Run the shipped nginx configuration (streamlit_config/nginx/ortaq.conf) on loopback, unprivileged.

The site file is used as shipped except for its ports: the `listen` port and the upstream's
`server 127.0.0.1:PORT;` lines are replaced by the ports of this run. A minimal main
configuration around it keeps every path (pid, logs, temporary files) inside a work folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SITE = REPO_ROOT / "streamlit_config" / "nginx" / "ortaq.conf"

_LISTEN = re.compile(r"^(\s*listen\s+)127\.0\.0\.1:\d+;", re.MULTILINE)
_UPSTREAM_SERVER = re.compile(r"^(\s*server\s+)127\.0\.0\.1:\d+([^;\n]*);\n", re.MULTILINE)

MAIN = """\
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    # The sticky key and the replica that served each request: the load run checks that one key
    # always reached one replica.
    log_format ortaq '$ortaq_replica|$upstream_addr|$status|$request_uri';
    access_log {work}/access.log ortaq;
    client_body_temp_path {work}/tmp/body;
    proxy_temp_path {work}/tmp/proxy;
    fastcgi_temp_path {work}/tmp/fastcgi;
    uwsgi_temp_path {work}/tmp/uwsgi;
    scgi_temp_path {work}/tmp/scgi;
    include {work}/ortaq.conf;
}}
"""


def binary() -> str | None:
    """The nginx executable, if this machine has one (CI machines may not)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def render_site(listen_port: int, replica_ports: list[int], site: str | None = None) -> str:
    """The shipped site configuration with this run's ports."""
    text = SITE.read_text(encoding="utf-8") if site is None else site
    text, listens = _LISTEN.subn(rf"\g<1>127.0.0.1:{listen_port};", text, count=1)
    matches = list(_UPSTREAM_SERVER.finditer(text))
    if listens != 1 or not matches:
        raise ValueError(f"{SITE} no longer has a `listen 127.0.0.1:PORT;` line and upstream servers")
    indent, options = matches[0].group(1), matches[0].group(2)
    servers = "".join(f"{indent}127.0.0.1:{port}{options};\n" for port in replica_ports)
    return text[: matches[0].start()] + servers + text[matches[-1].end():]


def write_config(work: Path, listen_port: int, replica_ports: list[int]) -> Path:
    """Write ortaq.conf and nginx.conf into `work`; returns the main file."""
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / "tmp" / name).mkdir(parents=True, exist_ok=True)
    # Run as root, nginx's worker drops to `nobody`, which must reach the temporary folders.
    for folder in [work, work / "tmp", *(work / "tmp").iterdir()]:
        folder.chmod(0o777)
    (work / "ortaq.conf").write_text(render_site(listen_port, replica_ports), encoding="utf-8")
    main = work / "nginx.conf"
    main.write_text(MAIN.format(work=work), encoding="utf-8")
    return main


def check(work: Path, listen_port: int, replica_ports: list[int]) -> subprocess.CompletedProcess:
    """`nginx -t` of the configuration this run would use."""
    main = write_config(work, listen_port, replica_ports)
    return subprocess.run(
        [binary() or "nginx", "-t", "-p", str(work), "-c", str(main), "-e", str(work / "error.log")],
        capture_output=True, text=True, timeout=30,
    )


class Nginx:
    """An nginx master started in the foreground for one run (only this one is stopped)."""

    def __init__(self, work: Path, listen_port: int, replica_ports: list[int]) -> None:
        self.work = work
        self.url = f"http://127.0.0.1:{listen_port}"
        main = write_config(work, listen_port, replica_ports)
        self.log = open(work / "nginx.out", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [binary() or "nginx", "-p", str(work), "-c", str(main), "-e", str(work / "error.log"),
             "-g", "daemon off;"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(self.work / 'error.log').read_text(errors='replace')[-800:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"nginx did not answer at {self.url}")

    def pids(self) -> list[int]:
        """The master and its workers."""
        from tests.load.servers import descendants

        return [self.process.pid, *descendants(self.process.pid)]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


def stickiness(work: Path) -> dict:
    """From the access log: requests and WebSocket connections per replica, and sticky keys that reached
    more than one replica (there should be none)."""
    requests: dict[str, int] = {}
    sockets: dict[str, int] = {}
    replicas_of: dict[str, set[str]] = {}
    log = work / "access.log"
    for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
        parts = line.split("|", 3)
        if len(parts) < 4 or parts[1] == "-":
            continue
        key, upstream, _status, uri = parts
        if "," in upstream:  # nginx tried another replica after a failure: "a, b"
            retried = requests.setdefault("retried", 0)
            requests["retried"] = retried + 1
            upstream = upstream.split(",")[-1].strip()
        requests[upstream] = requests.get(upstream, 0) + 1
        if uri.startswith("/_stcore/stream"):
            sockets[upstream] = sockets.get(upstream, 0) + 1
        replicas_of.setdefault(key, set()).add(upstream)
    return {
        "requests_per_replica": requests,
        "websockets_per_replica": sockets,
        "browsers": len(replicas_of),
        "browsers_on_two_replicas": sum(1 for upstreams in replicas_of.values() if len(upstreams) > 1),
    }

"""The bench's runs: the site in a scratch folder under gunicorn, loaded page after page next to the floor view.

Two servers run side by side on the same demo content: one with the page cache as configured (``PAGE_CACHE_TIMEOUT``
from the environment, the setting's default when unset) and one with ``PAGE_CACHE_TIMEOUT=0``. Each round loads the
floor (a trivial view returning the home page's bytes, see floor.py) and then every page, for each server in turn; a
page's share of the floor is the median over rounds of its req/s divided by the floor's req/s in the same round.
"""

import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

FLOOR_PATH = "/__bench__/floor"
READY_MARKER = ".bench-ready"
# Variables of the caller's environment that would point the scratch site at real services.
SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "VAR_DIR", "STATIC_ROOT", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT")


@dataclass
class Measure:
    """One page's load in one round: its answers' latencies (ms) over ``seconds``, and the failed requests."""

    latencies: list[float]
    failures: int
    seconds: float

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


@dataclass
class PageResult:
    name: str
    path: str
    queries: tuple[int, int] | None = None
    rounds: list[Measure] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(base_url: str, path: str, seconds: float, connections: int, processes: int) -> Measure:
    """``connections`` requests in flight on one path for ``seconds``, spread over a few load processes."""
    start_at = time.time() + 0.3  # the children start together, once each has its Python up
    per_process = [connections // processes + (i < connections % processes) for i in range(processes)]
    children = [
        subprocess.Popen(  # noqa: S603 (our own module, fixed arguments)
            [sys.executable, "-m", "cms.benchmark.load", base_url + path, str(seconds), str(count), str(start_at)],
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
        )
        for count in per_process
        if count
    ]
    latencies, failures = [], 0
    for child in children:
        output, _ = child.communicate()
        result = json.loads(output)
        latencies += result["latencies"]
        failures += result["failures"]
    return Measure(latencies, failures, seconds)


def fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310 (http://127.0.0.1 only)
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.read()


def warm(base_url: str, path: str, times: int = 4) -> None:
    for _ in range(times):
        fetch(base_url + path)


@dataclass
class LoadShape:
    """How hard and how long: seconds per page and round, rounds, connections in flight, load processes."""

    seconds: float = 3
    rounds: int = 3
    connections: int = 8
    processes: int = 2

    def load(self, base_url: str, path: str) -> Measure:
        warm(base_url, path)
        return load(base_url, path, self.seconds, self.connections, self.processes)


def bench_rounds(servers: dict[str, str], pages: dict[str, dict[str, PageResult]], shape: LoadShape, progress) -> dict:
    """Load the floor and the pages of every server, round after round; the floor's measures per server."""
    floors = {mode: [] for mode in servers}
    for round_number in range(shape.rounds):
        for mode, base_url in servers.items():
            floors[mode].append(shape.load(base_url, FLOOR_PATH))
            for page in pages[mode].values():
                page.rounds.append(shape.load(base_url, page.path))
            progress(f"round {round_number + 1}/{shape.rounds} done for {mode}")
    return floors


def table(title: str, floor: list[Measure], pages: dict[str, PageResult]) -> str:
    """A Markdown table: req/s and latency medians over the rounds, the share of the floor, the queries."""
    lines = [
        f"{title}",
        "",
        "| page | path | req/s | p50 ms | p99 ms | share of the floor | queries (first/next) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]

    def row(name, path, measures, share, queries, failures):
        rate = statistics.median(m.rate for m in measures)
        p50 = statistics.median(percentile(m.latencies, 0.5) for m in measures)
        p99 = statistics.median(percentile(m.latencies, 0.99) for m in measures)
        note = f" ({failures} failed)" if failures else ""
        lines.append(f"| {name}{note} | `{path}` | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {share} | {queries} |")

    row("floor", FLOOR_PATH, floor, "100 %", "", sum(m.failures for m in floor))
    for page in pages.values():
        shares = [m.rate / f.rate for m, f in zip(page.rounds, floor, strict=True) if f.rate]
        share = f"{statistics.median(shares) * 100:.1f} %" if shares else "–"
        queries = "/".join(map(str, page.queries)) if page.queries else "–"
        row(page.name, page.path, page.rounds, share, queries, sum(m.failures for m in page.rounds))
    return "\n".join(lines)


class ScratchSite:
    """The site under production settings in a folder of its own: SQLite, local-memory cache, the demo content."""

    def __init__(self, folder: Path, progress):
        self.folder = folder
        self.progress = progress
        self.servers: list[subprocess.Popen] = []
        self.env = {key: value for key, value in os.environ.items() if key not in SERVICE_VARIABLES}
        self.env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            VAR_DIR=str(folder),
            SECRET_KEY=secrets.token_urlsafe(40),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DEBUG="false",
            BENCH_FLOOR_FILE=str(folder / "floor.html"),
            PYTHONDONTWRITEBYTECODE="1",
        )

    def manage(self, *args: str, env: dict | None = None) -> str:
        command = [sys.executable, "manage.py", *args]
        done = subprocess.run(  # noqa: S603 (manage.py with fixed arguments)
            command, cwd=settings.BASE_DIR, env=env or self.env, capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def prepare(self) -> None:
        """Migrate, load the demo content and collect the static files, unless an earlier run did it already."""
        if (self.folder / READY_MARKER).exists():
            self.progress(f"reusing the prepared site in {self.folder}")
            return
        self.progress(f"preparing the demo site in {self.folder} (migrate, load_initial_data, collectstatic)")
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_initial_data")
        self.manage("collectstatic", "--noinput", "-v", "0")
        (self.folder / READY_MARKER).touch()

    def mode_env(self, page_cache_timeout: str | None) -> dict:
        env = dict(self.env)
        env.pop("PAGE_CACHE_TIMEOUT", None)
        if page_cache_timeout is not None:
            env["PAGE_CACHE_TIMEOUT"] = page_cache_timeout
        return env

    def inspect(self, env: dict, pages: list[str]) -> dict:
        """The pages' paths and query counts, from a process with the same settings as the server's."""
        return json.loads(self.manage("bench_site", "--inspect", "--pages", ",".join(pages), env=env))

    def serve(self, env: dict, workers: int) -> str:
        """Start gunicorn on a free port; its base URL once it answers."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "gunicorn", "cms.wsgi", "--workers", str(workers)]
        command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
        # Every request is logged (cms.request_log): into the scratch folder, not over the table.
        log = (self.folder / f"gunicorn-{port}.log").open("ab")
        server = subprocess.Popen(  # noqa: S603 (fixed arguments)
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self.servers.append(server)
        base_url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped with {server.returncode}")
            try:
                fetch(base_url + "/healthz")
                return base_url
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not answer within a minute")

    def stop(self) -> None:
        for server in self.servers:
            server.terminate()
        for server in self.servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

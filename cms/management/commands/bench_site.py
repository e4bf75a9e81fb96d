"""``make bench``: req/s, latency and queries of the public pages, cache on and off, next to a trivial view."""

import json
import os
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.benchmark.pages import PAGE_NAMES, page_paths, query_counts
from cms.benchmark.run import FLOOR_PATH, LoadShape, PageResult, ScratchSite, bench_rounds, fetch, table


def env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


class Command(BaseCommand):
    help = (
        "Start the site under production settings on the demo content with gunicorn (in a scratch folder, or "
        "BENCH_DIR), load each public page and a trivial view through the same server in alternating rounds, and "
        "print req/s, p50, p99, the share of the floor and the SQL queries, with the page cache on and off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=env_number("BENCH_SECONDS", 3), help="per page and round")
        parser.add_argument("--rounds", type=int, default=int(env_number("BENCH_ROUNDS", 3)))
        parser.add_argument("--connections", type=int, default=int(env_number("BENCH_CONNECTIONS", 8)))
        parser.add_argument("--processes", type=int, default=int(env_number("BENCH_PROCESSES", 2)), help="load")
        parser.add_argument("--workers", type=int, default=int(env_number("BENCH_WORKERS", 2)), help="gunicorn")
        parser.add_argument("--pages", default=os.environ.get("BENCH_PAGES", ""), help="comma-separated names")
        parser.add_argument("--url", help="bench a site already running there (one column, no scratch site)")
        parser.add_argument("--inspect", action="store_true", help="print the pages' paths and queries as JSON")

    def handle(self, *args, **options):
        self.options = options
        wanted = [name.strip() for name in options["pages"].split(",") if name.strip()] or list(PAGE_NAMES)
        if unknown := set(wanted) - set(PAGE_NAMES):
            raise CommandError(f"unknown pages: {', '.join(sorted(unknown))}; known: {', '.join(PAGE_NAMES)}")
        self.wanted = wanted
        if options["inspect"]:
            self.stdout.write(json.dumps(self.inspect()))
        elif options["url"]:
            self.bench({"as configured": options["url"].rstrip("/")}, {"as configured": self.inspect()})
        else:
            self.bench_scratch_site()

    def inspect(self) -> dict:
        paths = {name: path for name, path in page_paths().items() if name in self.wanted}
        counts = query_counts(paths)
        return {name: {"path": path, "queries": counts[name]} for name, path in paths.items()}

    def progress(self, message: str) -> None:
        self.stderr.write(f"bench: {message}")

    def bench_scratch_site(self):
        keep = os.environ.get("BENCH_DIR")
        folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bench-site-"))
        folder.mkdir(parents=True, exist_ok=True)
        site = ScratchSite(folder, self.progress)
        try:
            site.prepare()
            modes = {
                f"page cache on (PAGE_CACHE_TIMEOUT={os.environ.get('PAGE_CACHE_TIMEOUT', 'default')})": (
                    os.environ.get("PAGE_CACHE_TIMEOUT")
                ),
                "page cache off (PAGE_CACHE_TIMEOUT=0)": "0",
            }
            servers, inspected = {}, {}
            for mode, timeout in modes.items():
                env = site.mode_env(timeout)
                inspected[mode] = site.inspect(env, self.wanted)
                servers[mode] = site.serve(env, self.options["workers"])
            self.bench(servers, inspected, floor_file=folder / "floor.html")
        finally:
            site.stop()
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)

    def bench(self, servers: dict[str, str], inspected: dict[str, dict], floor_file: Path | None = None):
        first_url = next(iter(servers.values()))
        home_path = next(iter(inspected.values())).get("home", {}).get("path", "/")
        if floor_file:
            floor_file.write_bytes(fetch(first_url + home_path))
        pages = {
            mode: {
                name: PageResult(name, found["path"], tuple(found["queries"]))
                for name, found in inspected[mode].items()
            }
            for mode in servers
        }
        shape = LoadShape(*(self.options[name] for name in ("seconds", "rounds", "connections", "processes")))
        floors = bench_rounds(servers, pages, shape, self.progress)
        for mode in servers:
            self.stdout.write(table(f"### {mode}", floors[mode], pages[mode]) + "\n\n")
        self.stdout.write(
            f"{self.options['rounds']} rounds of {self.options['seconds']:g} s per page, "
            f"{self.options['connections']} connections; the floor is {FLOOR_PATH} (the home page's bytes)."
        )

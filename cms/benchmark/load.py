"""A small HTTP load generator: threads with keep-alive connections (http.client), run in a few processes.

Run as ``python -m cms.benchmark.load URL SECONDS CONNECTIONS START_AT``; prints one JSON line: the number of answers,
the failures and every latency in milliseconds. It imports nothing from Django, so a child starts in a blink.
"""

import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit

# The site runs behind an HTTPS proxy in production: say so, or production settings redirect to https://.
HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "volunteer-station-bench"}


def hammer(url: str, deadline: float, results: dict, lock: threading.Lock) -> None:
    """Ask for ``url`` again and again on one connection until ``deadline``; add what happened to ``results``."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    latencies, failures = [], 0
    while (started := time.perf_counter()) < deadline:
        try:
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            failures += 1
            connection.close()
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            failures += 1
    connection.close()
    with lock:
        results["latencies"].extend(latencies)
        results["failures"] += failures


def load(url: str, seconds: float, connections: int, start_at: float) -> dict:
    """Keep ``connections`` requests in flight on ``url`` for ``seconds`` from the wall-clock time ``start_at``."""
    results, lock = {"latencies": [], "failures": 0}, threading.Lock()
    time.sleep(max(0.0, start_at - time.time()))
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=hammer, args=(url, deadline, results, lock)) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


if __name__ == "__main__":
    target, duration, count, start = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    sys.stdout.write(json.dumps(load(target, duration, count, start)) + "\n")

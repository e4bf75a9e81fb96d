"""A Redis server of a test's own, on a free port, that the test can stop and start again (Redis failing mid-run)."""

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field

import pytest

from cms import health


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RedisServer:
    """``redis-server`` on ``port`` without persistence; ``stop()`` kills it, ``start()`` brings it back there."""

    port: int
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],  # noqa: S607
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                health._redis_ping(self.url)
                return
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def redis_server():
    """A running Redis server of the test's own (``.url``); ``.stop()`` makes Redis fail, ``.start()`` brings it back."""
    from tests.conftest import skip_or_fail

    if not shutil.which("redis-server"):
        skip_or_fail("redis-server is not installed")
    server = RedisServer(free_port())
    server.start()
    yield server
    server.stop()

"""Two web processes on one Redis and one PostgreSQL database: what one stores the other serves, and an edit made
through one (or anywhere else) is what the other shows on the next request (the page cache's shared version)."""

import os
import re
import socket
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings

from cms.models import StationSettings
from tests.events.booking_support import at, make_room
from tests.worker import ROOT, database_url_for_worker

pytestmark = [
    pytest.mark.requires_postgresql,
    pytest.mark.requires_redis,
    pytest.mark.django_db(transaction=True),
]
HOST = "station.example.org"
START_SECONDS = 240  # a loaded machine takes a while to import Django in a new process


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebProcess:
    """gunicorn serving the site from the test database, with the page cache on, in its own process."""

    def __init__(self):
        self.port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": database_url_for_worker(),
            "REDIS_URL": settings.REDIS_URL,
            "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PAGE_CACHE_TIMEOUT": "600",
        }
        self.process = subprocess.Popen(  # noqa: S603  (our own server, fixed arguments)
            [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "-b", f"127.0.0.1:{self.port}", "-w", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=60).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.5)
        pytest.fail(f"gunicorn did not answer in {START_SECONDS} s:\n{self.stop()}")

    def get(self, path) -> requests.Response:
        # Behind the proxy both processes see the site's one host name (the page cache keys on it).
        return requests.get(f"{self.url}{path}", headers={"Host": HOST}, timeout=60)

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, errors = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, errors = self.process.communicate(timeout=30)
        return errors or ""


@pytest.fixture
def two_web_processes():
    servers = [WebProcess(), WebProcess()]
    try:
        for server in servers:
            server.wait()
        yield servers
    finally:
        for server in servers:
            print(server.stop())  # noqa: T201 -- shown by pytest only when the test fails


def test_an_edit_through_one_process_shows_through_the_other(two_web_processes, site):
    first, second = two_web_processes
    room = make_room()
    week = f"{room.get_absolute_url()}?day={at(3, 0).date().isoformat()}"
    first.get("/")
    assert first.get(week).headers["X-Page-Cache"] == "miss"
    assert second.get(week).headers["X-Page-Cache"] == "hit"  # one shared cache

    # A visitor asks for the room through the first process...
    visitor = requests.Session()
    form_url = f"{first.url}/events/room/{room.slug}/book/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', visitor.get(form_url, timeout=30).text).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        "date": at(3, 0).date().isoformat(),
        "start_time": "09:00",
        "end_time": "10:30",
        "purpose": "training",
        "title": "新志愿者岗前培训",
        "organiser_name": "罗阳街道志愿服务队",
        "contact_name": "王磊",
        "contact_phone": "13900001111",
        "contact_email": "wanglei@example.com",
        "attendees": "25",
        "website": "",
    }
    answer = visitor.post(form_url, data=data, headers={"Referer": form_url}, timeout=30)
    assert answer.status_code == 200, answer.text[:2000]
    # ... and the next anonymous visitor of the second one sees the slot taken.
    assert "罗阳街道志愿服务队" in second.get(week).text

    # An editor's change made elsewhere (here: this test's process) reaches both.
    station = StationSettings.for_site(site)
    station.phone = "0752-6666666"
    station.save()
    assert "0752-6666666" in first.get("/").text
    assert "0752-6666666" in second.get("/").text

"""A real Celery worker process for the tests that need one, and a small SMTP server it can send mail to.

The worker listens on a queue of its own (a shared Redis may serve other runs), reaches the PostgreSQL test database
and sends mail over SMTP to ``smtp_server``; the test process itself keeps mail in memory. So a mail that arrives at
the SMTP server was sent by the worker, and the worker's own log says which tasks it ran and retried.
"""

import email
import os
import socketserver
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.db import connection

from cms.celery import app

ROOT = Path(__file__).resolve().parents[1]
WORKER_START_SECONDS = 240  # a loaded machine takes a while to import Django and Celery in a new process


def database_url_for_worker() -> str:
    """The URL of the test database, which a separate worker process can open (PostgreSQL, ``requires_worker``)."""
    db = connection.settings_dict
    host = db["HOST"] or "127.0.0.1"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.Message

    @property
    def subject(self) -> str:
        return str(make_header(decode_header(self.message["Subject"])))


@dataclass
class SMTPServer:
    """A mail server on 127.0.0.1 that turns away the first ``refuse`` connections (421), then accepts mail."""

    refuse: int = 0
    received: list[Received] = field(default_factory=list)
    refused: int = 0
    port: int = 0

    def wait_for(self, count: int, timeout: float = 60) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.received


class _SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        state: SMTPServer = self.server.state
        if state.refused < state.refuse:
            state.refused += 1
            self.reply("421 test server busy, try again later")
            return
        self.reply("220 test ESMTP")
        sender, recipients = "", []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 test")
            elif verb == "MAIL":
                sender = command.split(":", 1)[1].strip(" <>")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
            elif verb == "DATA":
                self.reply("354 end with .")
                data = b"".join(iter(lambda: self.rfile.readline(), b".\r\n"))
                state.received.append(Received(sender, recipients, email.message_from_bytes(data)))
                sender, recipients = "", []
                self.reply("250 queued")
                continue
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            elif verb == "RSET":
                sender, recipients = "", []
            if verb in {"MAIL", "RCPT", "RSET", "NOOP"}:
                self.reply("250 ok")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.daemon_threads = True
    server.state = SMTPServer(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.state
    server.shutdown()
    server.server_close()


class Worker:
    """``celery worker`` in its own process, on its own queue; its log is collected while it runs."""

    def __init__(self, env: dict):
        self.queue = f"test-{uuid.uuid4().hex[:8]}"
        self.lines: list[str] = []
        self.process = subprocess.Popen(  # noqa: S603  (our own worker, fixed arguments)
            [sys.executable, "-m", "celery", "-A", "cms", "worker", "-Q", self.queue, "--pool", "solo", "-l", "info"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{self.queue}@%h"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def log(self, text: str) -> list[str]:
        return [line for line in self.lines if text in line]

    def wait_for_log(self, text: str, count: int = 1, timeout: float = 90) -> list[str]:
        deadline = time.monotonic() + timeout
        while len(self.log(text)) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.log(text)

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        self.reader.join(timeout=5)
        return "\n".join(self.lines)


@pytest.fixture
def celery_worker(request):
    """A worker sharing the test database; tasks sent from the test go to it through the broker (eager off).

    With the ``smtp_server`` fixture the worker's mail goes there. Its log is printed when the test fails.
    """
    env = {**os.environ, "DATABASE_URL": database_url_for_worker(), "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    if "smtp_server" in request.fixturenames:
        server = request.getfixturevalue("smtp_server")
        env["TEST_WORKER_EMAIL_URL"] = f"smtp://127.0.0.1:{server.port}"
    worker = Worker(env)
    if not worker.wait_for_log("ready.", timeout=WORKER_START_SECONDS):
        pytest.fail(f"the worker did not start in {WORKER_START_SECONDS} s:\n{worker.stop()}")
    eager, default_queue = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = worker.queue  # delay() and on_commit → broker → this worker, nobody else's
    yield worker
    app.conf.task_always_eager, app.conf.task_default_queue = eager, default_queue
    print(worker.stop())  # noqa: T201 -- shown by pytest only when the test fails

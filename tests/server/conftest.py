"""Fixtures for the server tests: a real uvicorn server on a free loopback port, an HTTP
client, and a Chromium driven by Playwright for the editor tests.

The server runs in a thread of the test process (uvicorn binds port 0, so there is no race for
a port), which lets a test start a second server with different limits.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

import soat
from soat.server.app import create_app

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def running_server(app) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 in a thread; yield its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="soat-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the test server did not start")
        if time.monotonic() > deadline:
            raise TimeoutError("the test server took more than 60 s to start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def serve():
    """``serve(app)``: a context manager running another server (say, with other limits)."""
    return running_server


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    soat.load()  # a missing model fails here, with its own message, not as a dead server
    with running_server(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
def client(server_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server_url, timeout=60) as http:
        yield http


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(server_url + "/")
    opened.wait_for_selector("body[data-ready='true']")
    yield opened
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"

"""``python -m soat.server.run``: the worker processes, their sockets, start-up and shutdown.

The multi-worker test starts the real command in a subprocess (about 2 s to load the model in
each worker) and looks in ``/proc`` for which worker holds each client connection."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from soat.server import run

SENTENCE = "Món này rất thich hợp."
CONNECTIONS = 16  # all on one worker by chance: 2 in 2**16

linux_only = pytest.mark.skipif(
    not run.reuse_port_balances(), reason="SO_REUSEPORT balancing is Linux-only"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "soat.server.run", "--port", str(port)]
    command += ["--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    return subprocess.Popen(command, stderr=subprocess.PIPE, text=True)


def wait_until_healthy(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1]
        try:
            if httpx.get(url + "/health", timeout=2).json().get("model_loaded"):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"the server was not healthy after {timeout} s")


def worker_pids(parent: int) -> list[int]:
    """The spawned workers of ``parent`` (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [
        int(pid)
        for pid in children
        if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def established_connections(pid: int, port: int) -> int:
    """How many accepted TCP connections on ``port`` the process ``pid`` holds."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port == port and fields[3] == "01" and fields[9] in inodes:  # 01: established
            count += 1
    return count


def stop(server: subprocess.Popen, sig: int = signal.SIGINT) -> str:
    """Stop the server as Ctrl-C would; its stderr."""
    server.send_signal(sig)
    try:
        return server.communicate(timeout=15)[1]
    except subprocess.TimeoutExpired:
        server.kill()
        raise


@linux_only
def test_two_workers_share_keep_alive_connections_and_stop_cleanly():
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, workers=2)
    try:
        wait_until_healthy(url, server)
        workers = worker_pids(server.pid)
        assert len(workers) == 2
        clients = [
            httpx.Client(base_url=url, timeout=30, limits=httpx.Limits(max_connections=1))
            for _ in range(CONNECTIONS)
        ]
        for _ in range(2):  # two requests on each kept-alive connection
            for client in clients:
                response = client.post("/v2/check", data={"language": "vi-VN", "text": SENTENCE})
                assert response.status_code == 200
                match = next(
                    m for m in response.json()["matches"] if m["offset"] == SENTENCE.index("thich")
                )
                assert {"value": "thích"} in match["replacements"]
        held = [established_connections(pid, port) for pid in workers]
        assert sum(held) == CONNECTIONS
        assert min(held) >= 1, f"one worker holds every connection: {held}"
        for client in clients:
            client.close()
    finally:
        errors = stop(server)
    assert server.returncode == 0, errors
    assert "Traceback" not in errors
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists(), f"worker {pid} outlived the server"


@linux_only
def test_sockets_share_one_port():
    sockets = run.bind_reuse_port_sockets("127.0.0.1", 0, 3)
    try:
        assert len({sock.getsockname()[1] for sock in sockets}) == 1
    finally:
        for sock in sockets:
            sock.close()


@linux_only
def test_a_port_taken_even_with_so_reuseport_is_refused():
    with socket.socket() as other_soat:
        other_soat.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other_soat.bind(("127.0.0.1", 0))
        other_soat.listen()
        with pytest.raises(run.CannotListen, match="cannot listen on 127.0.0.1"):
            run.bind_reuse_port_sockets("127.0.0.1", other_soat.getsockname()[1], 2)


def test_a_port_in_use_is_a_one_line_error_and_status_3():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = start_server(taken.getsockname()[1], workers=2)
        errors = server.communicate(timeout=30)[1]
    assert server.returncode == run.STARTUP_FAILURE
    assert "in use" in errors
    assert "Traceback" not in errors


def test_one_worker_is_plain_uvicorn_run(monkeypatch):
    calls = []
    monkeypatch.setattr(run.uvicorn, "run", lambda **arguments: calls.append(arguments))
    run.serve(port=9, workers=1, log_level="warning")
    assert calls[0]["app"] == run.APP_FACTORY and calls[0]["factory"] is True
    assert calls[0]["port"] == 9 and calls[0]["log_level"] == "warning"
    assert "workers" not in calls[0]


def test_without_so_reuseport_workers_share_one_socket(monkeypatch):
    calls = []
    monkeypatch.setattr(run.uvicorn, "run", lambda **arguments: calls.append(arguments))
    monkeypatch.setattr(run, "reuse_port_balances", lambda: False)
    run.serve(workers=3)
    assert calls[0]["workers"] == 3
    assert calls[0]["lifespan"] == "on" and calls[0]["server_header"] is False

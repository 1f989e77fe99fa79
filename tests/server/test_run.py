"""``python -m soat.server.run``: one front, its check processes, start-up and shutdown.

These tests start the real command in a subprocess (about 2 s to load the model in each check
process) and read ``/proc`` for its processes and their CPU time."""

from __future__ import annotations

import functools
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
# About 2,000 characters of news: some 20 ms of checking, 2 ticks of a process's CPU clock.
NEWS = (
    "Sáng nay, Ủy ban nhân dân thành phố đã tổ chức buổi họp báo công bố kế hoạch cải tạo hệ "
    "thống thoát nước tại các quận trung tâm. Theo đại diện Sở Xây dựng, công trình dự kiến "
    "khởi công vào tháng 9 và hoàn thành trong hai năm, với tổng vốn đầu tư khoảng 1.200 tỷ "
    "đồng. "
) * 6

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


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


def check_processes(front: int) -> list[int]:
    """The check processes of the server ``front`` (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{front}/task/{front}/children").read_text().split()
    return [
        int(pid)
        for pid in children
        if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for its parent to read its status."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def stop(server: subprocess.Popen, sig: int = signal.SIGINT) -> str:
    """Stop the server as Ctrl-C would; its stderr."""
    server.send_signal(sig)
    try:
        return server.communicate(timeout=15)[1]
    except subprocess.TimeoutExpired:
        server.kill()
        raise


@linux_only
def test_requests_on_one_connection_spread_over_both_check_processes_and_stop_cleanly():
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, workers=2)
    try:
        wait_until_healthy(url, server)
        processes = check_processes(server.pid)
        assert len(processes) == 2
        before = [cpu_ticks(pid) for pid in processes]
        with httpx.Client(base_url=url, timeout=30) as client:  # one kept-alive connection
            for _ in range(16):
                response = client.post("/v2/check", data={"language": "vi-VN", "text": NEWS})
                assert response.status_code == 200
            response = client.post("/v2/check", data={"language": "vi-VN", "text": SENTENCE})
            match = next(m for m in response.json()["matches"] if m["offset"] == 12)
            assert {"value": "thích"} in match["replacements"]
        used = [cpu_ticks(pid) - ticks for pid, ticks in zip(processes, before, strict=True)]
        assert min(used) >= sum(used) / 4, f"one process did the checks: {used} ticks"
    finally:
        errors = stop(server)
    assert server.returncode == 0, errors
    assert "Traceback" not in errors
    time.sleep(0.2)
    for pid in processes:
        assert not alive(pid), f"check process {pid} outlived the server"


@linux_only
def test_check_processes_exit_when_the_front_is_killed():
    port = free_port()
    server = start_server(port, workers=2)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server)
        processes = check_processes(server.pid)
    finally:
        server.kill()
        server.communicate()
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in processes), "a check process outlived a killed front"


def test_a_port_in_use_is_a_one_line_error_and_status_3():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = start_server(taken.getsockname()[1], workers=2)
        try:
            errors = server.communicate(timeout=60)[1]
        finally:
            if server.poll() is None:  # hung: leave no server behind
                server.kill()
                server.communicate()
    assert server.returncode == 3  # uvicorn's start-up failure
    assert "in use" in errors
    assert "Traceback" not in errors


def test_one_worker_is_plain_uvicorn_run(monkeypatch):
    calls = []
    monkeypatch.setattr(run.uvicorn, "run", lambda **arguments: calls.append(arguments))
    run.serve(port=9, workers=1, log_level="warning")
    assert calls[0]["app"] == run.APP_FACTORY and calls[0]["factory"] is True
    assert calls[0]["port"] == 9 and calls[0]["log_level"] == "warning"
    assert "workers" not in calls[0]


def test_several_workers_are_check_processes_behind_one_uvicorn(monkeypatch):
    calls = []
    monkeypatch.setattr(run.uvicorn, "run", lambda **arguments: calls.append(arguments))
    monkeypatch.setattr(run.sys, "platform", "linux")
    run.serve(workers=3)
    app = calls[0]["app"]
    assert isinstance(app, functools.partial) and app.keywords == {"processes": 3}
    assert calls[0]["factory"] is True and "workers" not in calls[0]
    assert calls[0]["lifespan"] == "on" and calls[0]["server_header"] is False


def test_on_windows_several_workers_share_one_socket(monkeypatch):
    calls = []
    monkeypatch.setattr(run.uvicorn, "run", lambda **arguments: calls.append(arguments))
    monkeypatch.setattr(run.sys, "platform", "win32")
    run.serve(workers=3)
    assert calls[0]["workers"] == 3 and calls[0]["app"] == run.APP_FACTORY

"""``soat serve --workers N``: the check processes behind one front, over real HTTP.

The front runs in a thread of the test process, as the other tests' servers do, and spawns real
check processes (about 2 s to start: each imports soat and loads the model); tests kill them
with real signals and send texts that take longer than the time limit."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

import soat
from soat.server import pool as pool_module
from soat.server.app import create_app
from soat.server.pool import CheckPool

SENTENCE = "Món này rất thich hợp."
ONSETS = ["th", "ng", "tr", "ch", "kh", "ph", "b", "đ", "h", "l", "m", "n", "v", "x", "gi"]
RHYMES = ["ich", "ieejt", "uoong", "aan", "ooc", "ay", "uyee", "ươnf", "iêm", "oai", "ưu", "ach"]


def typo_text(chars: int) -> str:
    """Syllables that are nearly Vietnamese: every one is a slip with candidates to weigh."""
    rng = random.Random(6)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < chars:
        words.append(rng.choice(ONSETS) + rng.choice(RHYMES))
    return " ".join(words)


@pytest.fixture(scope="module")
def slow_text() -> tuple[str, float]:
    """A text whose check takes at least half a second here, and how long it takes."""
    soat.load()
    chars = 2000
    while True:
        text = typo_text(chars)
        started = time.perf_counter()
        soat.check(text)
        seconds = time.perf_counter() - started
        if seconds >= 0.5 or chars >= 64_000:
            return text, seconds
        chars *= 2


@pytest.fixture(scope="module")
def pool(serve) -> Iterator[tuple[str, CheckPool]]:
    """A server with two check processes and the default time limit; its URL and its pool."""
    app = create_app(processes=2, time_limit=30)
    with serve(app) as url:
        yield url, app.state.checks


def check(url: str, text: str, **fields) -> httpx.Response:
    data = {"language": "vi-VN", "text": text, **fields}
    return httpx.post(url + "/v2/check", data=data, timeout=60)


def wait_until_all_ready(url: str, processes: int = 2, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while httpx.get(url + "/health").json()["check_processes"]["ready"] < processes:
        assert time.monotonic() < deadline, f"fewer than {processes} check processes ready"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def kill_all(pids: list[int]) -> None:
    for pid in pids:
        os.kill(pid, signal.SIGKILL)


ANNOTATION = (
    '{"annotation": [{"markup": "<p>", "interpretAs": "\\n\\n"}, {"text": "Món này rất '
    'thich hợp."}, {"markup": "</p>"}]}'
)
REQUESTS = [
    ("/v2/check", {"language": "vi-VN", "text": SENTENCE}),
    ("/v2/check", {"language": "auto", "text": "😀👍🏽 Hôm nay trời đẹp ,nhưng ko mát."}),
    ("/v2/check", {"language": "vi", "data": ANNOTATION, "motherTongue": "en"}),
    ("/v2/check", {"language": "vi", "text": SENTENCE, "disabledCategories": "TYPOS"}),
    ("/v2/check", {"language": "vi", "text": SENTENCE, "enabledRules": "NO_SUCH_RULE"}),
    ("/api/restore", {"text": "toi di hoc"}),
    # 800 matches: an answer of 600 kB, more than a socket holds at once.
    ("/v2/check", {"language": "vi", "text": "Hôm nay trời đẹp ,nhưng ko mát. " * 400}),
]


@pytest.mark.parametrize(("path", "fields"), REQUESTS)
def test_the_pool_answers_as_the_in_process_server(client, pool, path, fields):
    url, _ = pool
    expected = client.post(path, data=fields)
    answered = httpx.post(url + path, data=fields, timeout=60)
    assert answered.status_code == expected.status_code
    assert answered.headers["content-type"] == "application/json"
    assert answered.json() == expected.json()


def test_health_counts_the_ready_check_processes(pool):
    url, _ = pool
    body = httpx.get(url + "/health").json()
    assert body["status"] == "ok" and body["model_loaded"] is True
    assert body["check_processes"] == {"ready": 2, "of": 2}


def test_a_killed_idle_check_process_is_replaced(pool):
    url, checks = pool
    wait_until_all_ready(url)
    victim = checks.pids()[0]
    os.kill(victim, signal.SIGKILL)
    for _ in range(5):  # the other process answers meanwhile
        assert check(url, SENTENCE).status_code == 200
    wait_until_all_ready(url)
    assert victim not in checks.pids() and len(checks.pids()) == 2
    assert not alive(victim)


def test_killed_check_processes_answer_a_json_500_and_pass_on_the_job_queued_behind(
    pool, slow_text
):
    url, checks = pool
    wait_until_all_ready(url)
    text, seconds = slow_text
    answers: dict[str, httpx.Response] = {}

    def send(name: str, text: str) -> None:
        answers[name] = check(url, text)

    senders = [threading.Thread(target=send, args=(name, text)) for name in ("one", "two")]
    senders.append(threading.Thread(target=send, args=("queued", SENTENCE)))
    for sender in senders:
        sender.start()
        time.sleep(0.05)  # in this order: the short one waits behind a slow one
    time.sleep(seconds / 3)  # the slow checks are a third done
    victims = checks.pids()
    kill_all(victims)
    for sender in senders:
        sender.join(30)
    for name in ("one", "two"):
        assert answers[name].status_code == 500
        assert answers[name].json()["status"] == 500
        assert "stopped" in answers[name].json()["message_en"]
    # The job queued behind a killed check never began: a new process checks it.
    assert answers["queued"].status_code == 200
    assert any(m["context"]["text"].find("thich") >= 0 for m in answers["queued"].json()["matches"])
    wait_until_all_ready(url)
    assert not set(victims) & set(checks.pids())
    assert check(url, SENTENCE).status_code == 200


def test_overrunning_checks_get_504_a_waiting_one_503_and_the_pool_recovers(serve, slow_text):
    text, seconds = slow_text
    app = create_app(processes=2, time_limit=seconds / 3)
    with serve(app) as url:
        checks = app.state.checks
        first = checks.pids()
        answers: list[httpx.Response] = []
        senders = [
            threading.Thread(target=lambda: answers.append(check(url, text))) for _ in range(3)
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(30)
        assert sorted(a.status_code for a in answers) == [503, 504, 504]
        assert sorted(a.json()["error"] for a in answers) == ["busy", "timeout", "timeout"]
        # Each process that overran its time limit is replaced, not left checking.
        wait_until_all_ready(url)
        assert not set(first) & set(checks.pids())
        assert not any(alive(pid) for pid in first)
        deadline = time.monotonic() + 20
        while (answer := check(url, SENTENCE)).status_code != 200:
            assert time.monotonic() < deadline, answer.json()
        assert any(m["context"]["text"].find("thich") >= 0 for m in answer.json()["matches"])
        last = checks.pids()
    # Stopping the server stops its check processes.
    assert not any(alive(pid) for pid in last)


def tcp_socketpair() -> tuple[socket.socket, socket.socket]:
    """Two connected TCP sockets: the check process can use its end, the front's event loop
    refuses the other (it expects a Unix socket)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        near = socket.create_connection(listener.getsockname())
        far, _ = listener.accept()
    return near, far


# uvicorn ends the server's thread with SystemExit(3) when the app cannot start.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_check_process_the_front_cannot_reach_fails_the_start_instead_of_hanging_it(
    serve, monkeypatch
):
    monkeypatch.setattr(pool_module.socket, "socketpair", tcp_socketpair)
    running = set(multiprocessing.active_children())  # the other tests' servers
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="did not start"), serve(create_app(processes=2)):
        pass
    assert time.monotonic() - started < 30
    assert set(multiprocessing.active_children()) <= running

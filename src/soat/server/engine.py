"""Where a request's check runs, and what comes back: the body of the answer, as bytes.

The routes in :mod:`soat.server.app` read and validate a request, then hand a *job* — a function
of this module and its arguments — to an engine and send the bytes the job returns. A job checks
(:func:`check_body`) or restores (:func:`restore_body`) and renders its JSON itself, so that when
it runs in another process only the parsed request and the finished body cross between them.

Two engines run jobs, with the same time limit and the same errors:

* :class:`InProcess` runs them in a thread of the server's own process (``soat serve`` with one
  worker, and the tests' servers).
* :class:`soat.server.pool.CheckPool` runs them in a pool of check processes that take jobs from
  one queue (``soat serve --workers N``).

A job that cannot start within the time limit is :class:`ServerBusy` (503), one that cannot
finish :class:`CheckTimeout` (504).
"""

from __future__ import annotations

import asyncio
import functools
import gc
import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import soat
from soat.errors import SoatError
from soat.server import languagetool as lt

# Checked once at start-up: it touches every family of rules (non-words, typing residue, a
# foreign word, names, numbers, spacing), so tables loaded on first use are loaded before the
# first request rather than during it.
WARM_UP_TEXT = (
    "Món này rất thich hợp, vieejt nam đẹp lắm. Màn performace của Messi và Mesi ( hôm qua ) "
    "tăng 3.5% so với 12.000 người. Hôm nay trời đẹp ,nhưng ko mát."
)

Job = Callable[..., bytes]


class CheckTimeout(SoatError):
    """A check ran longer than the server's time limit."""

    http_status = 504


class ServerBusy(SoatError):
    """The server could not start a check within its time limit."""

    http_status = 503


def busy() -> ServerBusy:
    return ServerBusy(
        "Máy chủ đang bận, chưa kiểm tra được văn bản. Hãy thử lại sau.",
        "The server is busy and could not start the check. Try again later.",
    )


def overran(time_limit: float) -> CheckTimeout:
    return CheckTimeout(
        f"Việc kiểm tra vượt quá giới hạn {time_limit:g} giây.",
        f"The check took longer than the limit of {time_limit:g} seconds.",
    )


@functools.cache
def rule_descriptions() -> dict[str, tuple[str, str]]:
    """Every rule id with its (Vietnamese, English) description."""
    return {rule.id: (rule.description, rule.description_en) for rule in soat.list_rules()}


def load(warm_up: bool = True) -> None:
    """Load the model and the rules (blocking); ``warm_up`` also runs one check and one
    restoration, so that tables filled on first use are filled before the first request."""
    soat.load()
    rule_descriptions()
    if warm_up:
        soat.check(WARM_UP_TEXT)
        soat.restore_diacritics("toi di hoc")


def freeze_survivors() -> None:
    """Collect the garbage made since the last call, then exempt what is still alive from
    every later collection.

    The model's tables and the caches that checks fill hold some 200,000 objects; a full
    collection walks them all and stops a check for 50-130 ms, about once per thousand checks:
    a 1,000-character check otherwise takes 7-9 ms, so these pauses made the slowest answers.
    Called after each check in a check process, it walks only what that check left (~0.02 ms):
    anything older is frozen. Only where nothing else runs: in a server's event loop, requests
    in progress would be frozen with their garbage."""
    gc.collect()
    gc.freeze()


def json_body(content: Any) -> bytes:
    """``content`` as Starlette's ``JSONResponse`` would send it."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def check_body(request: lt.CheckRequest) -> bytes:
    """The job behind ``/v2/check``: check the request's text, render LanguageTool's answer."""
    issues = soat.check(request.document.plain, **request.check_options())
    return json_body(lt.render_check(request, issues, rule_descriptions(), soat.__version__))


def restore_body(text: str, restore_all: bool) -> bytes:
    """The job behind ``/api/restore``."""
    return json_body({"text": soat.restore_diacritics(text, all=restore_all)})


class InProcess:
    """Runs jobs in ``threads`` threads of this process.

    A check is pure Python holding the GIL, so a second thread adds no throughput: it only
    interleaves two checks, which costs CPU and doubles the slowest answers (under load 16 at
    once: 12 ms of server CPU and p99 ~270 ms per 1,000 characters with one thread, 13.6 ms and
    ~450 ms with four). More cores take more processes: :class:`soat.server.pool.CheckPool`."""

    def __init__(self, time_limit: float, threads: int = 1, warm_up: bool = True) -> None:
        self.time_limit = time_limit
        self.threads = threads
        self.warm_up = warm_up
        self.executor: ThreadPoolExecutor | None = None
        self.loaded = False

    async def start(self) -> None:
        self.executor = ThreadPoolExecutor(self.threads, thread_name_prefix="soat-check")
        await asyncio.get_running_loop().run_in_executor(self.executor, load, self.warm_up)
        self.loaded = True

    async def stop(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)

    def health(self) -> dict[str, Any]:
        return {"model_loaded": self.loaded}

    async def run(self, job: Job, *args: Any) -> bytes:
        """``job(*args)`` in the pool; 503 if it cannot start in time, 504 if it cannot finish."""
        assert self.executor is not None, "the app's lifespan has not started"
        future: Future[bytes] = self.executor.submit(job, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.time_limit)
        except asyncio.TimeoutError:
            # Cancelling succeeds only for work that never started; a running check cannot be
            # stopped, but the pool is bounded, so runaway checks cannot pile up.
            if future.cancelled() or future.cancel():
                raise busy() from None
            raise overran(self.time_limit) from None

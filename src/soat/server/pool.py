"""A pool of check processes fed from one queue: how ``soat serve --workers N`` spreads
requests, not connections, over the cores.

The server's own process, the *front*, runs uvicorn's event loop: it reads HTTP, decodes and
validates each request, and puts its job (:mod:`soat.server.engine`) at the end of one queue.
``N`` check processes, each with the model loaded (memory-mapped, so they share its pages), run
one job at a time; whichever is idle takes the oldest job, so no request waits behind a busy
process while another is free, whatever connection it came on. When none is idle, the oldest
job is queued in the socket of the process that began its check first, so that a process finds
its next job as soon as it answers (:meth:`CheckPool._dispatch`). A check process sends back
the finished JSON body, so only the parsed request and the body cross its socket. The front
speaks to each process over a socket pair in its event loop (:class:`Frames`): no threads, no
locks.

Start reading at :class:`CheckPool`:

* **Time limit.** A job not yet begun when its time is up is answered 503 (a check process
  skips it if it has it), one still being checked 504. A check process that has spent the whole
  time limit on one job is killed and replaced, so a runaway check cannot hold it for ever.
* **A process that dies** (killed, out of memory) is replaced; the request it was checking is
  answered with a JSON 500, the one queued behind it goes to another process. A process that
  dies while loading, at start-up, stops the server from starting; later, it is started again
  after a pause.
* **Garbage.** After each job a check process collects what the job left and exempts the
  survivors from later collections (:func:`~soat.server.engine.freeze_survivors`): a full
  collection over the model's tables and the filled caches stopped a check for 50-130 ms.
* **Shutdown.** :meth:`CheckPool.stop` closes the sockets; an idle process exits at once, a busy
  one is killed. Check processes ignore Ctrl-C and SIGTERM (a terminal or a service manager
  sends them to the whole group) and wait for the front to stop them, so requests under way
  still get their answers; one whose front is gone, even killed, exits by itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, NamedTuple, cast

from soat.errors import SoatError
from soat.server import engine

log = logging.getLogger("uvicorn.error")

READY = b"ready"
RESTART_DELAY = 1.0  # seconds before starting again a process that died while loading
STOP_SECONDS = 3.0  # how long stopping waits for the processes before killing them
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class PoolCannotStart(RuntimeError):
    """A check process died before it was ready, while the server was starting."""


class CheckProcessDied(SoatError):
    """The process running a check died before answering."""

    http_status = 500


class Failure(NamedTuple):
    """A job's error on its way back from a check process (an exception does not pickle with
    both of its messages)."""

    http_status: int
    message: str
    message_en: str

    @classmethod
    def of(cls, error: SoatError) -> Failure:
        return cls(error.http_status, error.message, error.message_en)

    def error(self) -> SoatError:
        error = SoatError(self.message, self.message_en)
        error.http_status = self.http_status
        return error


UNEXPECTED = Failure(
    500,
    "Lỗi máy chủ không mong đợi; lỗi đã được ghi lại.",
    "Unexpected server error; it has been logged.",
)


@dataclass(eq=False)
class PendingJob:
    """A job in the queue or in a check process: the pickled call with its deadline, and the
    future of the body it returns."""

    message: bytes  # framed, ready to write
    reply: asyncio.Future[bytes]
    running: bool = False


@dataclass(eq=False)
class CheckProcess:
    """The front's view of one check process."""

    process: BaseProcess
    transport: asyncio.Transport | None = None  # the front's end of its socket, once connected
    ready: bool = False
    # Sent and not answered, oldest first: the first is being checked, a second waits its turn.
    jobs: deque[PendingJob] = field(default_factory=deque)
    started: float = 0.0  # when the first job began (the front's clock)
    watchdog: asyncio.TimerHandle | None = None
    overran: bool = False


class Frames(asyncio.Protocol):
    """The front's end of a check process's socket. Messages are framed as
    :class:`multiprocessing.connection.Connection` frames them (a 4-byte big-endian length, then
    the bytes), which is what the check process reads and writes with; the transport buffers,
    so a long request or answer never blocks the front's event loop."""

    HEADER = struct.Struct("!i")

    def __init__(self, pool: CheckPool, member: CheckProcess) -> None:
        self.pool = pool
        self.member = member
        self.buffer = bytearray()

    @classmethod
    def frame(cls, message: bytes) -> bytes:
        return cls.HEADER.pack(len(message)) + message

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.member.transport = cast(asyncio.Transport, transport)  # uvloop's are not subclasses

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        header = self.HEADER.size
        while len(self.buffer) >= header:
            (size,) = self.HEADER.unpack_from(self.buffer)
            if len(self.buffer) < header + size:
                return
            message = bytes(self.buffer[header : header + size])
            del self.buffer[: header + size]
            self.pool.received(self.member, message)

    def connection_lost(self, exc: Exception | None) -> None:
        self.pool.lost(self.member)


class CheckPool:
    """``size`` check processes and the queue of jobs waiting for one; an engine for
    :func:`soat.server.app.create_app`. Runs in the front's event loop."""

    def __init__(self, size: int, time_limit: float, warm_up: bool = True) -> None:
        self.size = size
        self.time_limit = time_limit
        self.warm_up = warm_up
        self.members: list[CheckProcess] = []
        self.idle: deque[CheckProcess] = deque()
        self.waiting: deque[PendingJob] = deque()
        self.stopping = False
        self.context = multiprocessing.get_context("spawn")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting: asyncio.Future[None] | None = None
        self._connecting: set[asyncio.Task] = set()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        assert self._loop is not None, "the app's lifespan has not started"
        return self._loop

    async def start(self) -> None:
        """Start the processes; return when every one has loaded the model."""
        self._loop = asyncio.get_running_loop()
        self._starting = self.loop.create_future()
        for _ in range(self.size):
            self._spawn()
        await self._starting

    def health(self) -> dict[str, Any]:
        ready = sum(member.ready for member in self.members)
        return {"model_loaded": ready > 0, "check_processes": {"ready": ready, "of": self.size}}

    def pids(self) -> list[int]:
        """The process ids of the check processes now running or loading."""
        return [member.process.pid for member in self.members if member.process.pid]

    async def run(self, job: engine.Job, *args: Any) -> bytes:
        """``job(*args)`` in a check process; 503 if none starts it within the time limit,
        504 if it is not done by then, 500 if its process dies."""
        deadline = time.monotonic() + self.time_limit
        message = pickle.dumps((deadline, job, args), pickle.HIGHEST_PROTOCOL)
        pending = PendingJob(Frames.frame(message), self.loop.create_future())
        self.waiting.append(pending)
        self._dispatch()
        try:
            return await asyncio.wait_for(pending.reply, self.time_limit)
        except asyncio.TimeoutError:
            # wait_for has cancelled the reply: a queued job is skipped, a late body dropped.
            raise (engine.overran(self.time_limit) if pending.running else engine.busy()) from None

    async def stop(self) -> None:
        """Stop every process: close the sockets, which an idle process takes as its cue to exit,
        stop those still checking, and kill any left after :data:`STOP_SECONDS`."""
        self.stopping = True
        members, self.members = self.members, []
        self.idle.clear()
        for member in members:
            self._forget(member)
            if member.jobs:
                member.process.kill()  # nobody waits for its answer; it ignores SIGTERM
            self.waiting.extend(member.jobs)
        for pending in self.waiting:
            if not pending.reply.done():
                pending.reply.set_exception(engine.busy())
        self.waiting.clear()
        # The loop must run meanwhile: it closes the sockets.
        deadline = time.monotonic() + STOP_SECONDS
        while any(m.process.exitcode is None for m in members) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        for member in members:
            if member.process.exitcode is None:
                log.warning("check process %d did not stop in time; killing it", member.process.pid)
                member.process.kill()
                member.process.join()

    def _spawn(self) -> None:
        if self.stopping:
            return
        front_end, process_end = socket.socketpair()
        connection = Connection(process_end.detach())
        process = self.context.Process(
            target=serve_checks, args=(connection, self.warm_up), name="soat-check", daemon=True
        )
        with _sigint_blocked():
            process.start()
        connection.close()  # the process has its own copy; end of file must come from it alone
        member = CheckProcess(process)
        self.members.append(member)
        connecting = self.loop.create_unix_connection(lambda: Frames(self, member), sock=front_end)
        self._connecting.add(task := self.loop.create_task(connecting))
        task.add_done_callback(functools.partial(self._connected, member))

    def _connected(self, member: CheckProcess, task: asyncio.Task) -> None:
        """The front's end of a new process's socket is open, or could not be: then the
        process, which would wait for ever, is killed and counts as lost."""
        self._connecting.discard(task)
        if task.cancelled() or task.exception() is not None:
            log.error("cannot open the socket of check process %d", member.process.pid)
            member.process.kill()
            self.lost(member)

    def received(self, member: CheckProcess, message: bytes) -> None:
        """A check process said something: it is ready, or here is its first job's answer."""
        if not member.ready:
            member.ready = True
            self.idle.append(member)
            self._dispatch()
            self._check_started()
            return
        done = member.jobs.popleft()
        if member.watchdog is not None:
            member.watchdog.cancel()
            member.watchdog = None
        if member.jobs:
            self._begin(member)  # the process has taken the job queued in its socket
        else:
            self.idle.append(member)
        self._dispatch()  # the next job before this answer: a process never waits for it
        if not done.reply.done():
            reply = pickle.loads(message)
            if isinstance(reply, Failure):
                done.reply.set_exception(reply.error())
            else:
                done.reply.set_result(reply)

    def _dispatch(self) -> None:
        """Hand the oldest waiting jobs to idle processes or, when none is idle, queue one
        behind the check of the process that began it longest ago. A check process then finds
        its next job in its socket the moment it sends an answer, instead of waiting for the front
        to read the answer (about 5% more requests per second on two cores), and a job waits behind
        at most one check."""
        while self.waiting:
            pending = self.waiting[0]
            if pending.reply.done():  # its client gave up or its time ran out
                self.waiting.popleft()
                continue
            member = self._free_process()
            if member is None:
                return
            self.waiting.popleft()
            assert member.transport is not None, "a ready process is connected"
            member.transport.write(pending.message)
            member.jobs.append(pending)
            if len(member.jobs) == 1:
                self._begin(member)

    def _free_process(self) -> CheckProcess | None:
        if self.idle:
            return self.idle.popleft()
        checking = [m for m in self.members if m.ready and len(m.jobs) == 1]
        return min(checking, key=lambda m: m.started, default=None)

    def _begin(self, member: CheckProcess) -> None:
        """The process has begun its first job: time it."""
        member.jobs[0].running = True
        member.started = time.monotonic()
        member.watchdog = self.loop.call_later(self.time_limit, self._overran, member)

    def _overran(self, member: CheckProcess) -> None:
        log.warning(
            "check process %d spent more than %g s on one check; replacing it",
            member.process.pid,
            self.time_limit,
        )
        member.overran = True
        member.watchdog = None
        member.process.kill()  # the end of its socket calls lost

    def lost(self, member: CheckProcess) -> None:
        """A check process is gone: answer the request it was checking, give the one queued
        behind it to another process, start another."""
        if member not in self.members:
            return
        self.members.remove(member)
        if member in self.idle:
            self.idle.remove(member)
        self._forget(member)
        member.process.join(1)
        if member.jobs:
            running = member.jobs.popleft()
            if not running.reply.done():
                running.reply.set_exception(
                    engine.overran(self.time_limit)
                    if member.overran
                    else CheckProcessDied(
                        "Tiến trình kiểm tra dừng đột ngột; máy chủ đã khởi động lại nó.",
                        "The check process stopped unexpectedly; the server has restarted it.",
                    )
                )
            self.waiting.extendleft(reversed(member.jobs))
            self.loop.call_soon(self._dispatch)
        if self.stopping:
            return
        if not member.ready and self._starting is not None and not self._starting.done():
            self._starting.set_exception(
                PoolCannotStart(
                    f"a check process exited with status {member.process.exitcode} "
                    "before it was ready"
                )
            )
        elif not member.ready:
            log.error(
                "a check process exited with status %s while loading; trying again in %g s",
                member.process.exitcode,
                RESTART_DELAY,
            )
            self.loop.call_later(RESTART_DELAY, self._spawn)
        else:
            if not member.overran:
                log.error(
                    "check process %d exited with status %s; starting another",
                    member.process.pid,
                    member.process.exitcode,
                )
            self._spawn()

    def _forget(self, member: CheckProcess) -> None:
        """Stop listening to a process and close its socket (it exits when it reads the end)."""
        if member.watchdog is not None:
            member.watchdog.cancel()
            member.watchdog = None
        if member.transport is not None:
            member.transport.abort()  # connection_lost follows; lost has forgotten the process

    def _check_started(self) -> None:
        started = self._starting
        if started is not None and not started.done() and len(self.idle) == self.size:
            started.set_result(None)


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Block the stop signals in this thread while a process starts: the process inherits the
    mask, so a Ctrl-C that comes while it imports waits until it ignores the signal."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def serve_checks(connection: Connection, warm_up: bool) -> None:
    """A check process: load the model, say so, then run jobs until the front closes the socket."""
    # A terminal's Ctrl-C and a service manager's SIGTERM reach the whole process group: the
    # front handles them, and closes this process's socket once the requests under way are done.
    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    threading.Thread(target=_exit_with_front, name="soat-front-watch", daemon=True).start()
    engine.load(warm_up)
    engine.freeze_survivors()
    try:
        connection.send_bytes(READY)
        while True:
            deadline, job, args = pickle.loads(connection.recv_bytes())
            if time.monotonic() < deadline:
                answer = _answer(job, args)
            else:  # it waited behind a check until its client had a 503
                answer = Failure.of(engine.busy())
            connection.send_bytes(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
            engine.freeze_survivors()
    except (EOFError, OSError):  # the front closed the socket, or is gone
        return


def _answer(job: engine.Job, args: tuple) -> bytes | Failure:
    try:
        return job(*args)
    except SoatError as error:
        return Failure.of(error)
    except Exception:
        log.exception("a check failed")
        return UNEXPECTED


def _exit_with_front() -> None:
    """Exit as soon as the front is gone, even in the middle of a check."""
    front = multiprocessing.parent_process()
    if front is not None:
        multiprocessing.connection.wait([front.sentinel])
        os._exit(0)

"""Start the soat server under uvicorn: ``soat serve`` calls :func:`serve`.

Each of the ``workers`` processes builds its own app with :func:`soat.server.app.create_app`
and loads the model in the app's lifespan, before uvicorn lets it accept a connection. The
module also runs on its own (``python -m soat.server.run --port 8081``), which the load
benchmark and anyone without the CLI can use.

One worker is plain ``uvicorn.run``. With several, the obvious way (uvicorn's ``workers=N``:
every process accepts on one shared socket) hands keep-alive connections out very unevenly:
whichever process wakes first takes the connection, so under 16 persistent connections one
worker ran at 85% CPU and the other at 32%, and two workers served no more than one. On Linux
:class:`ReusePortWorkers` therefore gives each worker its own listening socket on the same port
(``SO_REUSEPORT``), and the kernel spreads new connections across the sockets by a hash of the
client's address and port. Elsewhere it falls back to uvicorn's shared socket.

The parent process only binds the sockets and watches the workers: Ctrl-C or SIGTERM stops them
all (each finishes its requests, up to the graceful timeout); a worker that fails to start stops
the server with uvicorn's start-up failure status (3); a worker that dies later is restarted on
its socket, as uvicorn's own supervisor does; a worker whose parent is gone stops itself.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
import threading
import time
from dataclasses import asdict, dataclass
from multiprocessing.process import BaseProcess

import uvicorn

APP_FACTORY = "soat.server.app:create_app"
STARTUP_FAILURE = 3  # uvicorn's exit status when a server cannot start
GRACEFUL_SHUTDOWN_SECONDS = 5
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

logger = logging.getLogger("uvicorn.error")


@dataclass(frozen=True)
class ServerOptions:
    """What every worker's uvicorn is started with."""

    host: str = "127.0.0.1"
    port: int = 8081
    access_log: bool = True
    log_level: str = "info"

    def uvicorn_arguments(self) -> dict[str, object]:
        """Keyword arguments for ``uvicorn.run`` and ``uvicorn.Config``."""
        return dict(
            app=APP_FACTORY,
            factory=True,
            **asdict(self),
            lifespan="on",
            server_header=False,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        )

    def config(self) -> uvicorn.Config:
        return uvicorn.Config(**self.uvicorn_arguments())


def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    workers: int = 1,
    *,
    access_log: bool = True,
    log_level: str = "info",
) -> None:
    """Serve until interrupted. ``workers`` > 1 starts that many processes, each with its own
    listening socket where the system balances connections across them (Linux), else on one
    shared socket."""
    options = ServerOptions(host, port, access_log, log_level)
    if workers <= 1:
        uvicorn.run(**options.uvicorn_arguments())
    elif reuse_port_balances():
        sys.exit(ReusePortWorkers(options, workers).run())
    else:
        uvicorn.run(**options.uvicorn_arguments(), workers=workers)


def reuse_port_balances() -> bool:
    """Whether listening sockets sharing a port with ``SO_REUSEPORT`` share its connections.
    Linux (3.9+) hashes connections across them; the BSDs and macOS accept the option but give
    every connection to one socket, and Windows lacks it."""
    if not sys.platform.startswith("linux") or not hasattr(socket, "SO_REUSEPORT"):
        return False
    try:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    except OSError:
        return False
    return True


class CannotListen(Exception):
    """The address cannot be bound (taken, not local, not permitted)."""


def bind_reuse_port_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` listening sockets on one address, each with ``SO_REUSEPORT``.

    A first bind without the option fails if anything already listens there, even another
    soat whose sockets have the option and would otherwise silently share our connections."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets: list[socket.socket] = []
    try:
        with socket.socket(family) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
            port = probe.getsockname()[1]  # port 0 picks one port for all the workers
        for _ in range(count):
            sock = socket.socket(family)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            sock.listen(2048)  # uvicorn's default backlog
    except OSError as error:
        for sock in sockets:
            sock.close()
        raise CannotListen(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return sockets


class ReusePortWorkers:
    """The parent process: one spawned worker per ``SO_REUSEPORT`` socket, kept running until a
    stop signal. :meth:`run` returns the exit status."""

    def __init__(self, options: ServerOptions, workers: int) -> None:
        self.options = options
        self.count = workers
        self.stopping = threading.Event()
        self.context = multiprocessing.get_context("spawn")

    def run(self) -> int:
        options = self.options
        options.config()  # configures uvicorn's logging in this process, as uvicorn.run would
        try:
            sockets = bind_reuse_port_sockets(options.host, options.port, self.count)
        except CannotListen as error:
            logger.error(str(error))
            return STARTUP_FAILURE
        port = sockets[0].getsockname()[1]
        logger.info(
            "soat running on http://%s:%d with %d worker processes, one socket each "
            "(SO_REUSEPORT); press Ctrl-C to quit",
            options.host,
            port,
            self.count,
        )
        handlers = {sig: signal.signal(sig, self._request_stop) for sig in STOP_SIGNALS}
        try:
            processes = [self._start(sock) for sock in sockets]
            status = self._supervise(processes, sockets)
            self._stop(processes)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
            for sock in sockets:
                sock.close()
        return status

    def _request_stop(self, signum: int, frame: object) -> None:
        self.stopping.set()

    def _start(self, sock: socket.socket) -> BaseProcess:
        # The child starts with SIGINT ignored, so a Ctrl-C while it imports prints no
        # traceback; uvicorn installs its own handler once it serves.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            process = self.context.Process(
                target=run_worker, args=(self.options, sock), name="soat-worker"
            )
            process.start()
        finally:
            signal.signal(signal.SIGINT, previous)
        return process

    def _supervise(self, processes: list[BaseProcess], sockets: list[socket.socket]) -> int:
        """Wait for a stop signal; restart workers that die. The exit status."""
        while not self.stopping.is_set():
            # Returns when a worker exits, or every half second to look at the stop flag.
            multiprocessing.connection.wait([p.sentinel for p in processes], timeout=0.5)
            for index, process in enumerate(processes):
                if process.exitcode is None or self.stopping.is_set():
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    logger.error("worker %d failed to start; stopping", process.pid)
                    return STARTUP_FAILURE
                logger.error(
                    "worker %d exited with status %s; restarting it", process.pid, process.exitcode
                )
                processes[index] = self._start(sockets[index])
        return 0

    def _stop(self, processes: list[BaseProcess]) -> None:
        """SIGTERM every worker, then kill those not gone after the graceful timeout."""
        for process in processes:
            if process.exitcode is None:
                process.terminate()
        deadline = time.monotonic() + GRACEFUL_SHUTDOWN_SECONDS + 2
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.exitcode is None:
                logger.warning("worker %d did not stop in time; killing it", process.pid)
                process.kill()
                process.join()


def run_worker(options: ServerOptions, sock: socket.socket) -> None:
    """A worker process: uvicorn serving the app on its own socket."""
    threading.Thread(target=_stop_when_parent_exits, name="soat-parent-watch", daemon=True).start()
    server = uvicorn.Server(options.config())
    try:
        server.run(sockets=[sock])
    except (Exception, SystemExit) as error:
        if server.started:
            raise
        if not isinstance(error, SystemExit):
            logger.exception("the app could not start")
    if not server.started:
        # Whatever stopped the start (the app cannot be built, its lifespan failed) would stop
        # a restarted worker too: exit with the status that tells the parent so.
        sys.exit(STARTUP_FAILURE)


def _stop_when_parent_exits() -> None:
    """Ask this worker to stop when its parent is gone (even killed), so none is orphaned."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os.kill(os.getpid(), signal.SIGTERM)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m soat.server.run", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    serve(
        args.host,
        args.port,
        args.workers,
        access_log=not args.no_access_log,
        log_level=args.log_level,
    )


if __name__ == "__main__":
    main()

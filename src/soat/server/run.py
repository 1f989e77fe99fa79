"""Start the soat server under uvicorn: ``soat serve`` calls :func:`serve`.

One process runs uvicorn and the app of :func:`soat.server.app.create_app`. With one worker it
also runs the checks, in a thread, and loads the model in the app's lifespan. With ``workers``
N > 1 it is only the front (HTTP, validation) and starts N check processes that take the
requests from one queue (:mod:`soat.server.pool`), so a request goes to whichever process is
free, whatever connection it came on.

That replaced one uvicorn process per worker, which balances connections, not requests. With
every process accepting on one shared socket (uvicorn's ``workers=N``), whichever woke first took
each keep-alive connection: under 16 connections one worker ran at 85% CPU, the other at 32%.
With one ``SO_REUSEPORT`` socket each, the kernel spread connections by a hash of the client's
address, 10 to 6 say, and the busier worker set the slowest answers. ``benchmarks/load.py
--workers 2`` (16 connections, 10,000 requests, 2 cores): p99 141 ms and max 325 ms that way,
96 ms and 112 ms with the pool, at 210 and 245 requests/s.

The module also runs on its own (``python -m soat.server.run --port 8081``), which the load
benchmark and anyone without the CLI can use. Ctrl-C or SIGTERM stops the server: requests under
way are answered (up to the graceful timeout), then the check processes are stopped.
"""

from __future__ import annotations

import argparse
import functools
import sys
from dataclasses import asdict, dataclass

import uvicorn

APP_FACTORY = "soat.server.app:create_app"
GRACEFUL_SHUTDOWN_SECONDS = 5


@dataclass(frozen=True)
class ServerOptions:
    """What uvicorn is started with."""

    host: str = "127.0.0.1"
    port: int = 8081
    access_log: bool = True
    log_level: str = "info"

    def uvicorn_arguments(self) -> dict[str, object]:
        """Keyword arguments for ``uvicorn.run``."""
        return dict(
            app=APP_FACTORY,
            factory=True,
            **asdict(self),
            lifespan="on",
            server_header=False,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        )


def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    workers: int = 1,
    *,
    access_log: bool = True,
    log_level: str = "info",
) -> None:
    """Serve until interrupted. ``workers`` > 1 checks in that many processes fed from one
    queue; on Windows, which lacks the Unix sockets the front speaks to them over, in that many
    uvicorn processes sharing one listening socket."""
    arguments = ServerOptions(host, port, access_log, log_level).uvicorn_arguments()
    if workers > 1 and sys.platform == "win32":
        arguments["workers"] = workers
    elif workers > 1:
        from soat.server.app import create_app

        arguments["app"] = functools.partial(create_app, processes=workers)
    uvicorn.run(**arguments)


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

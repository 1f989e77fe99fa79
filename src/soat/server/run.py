"""Start the soat server under uvicorn: ``soat serve`` calls :func:`serve`.

Each of the ``workers`` processes builds its own app with :func:`soat.server.app.create_app`
and loads the model in the app's lifespan, before uvicorn lets it accept a connection. The
module also runs on its own (``python -m soat.server.run --port 8081``), which the load
benchmark and anyone without the CLI can use.
"""

from __future__ import annotations

import argparse

import uvicorn

APP_FACTORY = "soat.server.app:create_app"


def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    workers: int = 1,
    *,
    access_log: bool = True,
    log_level: str = "info",
) -> None:
    """Serve until interrupted. ``workers`` > 1 starts that many processes on one socket."""
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=max(1, workers),
        lifespan="on",
        access_log=access_log,
        log_level=log_level,
        server_header=False,
        timeout_graceful_shutdown=5,
    )


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

"""The HTTP face of soat: a FastAPI app that speaks LanguageTool's API and serves the web editor.

Start reading at :func:`create_app`. The routes are thin: they read the request, hand the text
to :func:`soat.check` (or :func:`soat.restore_diacritics`) in a worker thread with a time limit,
and render the issues with :mod:`soat.server.languagetool`. The model is loaded once per worker
process, before the first request, in the app's lifespan.

Everything a client can send ends in a JSON answer: errors soat raises on purpose
(:class:`~soat.errors.SoatError`) carry their HTTP status, a body over the size limit gets 413
before it is parsed, a check that runs too long 504, a server too busy to start it 503.

Routes: ``POST|GET /v2/check``, ``GET /v2/languages``, ``GET /v2/info``, ``GET /v2/rules``,
``GET /health``, ``POST /api/restore``, and the editor at ``/`` with its assets in ``/static``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import soat
from soat.errors import SoatError, TooLargeError, UsageError
from soat.server import languagetool as lt

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
DEFAULT_TIME_LIMIT = 30.0
# The largest body worth parsing: 200,000 emoji percent-encoded take 2.4 MB.
MAX_BODY_BYTES = 4 * 1024 * 1024
# The editor loads nothing from elsewhere; neither may anything injected into it.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# Checked once at start-up: it touches every family of rules (non-words, typing residue, a
# foreign word, names, numbers, spacing), so tables loaded on first use are loaded before the
# first request rather than during it.
WARM_UP_TEXT = (
    "Món này rất thich hợp, vieejt nam đẹp lắm. Màn performace của Messi và Mesi ( hôm qua ) "
    "tăng 3.5% so với 12.000 người. Hôm nay trời đẹp ,nhưng ko mát."
)

T = TypeVar("T")


class CheckTimeout(SoatError):
    """A check ran longer than the server's time limit."""

    http_status = 504


class ServerBusy(SoatError):
    """The server could not start a check within its time limit."""

    http_status = 503


_ERROR_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    503: "busy",
    504: "timeout",
}


@dataclass
class Engine:
    """The per-process state behind the routes: the thread pool and the rules soat knows."""

    time_limit: float
    max_chars: int
    threads: int
    warm_up: bool = True
    executor: ThreadPoolExecutor | None = None
    loaded: bool = False
    rule_descriptions: dict[str, tuple[str, str]] = field(default_factory=dict)

    def start(self) -> None:
        """Load the model and the rule list (blocking; runs once per worker)."""
        soat.load()
        self.rule_descriptions = {
            rule.id: (rule.description, rule.description_en) for rule in soat.list_rules()
        }
        if self.warm_up:
            soat.check(WARM_UP_TEXT)
            soat.restore_diacritics("toi di hoc")
        self.loaded = True

    async def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` in the pool; 503 if it cannot start in time, 504 if it cannot finish."""
        assert self.executor is not None, "the app's lifespan has not started"
        future: Future[T] = self.executor.submit(work)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.time_limit)
        except asyncio.TimeoutError:
            # Cancelling succeeds only for work that never started; a running check cannot be
            # stopped, but the pool is bounded, so runaway checks cannot pile up.
            if future.cancelled() or future.cancel():
                raise ServerBusy(
                    "Máy chủ đang bận, chưa kiểm tra được văn bản. Hãy thử lại sau.",
                    "The server is busy and could not start the check. Try again later.",
                ) from None
            raise CheckTimeout(
                f"Việc kiểm tra vượt quá giới hạn {self.time_limit:g} giây.",
                f"The check took longer than the limit of {self.time_limit:g} seconds.",
            ) from None


def create_app(
    *,
    time_limit: float | None = None,
    max_chars: int = lt.MAX_CHARS,
    threads: int = 1,
    warm_up: bool = True,
) -> FastAPI:
    """The soat server. ``time_limit`` (seconds per request) defaults to the environment
    variable ``SOAT_TIME_LIMIT`` or 30; ``threads`` bounds the checks running at once;
    ``warm_up`` checks a sample text at start-up so the first request pays no loading.

    A check is pure Python holding the GIL, so a second thread adds no throughput: it only
    interleaves two checks, which costs CPU and doubles the slowest answers (under load 16 at
    once: 12 ms of server CPU and p99 ~270 ms per 1,000 characters with one thread, 13.6 ms and
    ~450 ms with four). One thread per process; more processes (``--workers``) for more cores."""
    if time_limit is None:
        time_limit = float(os.environ.get("SOAT_TIME_LIMIT", DEFAULT_TIME_LIMIT))
    engine = Engine(time_limit, max_chars, threads, warm_up=warm_up)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine.executor = ThreadPoolExecutor(threads, thread_name_prefix="soat-check")
        try:
            await asyncio.get_running_loop().run_in_executor(engine.executor, engine.start)
            yield
        finally:
            engine.executor.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(
        title="soat",
        version=soat.__version__,
        summary="Offline Vietnamese proofreader speaking the LanguageTool HTTP API",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = engine
    _add_error_handlers(app)
    _add_api_routes(app, engine)
    _add_editor_routes(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    return app


def _add_api_routes(app: FastAPI, engine: Engine) -> None:
    @app.api_route("/v2/check", methods=["GET", "POST"])
    async def check(request: Request) -> JSONResponse:
        fields = await read_fields(request)
        request.state.lang = lt.message_language(fields)
        parsed = lt.parse_check_request(fields, engine.rule_descriptions, engine.max_chars)

        def check_and_render() -> dict:
            issues = soat.check(parsed.document.plain, **parsed.check_options())
            return lt.render_check(parsed, issues, engine.rule_descriptions, soat.__version__)

        return JSONResponse(await engine.run(check_and_render))

    @app.get("/v2/languages")
    async def languages() -> list[dict]:
        return lt.LANGUAGES

    @app.get("/v2/info")
    async def info() -> dict:
        return {
            "software": lt.software(soat.__version__),
            "languages": lt.LANGUAGES,
            "rules": len(engine.rule_descriptions),
            "categories": list(lt.CATEGORIES),
            "maxTextLength": engine.max_chars,
            "maxCheckTimeMillis": int(engine.time_limit * 1000),
        }

    @app.get("/v2/rules")
    async def rules(request: Request) -> dict:
        lang = lt.message_language(request.query_params)
        return {"rules": [rule.describe(lang) for rule in soat.list_rules()]}

    @app.get("/health")
    async def health() -> JSONResponse:
        body = {
            "status": "ok" if engine.loaded else "loading",
            "model_loaded": engine.loaded,
            "version": soat.__version__,
        }
        return JSONResponse(body, status_code=200 if engine.loaded else 503)

    @app.post("/api/restore")
    async def restore(request: Request) -> dict:
        fields = await read_fields(request)
        request.state.lang = lt.message_language(fields)
        if "text" not in fields:
            raise UsageError("Thiếu tham số 'text'.", "Missing parameter 'text'.")
        text = lt.clean_text(fields["text"])
        if len(text) > engine.max_chars:
            raise lt.too_large(len(text), engine.max_chars)
        restore_all = lt.parse_bool("all", fields.get("all", "false"))
        restored = await engine.run(lambda: soat.restore_diacritics(text, all=restore_all))
        return {"text": restored}


def _add_editor_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    async def editor() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "index.html",
            headers={
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
                "Cache-Control": "no-cache",
            },
        )

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


async def read_fields(request: Request) -> dict[str, str]:
    """The request's parameters: the query string, then the form or JSON body over it."""
    fields = dict(request.query_params)
    if request.method != "POST":
        return fields
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        fields.update(_json_fields(await request.body()))
        return fields
    form = await request.form(max_part_size=MAX_BODY_BYTES)
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            value = _decode(await value.read(), name)
        fields[name] = value
    return fields


def _json_fields(body: bytes) -> dict[str, str]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise UsageError("Thân yêu cầu không phải JSON.", "The body is not JSON.") from error
    if not isinstance(data, dict):
        raise UsageError("JSON phải là một object.", "The JSON body must be an object.")
    fields: dict[str, str] = {}
    for name, value in data.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, (int, float)):
            value = str(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str):
            raise UsageError(
                f"Giá trị của '{name}' phải là chuỗi.", f"The value of '{name}' must be a string."
            )
        fields[name] = lt.clean_text(value)
    return fields


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"Tệp gửi trong '{name}' không phải UTF-8.", f"The file sent as '{name}' is not UTF-8."
        ) from error


def error_response(status: int, message: str, message_en: str = "") -> JSONResponse:
    """The JSON body of every error the server answers with."""
    body = {
        "status": status,
        "error": _ERROR_CODES.get(status, "error"),
        "message": message,
        "message_en": message_en or message,
    }
    return JSONResponse(body, status_code=status)


def _request_lang(request: Request) -> str:
    lang = getattr(request.state, "lang", None)
    return lang or lt.message_language(request.query_params)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SoatError)
    async def soat_error(request: Request, error: SoatError) -> JSONResponse:
        lang = _request_lang(request)
        return error_response(error.http_status, error.localized(lang), error.message_en)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(400, "Yêu cầu không hợp lệ.", f"Invalid request: {error.errors()}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        detail = str(error.detail)
        return error_response(error.status_code, detail, detail)

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            500,
            "Lỗi máy chủ không mong đợi; lỗi đã được ghi lại.",
            "Unexpected server error; it has been logged.",
        )


class BodyLimit:
    """Refuses bodies over ``max_bytes`` (413) before they are read into memory."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit():
            response = error_response(400, "Content-Length sai.", "Bad Content-Length.")
            await response(scope, receive, send)
            return
        if int(declared) > self.max_bytes:
            response = error_response(413, "Thân yêu cầu quá lớn.", "Request body too large.")
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise TooLargeError("Thân yêu cầu quá lớn.", "Request body too large.")
            return message

        await self.app(scope, counting_receive, send)


class SecurityHeaders:
    """Adds headers that stop browsers from sniffing types or leaking the page's address."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)

"""The HTTP face of soat: a FastAPI app that speaks LanguageTool's API and serves the web editor.

Start reading at :func:`create_app`. The routes are thin: they read and validate the request,
hand a job that checks the text (or restores its diacritics) and renders the JSON answer to an
engine (:mod:`soat.server.engine`: a thread of this process, or a pool of check processes) with
a time limit, and send the bytes it returns. The model is loaded once per checking process,
before the first request, in the app's lifespan.

Everything a client can send ends in a JSON answer: errors soat raises on purpose
(:class:`~soat.errors.SoatError`) carry their HTTP status, a body over the size limit gets 413
before it is parsed, a check that runs too long 504, a server too busy to start it 503.

Routes: ``POST|GET /v2/check``, ``GET /v2/languages``, ``GET /v2/info``, ``GET /v2/rules``,
``GET /health``, ``POST /api/restore``, and the editor at ``/`` with its assets in ``/static``.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import unquote_to_bytes

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import soat
from soat.errors import SoatError, TooLargeError, UsageError
from soat.server import languagetool as lt
from soat.server.engine import (
    InProcess,
    check_body,
    freeze_survivors,
    restore_body,
    rule_descriptions,
)
from soat.server.pool import CheckPool
from soat.text.reading import decode_text

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
DEFAULT_TIME_LIMIT = 30.0
JSON = "application/json"
# The largest body worth parsing: 200,000 emoji percent-encoded take 2.4 MB.
MAX_BODY_BYTES = 4 * 1024 * 1024
MAX_FORM_FIELDS = 1000  # as Starlette's form parser
# The editor loads nothing from elsewhere; neither may anything injected into it.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

_ERROR_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    503: "busy",
    504: "timeout",
}


def create_app(
    *,
    time_limit: float | None = None,
    max_chars: int = lt.MAX_CHARS,
    threads: int = 1,
    processes: int = 0,
    warm_up: bool = True,
) -> FastAPI:
    """The soat server. ``time_limit`` (seconds per request) defaults to the environment
    variable ``SOAT_TIME_LIMIT`` or 30; ``warm_up`` checks a sample text at start-up so the
    first request pays no loading.

    With ``processes`` 0 the checks run in this process, ``threads`` at a time
    (:class:`~soat.server.engine.InProcess`); otherwise in that many check processes fed from
    one queue (:class:`~soat.server.pool.CheckPool`), and this process does not load the model."""
    if time_limit is None:
        time_limit = float(os.environ.get("SOAT_TIME_LIMIT", DEFAULT_TIME_LIMIT))
    checks: InProcess | CheckPool
    if processes > 0:
        checks = CheckPool(processes, time_limit, warm_up=warm_up)
    else:
        checks = InProcess(time_limit, threads, warm_up=warm_up)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            rule_descriptions()
            await checks.start()
            freeze_survivors()  # what start-up loaded lives as long as the server
            yield
        finally:
            await checks.stop()

    app = FastAPI(
        title="soat",
        version=soat.__version__,
        summary="Offline Vietnamese proofreader speaking the LanguageTool HTTP API",
        lifespan=lifespan,
        # Tracing is off unless configured, but asking costs every request a little.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        docs_url=None,
        redoc_url=None,
    )
    app.state.checks = checks
    _add_error_handlers(app)
    _add_api_routes(app, checks, max_chars)
    _add_editor_routes(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    return app


def _add_api_routes(app: FastAPI, checks: InProcess | CheckPool, max_chars: int) -> None:
    async def check(request: Request) -> Response:
        fields = await read_fields(request)
        request.state.lang = lt.message_language(fields)
        parsed = lt.parse_check_request(fields, rule_descriptions(), max_chars)
        return Response(await checks.run(check_body, parsed), media_type=JSON)

    # A plain Starlette route: FastAPI's would solve dependencies this handler does not have,
    # a third of the app's own time per check request.
    app.add_route("/v2/check", check, methods=["GET", "POST"])

    @app.get("/v2/languages")
    async def languages() -> list[dict]:
        return lt.LANGUAGES

    @app.get("/v2/info")
    async def info() -> dict:
        return {
            "software": lt.software(soat.__version__),
            "languages": lt.LANGUAGES,
            "rules": len(rule_descriptions()),
            "categories": list(lt.CATEGORIES),
            "maxTextLength": max_chars,
            "maxCheckTimeMillis": int(checks.time_limit * 1000),
        }

    @app.get("/v2/rules")
    async def rules(request: Request) -> dict:
        lang = lt.message_language(request.query_params)
        return {"rules": [rule.describe(lang) for rule in soat.list_rules()]}

    @app.get("/health")
    async def health() -> JSONResponse:
        state = checks.health()
        ready = state["model_loaded"]
        body = {"status": "ok" if ready else "loading", **state, "version": soat.__version__}
        return JSONResponse(body, status_code=200 if ready else 503)

    @app.post("/api/restore")
    async def restore(request: Request) -> Response:
        fields = await read_fields(request)
        request.state.lang = lt.message_language(fields)
        if "text" not in fields:
            raise UsageError("Thiếu tham số 'text'.", "Missing parameter 'text'.")
        text = lt.clean_text(fields["text"])
        if len(text) > max_chars:
            raise lt.too_large(len(text), max_chars)
        restore_all = lt.parse_bool("all", fields.get("all", "false"))
        return Response(await checks.run(restore_body, text, restore_all), media_type=JSON)


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
    if content_type == "application/x-www-form-urlencoded":
        fields.update(decode_form(await request.body()))
        return fields
    form = await request.form(max_part_size=MAX_BODY_BYTES)
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            value = decode_text(await value.read(), f"'{name}'").text
        fields[name] = value
    return fields


def decode_form(body: bytes) -> dict[str, str]:
    """The fields of an ``application/x-www-form-urlencoded`` body; a repeated name keeps its
    last value. Bytes sent without escaping count as UTF-8, as browsers read forms (``curl -d
    text=Món`` sends them so)."""
    pairs = body.split(b"&", MAX_FORM_FIELDS)
    if len(pairs) > MAX_FORM_FIELDS:
        raise UsageError(
            f"Quá {MAX_FORM_FIELDS} tham số.", f"More than {MAX_FORM_FIELDS} parameters."
        )
    fields: dict[str, str] = {}
    for pair in pairs:
        if pair:
            name, _, value = pair.partition(b"=")
            fields[unquote_form(name)] = unquote_form(value)
    return fields


def unquote_form(value: bytes) -> str:
    """One name or value of a form: ``+`` is a space, ``%XX`` a byte, the bytes UTF-8.

    Vietnamese text sends a ``%XX`` for nearly every other byte, and ``urllib``'s decoder
    handles them one at a time in Python: 150 µs per 1,000 characters, a sixth of the server's
    own work per check request. With backslashes doubled and each ``%`` turned into ``\\x``, they
    are Python escapes that ``codecs.escape_decode`` (the decoder of ``pickle``'s text
    protocol) decodes in C, six times faster. A ``%`` without two hex digits after it makes
    that fail, and ``urllib`` decodes the value, keeping the ``%`` as it is."""
    value = value.replace(b"+", b" ")
    if b"%" in value:
        try:
            value = codecs.escape_decode(value.replace(b"\\", b"\\\\").replace(b"%", b"\\x"))[0]
        except ValueError:
            value = unquote_to_bytes(value)
    return value.decode("utf-8", "replace")


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

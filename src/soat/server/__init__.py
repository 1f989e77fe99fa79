"""soat's HTTP server: LanguageTool's ``/v2`` API and the web editor.

:mod:`soat.server.app` builds the FastAPI app (start there), :mod:`soat.server.languagetool`
translates requests and issues to and from LanguageTool's JSON, :mod:`soat.server.engine` runs
the checks (in the server's process) and :mod:`soat.server.pool` runs them in check processes
fed from one queue (``--workers N``), :mod:`soat.server.run` starts uvicorn (``soat serve``),
and ``static/`` holds the editor page, all of it served locally.
"""

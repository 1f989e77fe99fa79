"""Load benchmark of ``soat serve``: many news-sized ``/v2/check`` requests, from this machine.

Starts the server in a subprocess on a free loopback port (the same uvicorn stack as
``soat serve``), waits for ``/health``, warms it up, then sends ``--requests`` requests of about
``--chars`` characters of Vietnamese news at ``--concurrency`` over keep-alive connections (a
small asyncio client, so that the load costs the shared CPU little) and prints requests per
second, latency percentiles, errors, the CPU time per request of the server (the process
started, and its check processes) and of the client, and the server's memory before and after
the run, all its processes together: resident (RSS, the pages of the memory-mapped model
counted in every process that maps them) and proportional (PSS, each counted once). It
stops by itself: after the last request or after ``--max-seconds``, whichever comes first, and
always shuts the server down.

The texts are paragraphs of held-out news (``soat.lm.corpus.iter_documents("heldout")``) when
the corpus is available, else a few paragraphs written for this benchmark; requests cycle
through them (10,000 requests send each of 1,000 texts ten times; the server keeps no cache of
answers, only the tables every check fills).

    PYTHONPATH=src python benchmarks/load.py [--requests 10000] [--concurrency 16]
        [--chars 1000] [--workers 1]

Targets (issue 6): zero errors, p99 under 100 ms for a 1,000-character request, memory flat.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

SRC = Path(__file__).resolve().parents[1] / "src"

# Written for this benchmark in the style of Vietnamese news, used when no corpus is at hand.
FALLBACK_PARAGRAPHS = [
    "Sáng nay, Ủy ban nhân dân thành phố đã tổ chức buổi họp báo công bố kế hoạch cải tạo hệ "
    "thống thoát nước tại các quận trung tâm. Theo đại diện Sở Xây dựng, công trình dự kiến khởi "
    "công vào tháng 9 và hoàn thành trong hai năm, với tổng vốn đầu tư khoảng 1.200 tỷ đồng.",
    "Đội tuyển bóng đá quốc gia sẽ hội quân vào cuối tuần này để chuẩn bị cho hai trận giao hữu "
    "quốc tế. Huấn luyện viên trưởng cho biết ông muốn thử nghiệm một số cầu thủ trẻ đang có "
    "phong độ tốt tại giải vô địch quốc gia, đồng thời hoàn thiện lối chơi phòng ngự.",
    "Giá xăng dầu trong nước được điều chỉnh tăng nhẹ từ 15 giờ chiều qua. Liên bộ Công Thương - "
    "Tài chính cho biết quyết định được đưa ra sau khi giá thế giới biến động mạnh trong kỳ, "
    "đồng thời tiếp tục trích lập quỹ bình ổn để hạn chế ảnh hưởng tới người tiêu dùng.",
    "Nhiều trường đại học đã công bố điểm sàn xét tuyển năm nay, phần lớn dao động từ 15 đến 20 "
    "điểm. Các chuyên gia khuyên thí sinh nên cân nhắc kỹ nguyện vọng, lựa chọn ngành học phù "
    "hợp với năng lực và sở thích thay vì chạy theo những ngành đang được xem là thời thượng.",
    "Mưa lớn kéo dài nhiều ngày qua khiến nhiều tuyến đường ở các tỉnh miền núi phía Bắc bị sạt "
    "lở, giao thông bị chia cắt. Lực lượng chức năng đã huy động máy móc khắc phục, đồng thời "
    "khuyến cáo người dân hạn chế đi lại qua những khu vực có nguy cơ cao.",
    "Tại hội thảo về chuyển đổi số diễn ra hôm qua, các doanh nghiệp nhỏ và vừa chia sẻ những "
    "khó khăn khi ứng dụng công nghệ vào quản lý. Thiếu nhân lực có kỹ năng và chi phí đầu tư "
    "ban đầu là hai trở ngại lớn nhất mà nhiều đơn vị nêu ra.",
]


def news_texts(chars: int, count: int) -> tuple[list[str], str]:
    """Up to ``count`` distinct texts of about ``chars`` characters (from half to one and a half
    times that): runs of whole consecutive sentences of one article."""
    texts: list[str] = []
    bodies, source = _article_bodies()
    for body in bodies:
        current = ""
        for sentence in _SENTENCE_BREAK.split(body):
            sentence = sentence[:chars]
            longer = len(current) + 1 + len(sentence)
            # Stop before the sentence that would take the text further from the target.
            if current and longer - chars > chars - len(current):
                if len(current) >= chars // 2:
                    texts.append(current)
                current = ""
            current = f"{current} {sentence}" if current else sentence
        if len(texts) >= count:
            break
    return texts[:count], source


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+")


def _article_bodies() -> tuple[Iterator[str], str]:
    try:
        from soat.lm.corpus import iter_documents

        documents = iter_documents("heldout", ("baomoi",))
        first = next(documents)
    except Exception as error:  # noqa: BLE001 - any failure falls back to the built-in texts
        print(f"(no held-out corpus: {error}; using built-in paragraphs)", file=sys.stderr)
        rotations = (
            " ".join(FALLBACK_PARAGRAPHS[i:] + FALLBACK_PARAGRAPHS[:i])
            for i in range(len(FALLBACK_PARAGRAPHS))
        )
        return rotations, "built-in paragraphs"
    # The first line of an article is its title.
    bodies = (d.text.split("\n", 1)[-1] for d in itertools.chain([first], documents))
    return bodies, "held-out baomoi news"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    command = [
        sys.executable,
        "-m",
        "soat.server.run",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(command, env=env)


def wait_until_healthy(url: str, server: subprocess.Popen, timeout: float = 180) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the server was not healthy after {timeout:.0f} s")


@dataclass(frozen=True)
class ServerUsage:
    """CPU time so far and memory of the server: the process started and its descendants (the
    check processes of ``--workers N``)."""

    front_cpu: float  # seconds, user and system
    children_cpu: float
    rss_mb: float  # every process's resident memory, the shared model pages in each
    pss_mb: float  # the same with each shared page split between the processes that map it


def server_usage(pid: int) -> ServerUsage:
    try:
        import psutil
    except ImportError:
        return _proc_usage(pid)
    front = psutil.Process(pid)
    children = front.children(recursive=True)
    memory = [p.memory_full_info() for p in (front, *children)]
    return ServerUsage(
        sum(front.cpu_times()[:2]),
        sum(sum(p.cpu_times()[:2]) for p in children),
        sum(m.rss for m in memory) / 2**20,
        sum(getattr(m, "pss", m.rss) for m in memory) / 2**20,
    )


def _usage_or_none(pid: int) -> ServerUsage | None:
    """:func:`server_usage`, or None when a process ends while it is read."""
    try:
        return server_usage(pid)
    except Exception:  # psutil.NoSuchProcess, or a /proc file gone: any of them, same meaning
        return None


def _proc_usage(pid: int) -> ServerUsage:
    """:func:`server_usage` from Linux's ``/proc``, without psutil."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = _children(pid)
    pids = [pid, *children]
    return ServerUsage(
        _proc_cpu_ticks(pid) / ticks,
        sum(_proc_cpu_ticks(p) for p in children) / ticks,
        sum(_proc_kb(p, "status", "VmRSS:") for p in pids) / 1024,
        sum(_proc_kb(p, "smaps_rollup", "Pss:") for p in pids) / 1024,
    )


def _proc_cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found: list[int] = []
        for task in tasks:
            found += [int(c) for c in (task / "children").read_text().split()]
        return found + [g for c in found for g in _children(c)]
    except OSError:
        return []


def _proc_kb(pid: int, name: str, key: str) -> int:
    for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return 0


class Connection:
    """One keep-alive HTTP/1.1 connection that POSTs prepared form bodies.

    The load must come from a client that costs little next to the server it measures: on a
    2-core machine the client shares the CPU with the server, and an httpx request costs a few
    milliseconds of client CPU. This writes a prepared request and reads the answer by its
    Content-Length (what uvicorn sends for a JSON response), a few dozen microseconds."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, head: bytes, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(head + body)
            status_line = await self.reader.readuntil(b"\r\n")
            headers = await self.reader.readuntil(b"\r\n\r\n")
            length = int(_CONTENT_LENGTH.search(headers).group(1))
            answer = await self.reader.readexactly(length)
            if _CONNECTION_CLOSE.search(headers):
                self.close()
            return int(status_line.split()[1]), answer
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:\s*(\d+)")
_CONNECTION_CLOSE = re.compile(rb"(?im)^connection:\s*close")


def check_request(host: str, port: int, text: str) -> tuple[bytes, bytes]:
    """The head and body of a form-encoded ``/v2/check`` request for ``text``."""
    body = urlencode({"language": "vi-VN", "text": text}).encode()
    head = (
        f"POST /v2/check HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head, body


async def run_load(
    url: str,
    texts: list[str],
    requests: int,
    concurrency: int,
    max_seconds: float,
    watch: tuple[int, list[tuple[int, ServerUsage]]] | None = None,
) -> tuple[list[float], Counter, int, float]:
    """Send the requests; return latencies (s), errors by kind, matches seen, wall time.

    With ``watch = (pid, samples)``, the server's usage is appended to ``samples`` after every
    tenth of the requests (read in a thread, so the event loop does not wait for /proc)."""
    loop = asyncio.get_running_loop()
    pending_samples: list[tuple[int, asyncio.Future]] = []
    every = max(1, requests // 10)
    completed = 0
    latencies: list[float] = []
    errors: Counter = Counter()
    matches = 0
    next_index = 0
    deadline = time.monotonic() + max_seconds
    address = urlsplit(url)
    prepared = [check_request(address.hostname, address.port, text) for text in texts]

    async def worker() -> None:
        nonlocal next_index, matches, completed
        connection = Connection(address.hostname, address.port)
        while next_index < requests and time.monotonic() < deadline:
            head, body = prepared[next_index % len(prepared)]
            next_index += 1
            started = time.perf_counter()
            try:
                status, answer = await connection.post(head, body)
                elapsed = time.perf_counter() - started
                if status == 200:
                    matches += len(json.loads(answer)["matches"])
                    latencies.append(elapsed)
                else:
                    errors[f"HTTP {status}"] += 1
            except (OSError, ValueError, AttributeError, asyncio.IncompleteReadError) as error:
                errors[type(error).__name__] += 1
            completed += 1
            if watch is not None and completed % every == 0:
                future = loop.run_in_executor(None, _usage_or_none, watch[0])
                pending_samples.append((completed, future))
        connection.close()

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.monotonic() - started
    if watch is not None:
        for done, future in pending_samples:
            usage = await future
            if usage is not None:  # a process ended while it was read: no sample
                watch[1].append((done, usage))
    return latencies, errors, matches, wall


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def memory_line(label: str, started: float, warm: float, end: float) -> str:
    return (
        f"{label:<14}{started:.1f} MB after start, {warm:.1f} MB after warm-up, "
        f"{end:.1f} MB after the run ({end - warm:+.1f} MB)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--chars", type=int, default=1000, help="characters per request")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--warmup", type=int, default=200, help="requests before measuring")
    parser.add_argument("--max-seconds", type=float, default=900, help="stop the run after this")
    args = parser.parse_args(argv)

    texts, source = news_texts(args.chars, min(args.requests, 1000))
    mean_chars = statistics.mean(len(t) for t in texts)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers)
    try:
        startup = wait_until_healthy(url, server)
        loaded = server_usage(server.pid)
        asyncio.run(run_load(url, texts, args.warmup, args.concurrency, args.max_seconds))
        before, client_cpu = server_usage(server.pid), time.process_time()
        samples: list[tuple[int, ServerUsage]] = []
        latencies, errors, matches, wall = asyncio.run(
            run_load(
                url,
                texts,
                args.requests,
                args.concurrency,
                args.max_seconds,
                watch=(server.pid, samples),
            )
        )
        client_cpu = time.process_time() - client_cpu
        after = server_usage(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    done = len(latencies) + sum(errors.values())
    print(f"soat serve load benchmark: {args.workers} worker(s), concurrency {args.concurrency}")
    distinct = len(set(texts))
    print(f"texts:        {distinct} distinct, mean {mean_chars:.0f} characters, from {source}")
    print(f"startup:      {startup:.1f} s until /health answered")
    print(f"requests:     {done} of {args.requests} in {wall:.1f} s = {done / wall:.1f} requests/s")
    print(
        "latency:      p50 {:.1f} ms, p90 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms".format(
            *(1000 * percentile(latencies, f) for f in (0.50, 0.90, 0.99, 1.0))
        )
    )
    per_request = 1000 / max(1, done)
    front_cpu = (after.front_cpu - before.front_cpu) * per_request
    children_cpu = (after.children_cpu - before.children_cpu) * per_request
    print(
        f"CPU:          server {front_cpu + children_cpu:.1f} ms per request "
        f"(front {front_cpu:.1f} + its child processes {children_cpu:.1f}), "
        f"client {client_cpu * per_request:.2f} ms per request "
        f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})"
    )
    print(f"errors:       {sum(errors.values())}" + (f" {dict(errors)}" if errors else ""))
    print(f"matches:      {matches / max(1, len(latencies)):.2f} per request")
    print(memory_line("server RSS:", loaded.rss_mb, before.rss_mb, after.rss_mb))
    print(memory_line("server PSS:", loaded.pss_mb, before.pss_mb, after.pss_mb))
    if samples:  # flat means: no growth once every text has been seen and the caches filled
        series = ", ".join(f"{done:,}: {usage.pss_mb:.0f}" for done, usage in samples)
        print(f"PSS (MB) after n requests: {series}")
    return 1 if errors or done < args.requests else 0


if __name__ == "__main__":
    sys.exit(main())

"""Load and faults: many visitors at once, then the same while data is published and a worker dies.

Serves the demo (and, with ``--areas N``, a synthetic dataset of N areas)
with real gunicorn, 2 workers of 4 threads, on loopback, and runs two phases
of ``--seconds`` each with ``--clients`` concurrent clients:

* **steady**: nothing else happens (after an untimed visit of every link by
  every client, so that the workers are warm);
* **faults**: the demo is published ``--publishes`` times, evenly spread, and
  one worker is killed with SIGKILL once, 40 % into the phase.

Each client repeats a visit as a browser makes it: the page ``/`` of one of
the links captured from a real session (``tests/fuzz/captured.json``), Dash's
``/_dash-layout`` with that page as ``Referer`` and ``Sec-Fetch-Site:
same-origin``, the geometry, values and change files the page preloads
(gzip accepted; an old release's redirect followed), and, on the demo, two of
the captured callback bodies posted to ``/_dash-update-component``.  Clients
keep their connections alive; a request that fails on a reused connection
before any byte of its answer is sent again once on a new connection, as
browsers do, and counted as such.

Reported per phase: requests per second; p50, p95 and p99 latency overall and
per kind of request; answers by status; errors by kind (each HTTP status of
400 or more, 500 also on its own, connection resets, refusals, timeouts);
resets, and requests resent after one, split into those under way at the kill
(or in the 3 s after it) and the rest; the first few failures with their
request; requests and p95 per 5 s; the server's log lines about errors and
workers; each worker's resident memory (largest and last); the publishes'
times; and, for the whole run, the cores other processes used, which distort
every figure.  ``--nginx`` puts the shipped ``deploy/nginx`` configuration in
front.

    python -m bench.load [--clients 20] [--seconds 60] [--areas 6000] [--nginx]

Prints one JSON line and exits 1 when the steady phase saw any error or
either phase a 500.  Not a test: its figures depend on the machine and on
whatever else runs on it (docs/performance.md, "Load and faults").
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import http.client
import json
import os
import platform
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.run import REPO, _free_port

CAPTURED = json.loads((REPO / "tests" / "fuzz" / "captured.json").read_text(encoding="utf-8"))
PRELOAD = re.compile(r'<link rel="preload" href="([^"]+)" as="fetch"')
SYNTHETIC_LINKS = ({"ds": "synthetic"}, {"ds": "synthetic", "level": "regso", "ind": "langtidsarbetsloshet"},
                   {"ds": "synthetic", "mode": "change", "year": "2024", "year2": "2011"})
KILL_AT = 0.4
KILL_WINDOW_S = 3.0
SAMPLES = 12
TIMELINE_S = 5
# Server log lines worth reporting: errors, tracebacks and what happens to workers.
LOG_LINE = re.compile(r"ERROR|CRITICAL|Traceback|unhandled|WORKER TIMEOUT|SIGKILL|Booting worker|exited", re.I)
RESETS = (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected, http.client.IncompleteRead,
          ConnectionAbortedError)


class Stale(Exception):
    """A reused connection failed before any answer: the server had closed it."""


class Client:
    """One visitor's keep-alive connection; records every request in ``log``."""

    def __init__(self, base: str, log: list, rng: random.Random):
        parts = urlsplit(base)
        self.host, self.port, self.base = parts.hostname, parts.port, base
        self.log, self.rng = log, rng
        self.conn: http.client.HTTPConnection | None = None
        self.used = False

    def _connect(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.used = False
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None

    def _once(self, method: str, path: str, body: bytes | None, headers: dict) -> tuple[int, dict, bytes]:
        conn = self._connect()
        reused = self.used
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
            self.close()
            if reused:
                raise Stale() from exc
            raise
        self.used = True
        data = response.read()
        if response.will_close:
            self.close()
        return response.status, response.headers, data

    def request(self, kind: str, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None) -> tuple[int, dict, bytes] | None:
        headers = {"Accept-Encoding": "gzip, deflate", **(headers or {})}
        started = time.monotonic()
        resent = False
        try:
            try:
                status, answer_headers, data = self._once(method, path, body, headers)
            except Stale:
                resent = True
                status, answer_headers, data = self._once(method, path, body, headers)
        except Exception as exc:  # every failure is a result here, classified below
            self.close()
            self.log.append((kind, method, path, _failure(exc), started, time.monotonic() - started, resent))
            return None
        self.log.append((kind, method, path, status, started, time.monotonic() - started, resent))
        return status, answer_headers, data

    def get(self, kind: str, path: str, headers: dict | None = None) -> tuple[int, dict, bytes] | None:
        answer = self.request(kind, "GET", path, headers=headers)
        if answer and answer[0] in (301, 302, 303, 307, 308) and answer[1].get("Location"):
            location = urlsplit(answer[1]["Location"])
            answer = self.request(kind, "GET", location.path + (f"?{location.query}" if location.query else ""),
                                  headers=headers)
        return answer

    def visit(self, link: dict, callbacks: bool) -> None:
        query = "?" + urlencode(link)
        answer = self.get("page", "/" + query, {"Accept": "text/html"})
        if not answer or answer[0] != 200:
            return
        page = gzip.decompress(answer[2]) if answer[1].get("Content-Encoding") == "gzip" else answer[2]
        self.get("layout", "/_dash-layout", {"Accept": "application/json", "Referer": self.base + "/" + query,
                                             "Sec-Fetch-Site": "same-origin"})
        for url in PRELOAD.findall(page.decode("utf-8", "replace")):
            url = html.unescape(url)
            self.get(url.split("/")[1], url)  # geo, values or change
        if callbacks:
            for body in self.rng.sample(CAPTURED["callbacks"], 2):
                self.request("callback", "POST", "/_dash-update-component", json.dumps(body).encode(),
                             {"Content-Type": "application/json", "Accept": "application/json"})


def _failure(exc: Exception) -> str:
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, RESETS):
        return "reset"
    return type(exc).__name__


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99), "max_ms": round(ordered[-1] * 1000, 1)}


def _children(pid: int) -> list[int]:
    with contextlib.suppress(OSError):
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return []


def _rss_mib(pid: int) -> float | None:
    with contextlib.suppress(OSError, AttributeError):
        return round(int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1)) / 1024, 1)
    return None


class MemoryWatch(threading.Thread):
    """Samples the resident memory of gunicorn's workers twice a second."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master, self.stop, self.largest, self.last = master, threading.Event(), {}, {}

    def run(self) -> None:
        while not self.stop.wait(0.5):
            for pid in _children(self.master):
                rss = _rss_mib(pid)
                if rss is not None:
                    self.largest[pid] = max(self.largest.get(pid, 0), rss)
                    self.last[pid] = rss

    def report(self) -> dict:
        return {"largest_mib": {str(p): v for p, v in self.largest.items()},
                "last_mib": {str(p): v for p, v in self.last.items()}, "master_mib": _rss_mib(self.master)}


def _publisher(root: Path, count: int, seconds: float) -> None:
    """Child process: build the demo, say ready, then publish it ``count`` times over ``seconds``."""
    from geodata import store
    from geodata.demo import build_demo

    ds = build_demo()
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.time()
    for i in range(count):
        time.sleep(max(0.0, started + (i + 0.5) * seconds / count - time.time()))
        began = time.time()
        release = store.publish(ds, root).name
        print(json.dumps({"at": time.time(), "took": time.time() - began, "release": release}), flush=True)


def run_phase(name: str, base: str, master: int, links: list[tuple[dict, bool]], args,
              faults: dict | None) -> dict:
    """Run the clients for ``args.seconds``; with ``faults``, publish and kill a worker meanwhile."""
    log: list = []
    if faults is None:
        # Untimed, every client visits every link once, so that the steady phase measures warm
        # workers (both of them: a kept-alive connection stays with one) and not the first
        # rendering of each view, which takes seconds for 6,000 areas with 20 clients asking.
        def warm(seed: int) -> None:
            visitor = Client(base, [], random.Random(seed))
            for link, callbacks in links:
                visitor.visit(link, callbacks)
            visitor.close()

        warmers = [threading.Thread(target=warm, args=(i,)) for i in range(args.clients)]
        for thread in warmers:
            thread.start()
        for thread in warmers:
            thread.join()
    watch = MemoryWatch(master)
    watch.start()
    stop_at = time.monotonic() + args.seconds
    rng = random.Random(name)

    def client(seed: int) -> None:
        visitor = Client(base, log, random.Random(seed))
        while time.monotonic() < stop_at:
            link, callbacks = visitor.rng.choice(links)
            visitor.visit(link, callbacks)
        visitor.close()

    publisher = kill = None
    if faults is not None:
        publisher = subprocess.Popen([sys.executable, "-m", "bench.load", "--publisher", str(faults["root"]),
                                      "--publishes", str(args.publishes), "--seconds", str(args.seconds)],
                                     cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert publisher.stdout.readline().strip() == "ready"
        stop_at = time.monotonic() + args.seconds
    started_wall, started = time.time(), time.monotonic()
    threads = [threading.Thread(target=client, args=(rng.random(),)) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    if publisher is not None:
        publisher.stdin.write("go\n")
        publisher.stdin.flush()
        time.sleep(args.seconds * KILL_AT)
        victim = _children(master)[0]
        kill = {"pid": victim, "at_s": round(time.monotonic() - started, 2)}
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        while len([p for p in _children(master) if p != victim]) < args.workers and time.monotonic() < stop_at:
            time.sleep(0.05)
        kill["replaced_after_s"] = round(time.monotonic() - killed_at, 2)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    watch.stop.set()
    watch.join()
    result = summarise(log, started, elapsed, kill and started + kill["at_s"])
    result["worker_rss"] = watch.report()
    if publisher is not None:
        published = [json.loads(line) for line in publisher.stdout]
        publisher.wait(timeout=60)
        result["publishes"] = {"count": len(published),
                               "done_at_s": [round(p["at"] - started_wall, 1) for p in published],
                               "took_s": [round(p["took"], 1) for p in published]}
        result["kill"] = kill
    return result


def summarise(log: list, started_at: float, elapsed: float, killed_at: float | None) -> dict:
    statuses, errors, by_kind, samples = Counter(), Counter(), defaultdict(list), []
    resets, resent = Counter(), Counter()
    latencies = []

    def when(started: float, took: float) -> str:
        # A request that was under way during the kill or in the few seconds after it.
        at_kill = killed_at is not None and started <= killed_at + KILL_WINDOW_S and started + took >= killed_at
        return "at_kill" if at_kill else "other"

    for kind, method, path, outcome, started, took, was_resent in log:
        if was_resent:
            resent[when(started, took)] += 1
        if isinstance(outcome, int):
            statuses[str(outcome)] += 1
            latencies.append(took)
            by_kind[kind].append(took)
            if outcome < 400:
                continue
            errors[f"http_{outcome}"] += 1
        else:
            errors[outcome] += 1
            if outcome == "reset":
                resets[when(started, took)] += 1
        if len(samples) < SAMPLES:
            samples.append({"kind": kind, "request": f"{method} {path[:140]}", "outcome": outcome,
                            "at_s": round(started - started_at, 2)})
    # Answers and p95 per 5 s: where the publishes and the kill show.
    buckets = defaultdict(list)
    for entry in log:
        buckets[int((entry[4] - started_at) // TIMELINE_S)].append(entry[5])
    timeline = [[b * TIMELINE_S, len(times), _percentiles(times)["p95_ms"]] for b, times in sorted(buckets.items())]
    return {"requests": len(log), "seconds": round(elapsed, 1), "requests_per_s": round(len(log) / elapsed, 1),
            "latency": _percentiles(latencies),
            "by_kind": {kind: {"n": len(times), **_percentiles(times)} for kind, times in sorted(by_kind.items())},
            "status": dict(sorted(statuses.items())), "errors": dict(sorted(errors.items())),
            "http_500": statuses.get("500", 0), "resets_at_kill": resets["at_kill"], "resets_other": resets["other"],
            # Failed on a reused connection before any answer and answered when sent again, as a
            # browser resends: at the kill, requests the dead worker had taken; otherwise,
            # connections gunicorn had closed after its 2 s keep-alive.
            "resent_at_kill": resent["at_kill"], "resent_other": resent["other"], "failures": samples,
            "timeline_5s": timeline}


def _log_lines(path: Path, start: int) -> tuple[list[str], int]:
    """Lines of ``path`` from byte ``start`` on that say something about errors or workers."""
    with path.open("rb") as handle:
        handle.seek(start)
        text = handle.read().decode("utf-8", "replace")
        end = handle.tell()
    return [line[:300] for line in text.splitlines() if LOG_LINE.search(line)], end


def _wait_healthy(base: str, proc: subprocess.Popen) -> None:
    parts = urlsplit(base)
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None:
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


@contextlib.contextmanager
def serve(root: Path, workers: int, threads: int, log_path: Path):
    """Real ``gunicorn app:server`` on loopback; yields (base URL, master pid)."""
    port = _free_port()
    env = {**os.environ, "ATLAS_DATA_DIR": str(root), "HOST": "127.0.0.1", "PORT": str(port),
           "WEB_CONCURRENCY": str(workers), "GUNICORN_THREADS": str(threads), "ATLAS_DEFAULT_DATASET": "demo"}
    with log_path.open("wb") as log:
        proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "app:server"], cwd=REPO, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base, proc)
            yield base, proc.pid
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@contextlib.contextmanager
def maybe_nginx(enabled: bool, upstream: str, directory: Path):
    if not enabled:
        yield upstream, None
        return
    # The tests' helpers run Debian's nginx with the shipped files; they need pytest importable.
    from tests.conftest import running_nginx, shipped_nginx_block

    with running_nginx(directory, shipped_nginx_block(directory, urlsplit(upstream).netloc)) as front:
        yield front, directory / "error.log"


def _cpu_ticks() -> dict[int, tuple[int, int, str]]:
    """utime + stime, parent and command of every process (from /proc)."""
    ticks = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            ticks[int(stat.parent.name)] = (int(fields[11]) + int(fields[12]), int(fields[1]), command.strip()[:120])
    return ticks


class CpuWatch(threading.Thread):
    """CPU time used by processes outside this benchmark, sampled every 2 s: they distort its figures.

    A process that starts and ends between two samples is not seen.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.stop, self.used, self.commands = threading.Event(), Counter(), {}
        self.started = time.monotonic()

    def _mine(self, ticks: dict) -> set[int]:
        children = defaultdict(list)
        for pid, (_, parent, _) in ticks.items():
            children[parent].append(pid)
        mine, stack = {os.getpid()}, [os.getpid()]
        while stack:
            for child in children[stack.pop()]:
                mine.add(child)
                stack.append(child)
        return mine

    def run(self) -> None:
        previous = _cpu_ticks()
        while not self.stop.wait(2.0):
            current = _cpu_ticks()
            mine = self._mine(current)
            for pid, (ticks, _, command) in current.items():
                if pid not in mine and command:
                    # A process that started since the last sample counts all its time.
                    self.used[pid] += ticks - previous.get(pid, (0,))[0]
                    self.commands[pid] = command
            previous = current

    def report(self) -> dict:
        """Cores used by other processes on average over the run, in all and the busiest eight."""
        self.stop.set()
        self.join()
        per_tick = 1 / os.sysconf("SC_CLK_TCK") / (time.monotonic() - self.started)
        return {"cores": round(sum(self.used.values()) * per_tick, 2),
                "busiest": [{"cores": round(ticks * per_tick, 2), "command": self.commands[pid]}
                            for pid, ticks in self.used.most_common(8)]}


def machine() -> dict:
    return {"cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(), "system": platform.platform()}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--publishes", type=int, default=10)
    parser.add_argument("--areas", type=int, default=0, help="also serve a synthetic dataset of this many areas")
    parser.add_argument("--nginx", action="store_true", help="through the shipped nginx configuration")
    parser.add_argument("--publisher", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.publisher:
        _publisher(args.publisher, args.publishes, args.seconds)
        return {}

    from geodata import store
    from geodata.demo import build_demo, build_synthetic

    before, others = machine(), CpuWatch()
    others.start()
    with tempfile.TemporaryDirectory(prefix="atlas-load-") as tmp:
        root = Path(tmp) / "data"
        store.publish(build_demo(), root)
        links = [(link, True) for link in CAPTURED["links"]]
        if args.areas:
            store.publish(build_synthetic(n_areas=args.areas), root)
            links += [(link, False) for link in SYNTHETIC_LINKS]
        server_log = Path(tmp) / "gunicorn.log"
        result = {"machine": before, "clients": args.clients, "seconds": args.seconds, "workers": args.workers,
                  "threads": args.threads, "via": "nginx" if args.nginx else "gunicorn",
                  "synthetic_areas": args.areas or None, "phases": {}}
        with serve(root, args.workers, args.threads, server_log) as (upstream, master), \
                maybe_nginx(args.nginx, upstream, Path(tmp) / "nginx") as (base, nginx_log):
            offset = nginx_offset = 0
            for phase, faults in (("steady", None), ("faults", {"root": root})):
                outcome = run_phase(phase, base, master, links, args, faults)
                outcome["server_log"], offset = _log_lines(server_log, offset)
                if nginx_log is not None and nginx_log.exists():
                    outcome["nginx_log"], nginx_offset = _log_lines(nginx_log, nginx_offset)
                result["phases"][phase] = outcome
    result["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    result["machine"]["others"] = others.report()
    steady, faults = result["phases"]["steady"], result["phases"]["faults"]
    result["ok"] = not steady["errors"] and not faults["http_500"]
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main().get("ok", True) else 1)

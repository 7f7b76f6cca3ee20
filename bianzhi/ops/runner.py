"""Run the web server and the background worker together, print both, stop both.

One parent process starts each part as a child in its own process group, prefixes every line it prints with the
part's name, and on Ctrl-C / SIGTERM stops them in order (the worker finishes its current job first, up to a grace
period). If either part dies, the other is stopped too and the parent exits non-zero, so a supervisor (systemd)
restarts the whole set."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Part:
    name: str
    argv: list[str]
    stop_signal: int = signal.SIGTERM
    grace: float = 20.0
    env: dict = field(default_factory=dict)
    proc: subprocess.Popen | None = None


class Supervisor:
    def __init__(self, parts: list[Part], out=None):
        self.parts = parts
        self.out = out or sys.stdout
        self.stopping = threading.Event()
        self.print_lock = threading.Lock()
        self.width = max(len(p.name) for p in parts)

    def say(self, name: str, line: str) -> None:
        with self.print_lock:
            self.out.write(f"{name.ljust(self.width)} | {line.rstrip()}\n")
            self.out.flush()

    def _pump(self, part: Part) -> None:
        for raw in iter(part.proc.stdout.readline, b""):
            self.say(part.name, raw.decode("utf-8", "replace"))

    def start(self) -> None:
        for part in self.parts:
            env = {**os.environ, "PYTHONUNBUFFERED": "1", **part.env}
            part.proc = subprocess.Popen(part.argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                                         start_new_session=True)
            threading.Thread(target=self._pump, args=(part,), daemon=True).start()
            self.say(part.name, f"已启动（进程 {part.proc.pid}）：{' '.join(part.argv[-6:])}")

    def _signal(self, part: Part, sig: int) -> None:
        try:
            os.killpg(part.proc.pid, sig)
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        for part in self.parts:
            if part.proc and part.proc.poll() is None:
                self._signal(part, part.stop_signal)
        for part in self.parts:
            if not part.proc:
                continue
            try:
                part.proc.wait(part.grace)
            except subprocess.TimeoutExpired:
                self.say(part.name, f"{part.grace:.0f} 秒内未停止，强制结束")
                self._signal(part, signal.SIGKILL)
                part.proc.wait()
            self.say(part.name, f"已停止（退出码 {part.proc.returncode}）")

    def run(self) -> int:
        def handler(signum, frame):
            self.stopping.set()

        previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.start()
            failed = None
            while not self.stopping.wait(0.3):
                failed = next((p for p in self.parts if p.proc.poll() is not None), None)
                if failed:
                    self.say(failed.name, f"意外退出（退出码 {failed.proc.returncode}），停止其余进程")
                    break
            self.stop()
            return 1 if failed else 0
        finally:
            for s, h in previous.items():
                signal.signal(s, h)


def web_part(bind: str, workers: int, threads: int, dev: bool) -> tuple[Part, str | None]:
    """gunicorn (the production server) or, with dev=True, Django's runserver. Returns the part and the
    prometheus multiprocess directory to remove afterwards (gunicorn with several workers)."""
    python = sys.executable
    if dev:
        return Part("web", [python, "-m", "bianzhi", "runserver", "--noreload", bind], signal.SIGINT, 10), None
    metrics_dir = tempfile.mkdtemp(prefix="bianzhi-metrics-")
    argv = [python, "-m", "gunicorn", "bianzhi.wsgi", "--bind", bind, "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(threads), "--timeout", "300", "--graceful-timeout", "20", "--no-control-socket",
            "--access-logfile", "-", "--access-logformat", '%(h)s "%(r)s" %(s)s %(b)s %(M)sms']
    return Part("web", argv, signal.SIGTERM, 25, {"PROMETHEUS_MULTIPROC_DIR": metrics_dir}), metrics_dir


def worker_part(grace: float = 60.0) -> Part:
    # SIGINT asks huey's consumer for a graceful stop: running jobs finish, queued ones stay queued.
    return Part("worker", [sys.executable, "-m", "bianzhi", "run_huey"], signal.SIGINT, grace)


def serve(bind: str, workers: int, threads: int, dev: bool = False, worker: bool = True, web: bool = True,
          out=None) -> int:
    parts, metrics_dir = [], None
    if web:
        part, metrics_dir = web_part(bind, workers, threads, dev)
        parts.append(part)
    if worker:
        parts.append(worker_part())
    try:
        return Supervisor(parts, out).run()
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)


def wait_until(predicate, timeout: float, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None

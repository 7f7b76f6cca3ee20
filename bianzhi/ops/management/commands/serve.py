import os

from django.conf import settings
from django.core.management.base import BaseCommand

from bianzhi.ops import runner


class Command(BaseCommand):
    help = "运行整个平台：Web 服务（gunicorn）和后台任务进程（导入、文件识别、每日暂停业务、通知），Ctrl-C 同时停止。"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIANZHI_BIND", "127.0.0.1:8000"),
                            help="监听地址（默认 127.0.0.1:8000，环境变量 BIANZHI_BIND）")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", min(4, os.cpu_count() or 1))),
                            help="gunicorn 进程数（默认 CPU 数，最多 4）")
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 4)),
                            help="每个 gunicorn 进程的线程数")
        parser.add_argument("--dev", action="store_true", help="用 Django 开发服务器代替 gunicorn")
        parser.add_argument("--no-worker", action="store_true", help="只运行 Web 服务（后台任务进程另行运行）")
        parser.add_argument("--worker-only", action="store_true", help="只运行后台任务进程")

    def handle(self, *args, **opts):
        queue = settings.HUEY.get("url") and "Redis" or f"SQLite（{settings.HUEY.get('filename')}）"
        if not opts["worker_only"]:
            host, _, port = opts["bind"].rpartition(":")
            shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
            self.stdout.write(f"平台地址：http://{shown}:{port}/   健康检查：http://{shown}:{port}/healthz")
        if not opts["no_worker"]:
            self.stdout.write(f"后台任务：huey 消费者，队列 {queue}")
        self.stdout.write("按 Ctrl-C 同时停止。")
        self.stdout.flush()
        code = runner.serve(opts["bind"], opts["workers"], opts["threads"], dev=opts["dev"],
                            worker=not opts["no_worker"], web=not opts["worker_only"])
        if code:
            raise SystemExit(code)

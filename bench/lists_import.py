"""Benchmark: import a generated 100,000-row 权力清单 workbook.

Run: .venv/bin/python -m bench.lists_import [rows]   (default 100000; uses a fresh SQLite file under var/bench/
unless DATABASE_URL is set). Prints rows per second, peak memory (the process's maximum resident set; the workbook
is generated in a child process so it does not count) and the ratio of the import's time to the time python-calamine
alone takes to read the same file (open, load the sheet, walk every row): the fastest reader available, so the
ratio is what the import adds on top of reading. Target: ratio ≤ 3, peak memory ≤ 300 MB.
"""
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

from bench._django import setup_django as _setup_django


def setup_django():
    return _setup_django("lists")


def make_workbook(path: Path, rows: int, units: list[str]) -> None:
    from openpyxl import Workbook

    from bianzhi.lists.columns import POWER_COLUMNS

    categories = ["行政许可", "行政处罚", "行政检查", "行政确认", "其他行政权力", "公共服务"]
    laws = [f"《百色市测试管理条例第{i}号》（百色市人大常委会公告第{i}号）" for i in range(1, 201)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("权力清单")
    ws.append([c.header for c in POWER_COLUMNS])
    for i in range(rows):
        ws.append(["", f"测试权力事项第{i}号（审批和监管）", "", categories[i % len(categories)], units[i % len(units)],
                   "", "法人或其他组织", f"{laws[i % 200]}第{i % 60 + 1}条", "", "市", "20个工作日", "10个工作日",
                   "", "", ""])
    wb.save(path)


def backend_cpu(pid) -> float:
    """CPU seconds (user + system) a local PostgreSQL backend process has used; 0 when unknown."""
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(rows: int = 100_000) -> None:
    setup_django()
    from python_calamine import CalamineWorkbook

    from bianzhi.accounts.models import User
    from bianzhi.core.context import acting_as
    from bianzhi.lists import importer
    from bianzhi.lists.models import ImportJob, PowerItem
    from bianzhi.registry import demo as registry_demo

    with acting_as(None, request_id="bench"):
        registry_demo.load(log=lambda *a: None)
        importer_module = __import__("bianzhi.lists.demo", fromlist=["load"])
        importer_module.load(log=lambda *a: None)
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"role": "admin", "is_superuser": True})
    from bianzhi.registry.models import Unit

    units = list(Unit.objects.filter(region__code="451000", parent__isnull=True).values_list("name", flat=True))
    tmp = Path(tempfile.mkdtemp())
    path = tmp / "power_100k.xlsx"
    t = time.perf_counter()
    child = multiprocessing.get_context("fork").Process(target=make_workbook, args=(path, rows, units))
    child.start()
    child.join()
    print(f"生成 {rows} 行工作簿：{time.perf_counter() - t:.1f} s，{path.stat().st_size / 1e6:.1f} MB")

    def read_only_pass():
        wall, cpu = time.perf_counter(), time.process_time()
        wb = CalamineWorkbook.from_path(str(path))
        n = sum(1 for _ in wb.get_sheet_by_name("权力清单").iter_rows())
        wb.close()
        return n, time.perf_counter() - wall, time.process_time() - cpu

    n, read_wall, read_cpu = read_only_pass()
    print(f"calamine 读取：{n} 行，{read_wall:.2f} s（CPU {read_cpu:.2f} s）")
    from django.core.files import File

    job = ImportJob(owner=admin, kind="power", original_name=path.name)
    with path.open("rb") as fh:
        job.file.save(path.name, File(fh), save=False)
    importer.inspect_upload(job)
    job.status = "queued"
    job.save()
    before = PowerItem.objects.count()
    from django.db import connection

    backend_pid = None
    if connection.vendor == "postgresql":  # the server's work for this connection, read from /proc (same machine)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend_pid = cursor.fetchone()[0]
    server_before = backend_cpu(backend_pid)
    wall, cpu = time.perf_counter(), time.process_time()
    if os.environ.get("BENCH_PROFILE") == "cprofile":
        import cProfile
        import pstats

        profile = cProfile.Profile(time.process_time)
        profile.runcall(importer.run_job, job)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    elif os.environ.get("BENCH_PROFILE"):  # BENCH_PROFILE=1: pyinstrument's report of the import (not installed by default)
        from pyinstrument import Profiler

        with Profiler(interval=0.005) as profiler:
            importer.run_job(job)
        wall = time.perf_counter() - (time.perf_counter() - wall)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    else:
        importer.run_job(job)
    import_wall, import_cpu = time.perf_counter() - wall, time.process_time() - cpu
    server_cpu = backend_cpu(backend_pid) - server_before
    created = PowerItem.objects.count() - before
    assert job.status == "succeeded", (job.message, job.errors[:3])
    _, read_wall2, read_cpu2 = read_only_pass()  # again after the import: the machine's load changes
    read_wall, read_cpu = (read_wall + read_wall2) / 2, (read_cpu + read_cpu2) / 2
    print(f"calamine 读取（导入后再测）：{read_wall2:.2f} s（CPU {read_cpu2:.2f} s）")
    print(f"导入：{created} 条权力事项（含 {created} 条依据），{import_wall:.2f} s（CPU {import_cpu:.2f} s），"
          f"{rows / import_wall:,.0f} 行/秒")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"峰值内存（本进程最大常驻内存，含 Django 和工作簿读取）：{peak:.0f} MB（目标 ≤ 300 MB）")
    print(f"导入耗时 / calamine 读取耗时（两次读取的平均）= {import_wall / read_wall:.2f}（墙钟），"
          f"{import_cpu / read_cpu:.2f}（本进程 CPU 时间，不受机器上其他进程负载影响；SQLite 的写入在本进程内，"
          f"PostgreSQL 的在服务器进程里）（目标 ≤ 3）")
    if backend_pid:
        print(f"PostgreSQL 服务器进程为本次导入用的 CPU：{server_cpu:.2f} s；"
              f"(本进程 CPU + 服务器 CPU) / calamine 读取 CPU = {(import_cpu + server_cpu) / read_cpu:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)

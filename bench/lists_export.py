"""Benchmark: export a large 权力清单 (issue 14, item 5) in constant memory.

Run: .venv/bin/python -m bench.lists_export [items]   (default 200000; a fresh SQLite file under
var/bench-lists-export/ unless DATABASE_URL is set). Generates `items` power items over the demo's units (with a
citation each), then writes the xlsx export the way the background job does (exporter.write_export: unit batch by
unit batch into openpyxl's write-only workbook) at a tenth of the size and at the full size, and, as the baseline
in the same run, the whole-queryset read the export used before. Prints rows/s and the peak of Python memory
(tracemalloc) for each. Targets: the batched export's peak does not grow with the item count (full ÷ tenth ≈ 1),
and it is a small fraction of the whole read's peak.
"""
import sys
import tempfile
import time
import tracemalloc

from bench._django import setup_django


def generate(items: int) -> None:
    from bianzhi.core.context import acting_as
    from bianzhi.core.text import search_key
    from bianzhi.lists.models import Citation, Law, PowerCategory, PowerItem
    from bianzhi.registry import demo as registry_demo
    from bianzhi.registry.models import Region, Unit

    with acting_as(None, request_id="bench"):
        registry_demo.load(log=lambda *a: None)
    region = Region.objects.get(code="451000")
    units = list(Unit.objects.filter(region=region))
    category, _ = PowerCategory.objects.get_or_create(name="行政许可", defaults={"code_prefix": "XK"})
    law, _ = Law.objects.get_or_create(name="《百色市测试管理条例》", doc_number="百色市人大常委会公告第1号")
    batch = []
    for i in range(items):
        name = f"测试权力事项第{i}号（审批和监管）"
        batch.append(PowerItem(region=region, code=f"451000-XK-{i:07d}", code_serial=i, name=name,
                               name_key=search_key(name), search_text=search_key(name), category=category,
                               unit=units[i % len(units)],
                               target="法人或其他组织", exercise_level="市", statutory_limit="20个工作日"))
        if len(batch) == 5000:
            created = PowerItem.objects.bulk_create(batch)
            Citation.objects.bulk_create([Citation(power_item=p, law=law, kind="setting", position=0,
                                                   article=f"第{p.code_serial % 60 + 1}条") for p in created])
            batch = []
    if batch:
        created = PowerItem.objects.bulk_create(batch)
        Citation.objects.bulk_create([Citation(power_item=p, law=law, kind="setting", position=0,
                                               article=f"第{p.code_serial % 60 + 1}条") for p in created])


def measure(label: str, fn) -> tuple[float, float, int]:
    tracemalloc.start()
    t = time.perf_counter()
    rows = fn()
    seconds = time.perf_counter() - t
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  {label:<34} {rows:>9,} 行  {seconds:7.1f} s  {rows / seconds:9,.0f} 行/s  峰值内存 {peak / 1e6:7.1f} MB",
          flush=True)
    return seconds, peak, rows


def main(items: int = 200_000) -> None:
    setup_django("lists-export")
    from bianzhi.lists import exporter
    from bianzhi.lists.models import PowerItem

    t = time.perf_counter()
    generate(items)
    print(f"生成 {items:,} 个权力事项：{time.perf_counter() - t:.1f} s")
    everything = PowerItem.objects.all()
    tenth_units = list(everything.order_by().values_list("unit_id", flat=True).distinct())
    tenth = everything.filter(code_serial__lt=items // 10)

    def batched(qs):
        def run():
            with tempfile.TemporaryFile() as out:
                return exporter.write_export("power", "xlsx", qs, out)
        return run

    def whole_read():
        return sum(1 for _row in exporter.power_rows(everything))  # the old export read everything at once

    print(f"导出（xlsx，{len(tenth_units)} 个单位）：")
    _s1, small_peak, _ = measure(f"分批导出（{items // 10:,} 条）", batched(tenth))
    seconds, full_peak, rows = measure(f"分批导出（{items:,} 条）", batched(everything))
    _s0, whole_peak, _ = measure(f"基线：一次读入全部（{items:,} 条，仅读取）", whole_read)
    print(f"峰值内存 全量 ÷ 十分之一：{full_peak / small_peak:.2f}（目标 ≈ 1，不随条数增长）")
    print(f"峰值内存 分批导出 ÷ 一次读入：{full_peak / whole_peak:.3f}")
    print(f"导出速度：{rows / seconds:,.0f} 行/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)

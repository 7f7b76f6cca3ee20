"""Run the benchmarks: `python -m bench` (what `make bench` runs).

Each benchmark is also runnable alone (`python -m bench.<name>`), and each prints its numbers and ratios.
The PostgreSQL ones run only when asked for (`python -m bench portal_pages`, or `python -m bench all`):
the province-scale search (~10 minutes), pre-rendered public pages against a static file (~2 minutes), 50
clerks at once through gunicorn (~1 minute) and the staff list pages on the province dataset (~6 minutes; its
1,000,000-item export with `python -m bench.staff_pages --reuse --export-only`, ~20 minutes).
"""
import subprocess
import sys

QUICK = ["sanding_real", "sanding_perturb", "sanding_accuracy", "sanding_asof", "workflow_locks", "lists_import"]
SLOW = ["portal_pages", "clerks", "portal_search", "lists_export", "staff_pages"]


def main(argv: list[str]) -> int:
    if argv == ["all"]:
        names = QUICK + SLOW
    elif argv:
        names = argv
    else:
        names = QUICK
    failed = []
    for name in names:
        if name not in QUICK + SLOW:
            print(f"未知的基准测试：{name}（可选：{'、'.join(QUICK + SLOW)}）", file=sys.stderr)
            return 2
        print(f"\n===== bench.{name} =====", flush=True)
        # each benchmark sets up Django with its own database, so each runs in its own process
        if subprocess.call([sys.executable, "-m", f"bench.{name}"]) != 0:
            failed.append(name)
    if failed:
        print(f"\n失败：{'、'.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

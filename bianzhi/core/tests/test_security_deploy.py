"""Issue 15: `check --deploy` warned W004/W008 (no HSTS, no HTTPS redirect); no HSTS header was ever sent.
With SECURE_COOKIES=1 (an HTTPS deployment) the production settings are now clean and HSTS is sent."""
import os
import subprocess
import sys
from pathlib import Path

from django.test import override_settings

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    # the production environment: none of the test run's switches (browser tests set DJANGO_ALLOW_ASYNC_UNSAFE)
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "BIANZHI_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({"SECURE_COOKIES": "1", "SECRET_KEY": "x" * 20 + "生产环境密钥-" + "Qz9#" * 10, "DEBUG": "0",
                "BIANZHI_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    result = subprocess.run([sys.executable, "-m", "bianzhi", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_header_on_https(client, demo):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Content-Security-Policy" in response


def test_our_pages_allow_no_inline_style(client_for, demo):
    """Issue 15: style-src 'self' on the platform's own pages (public and staff); only the admin site and the API
    reference, which we do not write, may set inline styles. No template of ours carries a style attribute or a
    <style> element (the printed PDFs, rendered by WeasyPrint and never served as HTML, excepted)."""
    import pathlib
    import re

    staff = client_for("admin")
    for url in ["/", "/manage/", "/manage/workflow/dashboard/", "/manage/lists/"]:
        csp = staff.get(url)["Content-Security-Policy"]
        style_src = next(d for d in csp.split("; ") if d.startswith("style-src"))
        assert style_src == "style-src 'self'", url
    assert "'unsafe-inline'" in staff.get("/admin/")["Content-Security-Policy"]
    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.html") if not p.name.endswith("_print.html")
                 and re.search(r"\sstyle=|<style", p.read_text())]
    assert offenders == []

"""bianzhi backup → restore into another database and data directory → the same rows, tables and files."""
import pytest

from .conftest import bianzhi, restore_site, restored_stats

pytestmark = pytest.mark.django_db


def test_demo_backup_restores_elsewhere_with_identical_tables_and_files(demo_archive, empty_database, tmp_path):
    manifest, source = demo_archive["manifest"], demo_archive["source_tables"]
    # The archive describes the demo a person knows: units, users, materials with their files.
    assert manifest["tables"]["registry_unit"]["rows"] >= 20
    assert manifest["tables"]["accounts_user"]["rows"] >= 9
    assert manifest["tables"]["workflow_materialfile"]["rows"] == sum(
        1 for name in manifest["files"] if name.startswith("materials/"))
    assert {t: s["rows"] for t, s in manifest["tables"].items()} == {t: s["rows"] for t, s in source.items()}

    site = tmp_path / "elsewhere"
    env = restore_site(demo_archive["archive"], site, empty_database)
    restored = restored_stats(env)
    assert sorted(restored) == sorted(source)
    for table, stats in source.items():
        assert restored[table]["rows"] == stats["rows"], table
        assert restored[table]["sha256"] == stats["sha256"], table

    restored_files = sorted(str(p.relative_to(site / "files")) for p in (site / "files").rglob("*") if p.is_file())
    assert restored_files == sorted(manifest["files"])
    for name in manifest["files"]:
        assert (site / "files" / name).read_bytes() == (demo_archive["files"] / name).read_bytes(), name

    check = bianzhi("verify-files", env=env)
    assert f"核对 {len(manifest['files'])} 个文件" in check.stdout and "缺失 0，不符 0" in check.stdout

    # A stored file changed behind the platform's back is named by verify-files.
    victim = next(name for name in manifest["files"] if name.startswith("materials/"))
    (site / "files" / victim).write_bytes((site / "files" / victim).read_bytes() + b"tampered")
    check = bianzhi("verify-files", env=env, check=False)
    assert check.returncode == 1 and victim in check.stdout and "不符 1" in check.stdout

    # Restoring over data that exists is refused.
    again = bianzhi("restore", str(demo_archive["archive"]), env=env, check=False)
    assert again.returncode == 1 and "不是空的" in again.stderr


def test_damaged_archive_is_refused_before_anything_is_written(demo_archive, tmp_path):
    import io
    import tarfile

    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(demo_archive["archive"], "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("files/materials/"):
                data = data[:-1] + bytes([data[-1] ^ 1])  # one bit flipped in every material file
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    from .conftest import clean_env

    site = tmp_path / "site"
    site.mkdir()
    env = clean_env(BIANZHI_DATA_DIR=site, DATABASE_URL=f"sqlite:///{site / 'bianzhi.sqlite3'}")
    run = bianzhi("restore", str(damaged), env=env, check=False)
    assert run.returncode == 1 and "备份文件已损坏" in run.stderr
    assert not any(p.is_file() for p in site.rglob("*") if "files" in p.parts)

"""Stored files are reached through Django's storage API only (a local or shared directory, or an S3-compatible
bucket), so any app node or worker can read what another one wrote."""
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def local_path(fieldfile):
    """A path on this machine for a stored file, for libraries that want one: the file itself on a directory
    store, otherwise a temporary copy removed afterwards."""
    storage, name = fieldfile.storage, fieldfile.name
    try:
        path = storage.path(name)
    except NotImplementedError:  # remote store (S3): no local path
        path = None
    if path and Path(path).exists():
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as tmp:
        with storage.open(name, "rb") as src:
            shutil.copyfileobj(src, tmp)
        tmp.flush()
        yield tmp.name

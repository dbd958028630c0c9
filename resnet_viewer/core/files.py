"""Files the app reads and writes itself: spec JSON in, anything out atomically.

Stdlib only, so the core, the live layer (activations) and the export layer
share one atomic write: a temporary file beside the target, renamed into place
once complete — a kill or a full disk leaves the previous file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .i18n import t
from .spec import ArchSpec, SpecError

MAX_SPEC_BYTES = 64 * 2**20  # a spec is about a kilobyte; this is far above any real one


@contextmanager
def atomic_path(target: str | Path, suffix: str = "") -> Iterator[Path]:
    """A temporary path beside `target` (ending in `suffix`) to write into; renamed to
    `target` when the block ends normally, removed when it raises."""
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OSError(t("{path}: cannot write, folder {folder} does not exist", path=target, folder=parent))
    if target.is_dir():
        raise OSError(t("{path}: is a folder; give a file name", path=target))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{suffix}", dir=parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(target: str | Path, text: str) -> Path:
    with atomic_path(target, Path(target).suffix) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def check_output_path(target: str | Path, suffix: str, option: str) -> Path:
    """Refuse, before any work, a target that cannot become a `suffix` file:
    another extension, a folder, or a folder that does not exist."""
    p = Path(target)
    if p.is_dir():
        raise OSError(
            t("{option} {path}: is a folder; give a file name ending in {suffix}", option=option, path=p, suffix=suffix)
        )
    if p.suffix.lower() != suffix:
        raise OSError(t("{option} {path}: the file name must end in {suffix}", option=option, path=p, suffix=suffix))
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise OSError(t("{option} {path}: folder {folder} does not exist", option=option, path=p, folder=parent))
    if not os.access(parent, os.W_OK):
        raise OSError(t("{option} {path}: folder {folder} is not writable", option=option, path=p, folder=parent))
    return p


def read_spec(path: str | Path) -> ArchSpec:
    """A spec file, or a SpecError whose one line names the file and what is wrong."""
    p = Path(path)
    try:
        if p.is_dir():
            raise SpecError.about_file(p, t("is a folder, not a spec file"))
        size = p.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise SpecError.about_file(p, t("{size} bytes is far too large for a spec file", size=f"{size:,}"))
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError.about_file(p, t("no such file")) from None
    except UnicodeDecodeError:
        raise SpecError.about_file(p, t("not a text file (a spec is UTF-8 JSON)")) from None
    except OSError as e:
        raise SpecError.about_file(p, t("cannot read it ({reason})", reason=e.strerror or e)) from None
    try:
        return ArchSpec.from_json(text)
    except SpecError as e:
        raise SpecError.about_file(p, str(e), e.field) from None


def write_spec(path: str | Path, spec: ArchSpec) -> Path:
    return write_text_atomic(path, spec.to_json() + "\n")

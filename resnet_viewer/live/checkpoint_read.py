"""Reading a checkpoint file into `{name: tensor}`, whatever its name.

The format is recognised by content (zip-based `torch.save`, legacy
`torch.save`, safetensors), never by extension. Before anything is inflated
the archive's own index is read — the storages the pickle declares and the
sizes the zip directory or safetensors header declares — and a file that
declares more tensor data than it holds is refused. Only then does
`torch.load(..., weights_only=True, map_location="cpu")` run.
"""

from __future__ import annotations

import argparse
import io
import json
import pickle
import struct
import zipfile
from pathlib import Path
from typing import Any

from ..core.i18n import t

ZIP_MAGIC = b"PK\x03\x04"
LEGACY_MAGIC = b"\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19."  # pickle protocol 2 + torch's magic number
SLACK = 1 << 20  # bytes of headers and padding a file may hold beyond its tensor data
MAX_INFLATE = 16  # a stored entry may not inflate more than this (a compressed zip bomb)

_ITEM_SIZE = {
    "Double": 8, "Float": 4, "Half": 2, "BFloat16": 2, "Long": 8, "Int": 4, "Short": 2,
    "Char": 1, "Byte": 1, "Bool": 1, "ComplexFloat": 8, "ComplexDouble": 16,
}  # fmt: skip


class CheckpointReadError(ValueError):
    """The file cannot be read as a checkpoint; one sentence naming the file and why."""


class _Stub:
    """What every global in the index becomes: it records nothing and runs nothing."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def __call__(self, *args: object, **kwargs: object) -> _Stub:
        return _Stub()

    def __setstate__(self, state: object) -> None:
        pass

    def __setitem__(self, key: object, value: object) -> None:
        pass


class _Dict(dict[Any, Any]):
    """OrderedDict in the index: torch sets `_metadata` on it through BUILD."""

    def __setstate__(self, state: object) -> None:
        pass


class _IndexReader(pickle.Unpickler):
    """Walks torch's pickle for the storages it declares, importing nothing."""

    def __init__(self, f: io.BufferedIOBase) -> None:
        super().__init__(f)
        self.storages: dict[str, tuple[str, int]] = {}  # key -> (type name, bytes)

    def find_class(self, module: str, name: str) -> Any:
        if name.endswith("Storage"):
            return type(name, (_Stub,), {})  # keeps the element type's name, runs nothing
        return _Dict if name == "OrderedDict" else _Stub

    def persistent_load(self, pid: Any) -> Any:
        if isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage":
            type_name = getattr(pid[1], "__name__", "")
            numel = pid[4] if isinstance(pid[4], int) else 0
            self.storages[str(pid[2])] = (type_name, numel)
        return _Stub()


def _declared(storages: dict[str, tuple[str, int]], itemsize_default: int = 4) -> dict[str, int]:
    """Bytes each declared storage needs (numel × element size)."""
    out = {}
    for key, (type_name, numel) in storages.items():
        size = _ITEM_SIZE.get(type_name.removesuffix("Storage"), 8 if type_name else itemsize_default)
        out[key] = numel * size
    return out


def _human(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _check_zip(p: Path, size: int) -> None:
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            pkl = next((i for i in infos if i.filename.endswith("/data.pkl") or i.filename == "data.pkl"), None)
            if pkl is None:
                raise CheckpointReadError(
                    t("{path}: a zip file but not a PyTorch checkpoint (no data.pkl inside)", path=p)
                )
            for i in infos:
                if i.file_size > max(size, i.compress_size * MAX_INFLATE) + SLACK:
                    raise CheckpointReadError(
                        t(
                            "{path}: refused before reading — {entry} declares {declared} in a {size} file",
                            path=p,
                            entry=i.filename,
                            declared=_human(i.file_size),
                            size=_human(size),
                        )
                    )
            reader = _IndexReader(io.BytesIO(z.read(pkl)))
            reader.load()
            root = pkl.filename[: -len("data.pkl")]
            records = {i.filename: i.file_size for i in infos}
    except CheckpointReadError:
        raise
    except (
        zipfile.BadZipFile,
        EOFError,
        OSError,
        pickle.UnpicklingError,
        ValueError,
        struct.error,
        AttributeError,
    ) as e:
        raise CheckpointReadError(
            t("{path}: a damaged or truncated PyTorch archive ({error})", path=p, error=_first_line(e))
        ) from None
    for key, nbytes in _declared(reader.storages).items():
        have = records.get(f"{root}data/{key}")
        if have is None:
            raise CheckpointReadError(
                t("{path}: a damaged PyTorch archive (tensor data {key} is missing)", path=p, key=repr(key))
            )
        if nbytes > have:
            raise CheckpointReadError(
                t(
                    "{path}: refused before reading — its index declares a {declared} tensor but the file holds {held} for it",
                    path=p,
                    declared=_human(nbytes),
                    held=_human(have),
                )
            )


def _check_legacy(p: Path, size: int) -> None:
    try:
        with p.open("rb") as f:
            for _ in range(3):  # magic number, protocol version, system info
                pickle.load(f)  # plain ints and a dict of ints/bools: no globals
            reader = _IndexReader(f)
            reader.load()
            pos = f.tell()
    except (EOFError, pickle.UnpicklingError, ValueError, struct.error, AttributeError, IndexError) as e:
        raise CheckpointReadError(
            t("{path}: a damaged or truncated legacy PyTorch file ({error})", path=p, error=_first_line(e))
        ) from None
    declared = sum(_declared(reader.storages).values())
    if declared > size - pos:
        raise CheckpointReadError(
            t(
                "{path}: refused before reading — its index declares {declared} of tensors but the file holds {held} after it (truncated or forged)",
                path=p,
                declared=_human(declared),
                held=_human(size - pos),
            )
        )


def _check_safetensors(p: Path, size: int) -> None:
    with p.open("rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        try:
            header = json.loads(f.read(n))
        except (ValueError, UnicodeDecodeError):
            raise CheckpointReadError(
                t("{path}: a damaged safetensors file (its header is not valid JSON)", path=p)
            ) from None
    data = size - 8 - n
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        end = entry.get("data_offsets", [0, 0])[1] if isinstance(entry, dict) else 0
        if end > data:
            raise CheckpointReadError(
                t(
                    "{path}: refused before reading — tensor {name} ends at byte {end} of a {size}-byte data section",
                    path=p,
                    name=repr(name),
                    end=end,
                    size=data,
                )
            )


def _first_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0][:160]}" if text else type(e).__name__


def sniff(p: Path) -> str:
    """ "zip", "legacy" or "safetensors"; anything else raises one sentence."""
    if not p.exists():
        raise CheckpointReadError(t("{path}: no such file", path=p))
    if p.is_dir():
        raise CheckpointReadError(t("{path}: is a directory, not a checkpoint file", path=p))
    size = p.stat().st_size
    if size == 0:
        raise CheckpointReadError(t("{path}: the file is empty (0 bytes)", path=p))
    with p.open("rb") as f:
        head = f.read(512)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(LEGACY_MAGIC[:2]) and head[2:3] == b"\x8a":
        return "legacy"
    if head[:1] == b"\x80":
        raise CheckpointReadError(
            t(
                "{path}: refused — a plain Python pickle, not a file written by torch.save; nothing was unpickled",
                path=p,
            )
        )
    if len(head) >= 9:
        n = struct.unpack("<Q", head[:8])[0]
        if 2 <= n <= size - 8 and head[8:9] == b"{":
            return "safetensors"
    try:
        text = head.decode("utf-8")
        if "\x00" not in text:
            first = text.strip().splitlines()[0][:40] if text.strip() else ""
            raise CheckpointReadError(
                t("{path}: a text file, not a checkpoint (it starts with {start})", path=p, start=repr(first))
            )
    except UnicodeDecodeError:
        pass
    raise CheckpointReadError(
        t("{path}: not a checkpoint this program reads — neither a PyTorch file (torch.save) nor safetensors", path=p)
    )


def read_tensors(path: str | Path) -> tuple[Any, str]:
    """The file's object (a dict of tensors, possibly wrapped) and its format."""
    import torch

    p = Path(path)
    kind = sniff(p)
    size = p.stat().st_size
    {"zip": _check_zip, "legacy": _check_legacy, "safetensors": _check_safetensors}[kind](p, size)
    try:
        if kind == "safetensors":
            from safetensors.torch import load_file

            return load_file(str(p), device="cpu"), kind
        # timm's training script stores its argparse.Namespace beside the weights; rebuilding
        # one only sets attributes, so it joins torch's allowlist (nothing else does)
        with torch.serialization.safe_globals([argparse.Namespace]):
            return torch.load(p, map_location="cpu", weights_only=True), kind
    except pickle.UnpicklingError as e:
        # torch's weights-only unpickler stops at the first thing that is not plain
        # tensor data: a pickled object (a whole model, a custom class) ends here
        glob = next((line.strip() for line in str(e).splitlines() if "Unsupported global" in line), "")
        refused = t(
            "{path}: refused — not plain tensors: it holds pickled Python objects (such as a whole model) that "
            "could run code; nothing was run. Save weights only with torch.save(model.state_dict(), 'weights.pth')",
            path=p,
        )
        raise CheckpointReadError(refused + (f" [{glob[:120]}]" if glob else "")) from None
    except Exception as e:  # a damaged archive torch notices only while inflating
        raise CheckpointReadError(
            t("{path}: cannot read the checkpoint ({error})", path=p, error=_first_line(e))
        ) from None

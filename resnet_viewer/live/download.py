"""Fetch a catalogued weights file into torch's cache ($TORCH_HOME/hub/checkpoints),
once. Standard library only (no torch import: the CLI and GUI call it directly).

- The bytes go to `<file>.part` beside the target; only a file whose SHA-256
  matches the catalogue is renamed to its final name, so a partial or corrupt
  download never sits in the cache under the name torchvision/timm would trust.
- A dropped connection is resumed with an HTTP Range request (or, if the server
  ignores Range, restarted cleanly), a few times, before giving up. A `.part`
  left by a network failure is resumed by the next attempt; a cancelled or
  hash-mismatched one is deleted.
- `RESNET_VIEWER_WEIGHTS_MIRROR` replaces the publisher's host: mirror + URL path.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from ..core.catalogue import WeightsEntry, hash_matches
from ..core.i18n import t
from .hub_cache import torch_hub_dir

MIRROR_ENV = "RESNET_VIEWER_WEIGHTS_MIRROR"
CHUNK = 1 << 16
TIMEOUT_S = 30.0

Progress = Callable[[int, int | None], None]  # (bytes so far, total or None)


class DownloadError(OSError):
    """A download that did not give a verified file; one sentence for the user."""


class DownloadCancelled(DownloadError):
    pass


def cache_path(entry: WeightsEntry, cache_dir: Path | None = None) -> Path:
    return (cache_dir or torch_hub_dir()) / entry.file_name


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verified_cached(entry: WeightsEntry, cache_dir: Path | None = None) -> Path | None:
    """The cached file if it is there and its hash matches the catalogue."""
    p = cache_path(entry, cache_dir)
    return p if p.is_file() and hash_matches(entry, sha256_of(p)) else None


def fetch(
    entry: WeightsEntry,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    mirror: str | None = None,
    attempts: int = 4,
) -> Path:
    """The verified file in the cache, downloading it first if needed."""
    target = cache_path(entry, cache_dir)
    if target.is_file():
        if hash_matches(entry, sha256_of(target)):
            return target
        raise DownloadError(
            t(
                "{path}: already in the cache but its SHA-256 does not start with {sha256}; delete it and download again",
                path=target,
                sha256=entry.sha256,
            )
        )
    url = entry.url_from(mirror if mirror is not None else os.environ.get(MIRROR_ENV))
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    last: Exception | None = None
    for _ in range(attempts):
        try:
            _transfer(url, part, entry.size, progress, cancelled)
            break
        except DownloadCancelled:
            part.unlink(missing_ok=True)
            raise
        except urllib.error.HTTPError as e:
            raise DownloadError(
                t("{url}: the server answered HTTP {code} {reason}", url=url, code=e.code, reason=e.reason)
            ) from None
        except urllib.error.URLError as e:
            if part.exists() and part.stat().st_size > 0:
                last = e  # it was reachable a moment ago: try to resume
                continue
            raise DownloadError(_offline(url, e.reason, target, entry.url)) from None
        except (http.client.HTTPException, ConnectionError, TimeoutError) as e:
            last = e  # dropped mid-transfer: resume from what is in .part
    else:
        raise DownloadError(
            t(
                "{url}: the connection kept dropping ({error}); "
                "run the same command again to resume, or place {file} in {folder} by hand",
                url=url,
                error=type(last).__name__,
                file=entry.file_name,
                folder=target.parent,
            )
        )
    digest = sha256_of(part)
    if not hash_matches(entry, digest):
        part.unlink(missing_ok=True)
        raise DownloadError(
            t(
                "{url}: downloaded file's SHA-256 {digest}… does not start with {sha256}; "
                "the file was deleted and nothing was cached",
                url=url,
                digest=digest[:16],
                sha256=entry.sha256,
            )
        )
    os.replace(part, target)
    return target


def _offline(url: str, reason: object, target: Path, published: str) -> str:
    host = urlsplit(url).netloc
    return t(
        "cannot reach {host} (offline? {reason}); download {published} elsewhere and place it as {target}",
        host=host,
        reason=reason,
        published=published,
        target=target,
    )


def _transfer(
    url: str, part: Path, size_hint: int, progress: Progress | None, cancelled: Callable[[], bool] | None
) -> None:
    """Append to `part` from where it stops; returns when the server says the file is complete."""
    have = part.stat().st_size if part.exists() else 0
    req = urllib.request.Request(url, headers={"User-Agent": "resnet-viewer"})
    if have:
        req.add_header("Range", f"bytes={have}-")
    try:
        resp = urllib.request.urlopen(req, timeout=TIMEOUT_S)
    except urllib.error.HTTPError as e:
        if e.code == 416 and have:  # nothing left after what we have: let the hash decide
            return
        raise
    with contextlib.closing(resp):
        if have and resp.status != 206:
            have = 0  # the server ignored Range: start over cleanly
        length = resp.headers.get("Content-Length")
        total = have + int(length) if length and length.isdigit() else (size_hint or None)
        done = have
        with part.open("ab" if have else "wb") as f:
            if progress:
                progress(done, total)
            while True:
                if cancelled is not None and cancelled():
                    raise DownloadCancelled(t("{url}: download cancelled; nothing was cached", url=url))
                chunk = resp.read(CHUNK)
                if not chunk:
                    break
                f.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
        if length and length.isdigit() and done < have + int(length):
            raise http.client.IncompleteRead(b"", have + int(length) - done)


def progress_bar(stream: TextIO) -> Progress:
    """A one-line progress bar for a terminal (stderr)."""

    def show(done: int, total: int | None) -> None:
        if total:
            frac = min(1.0, done / total)
            bar = "#" * int(frac * 30)
            stream.write(f"\r[{bar:<30}] {done / 2**20:7.1f} / {total / 2**20:.1f} MiB")
        else:
            stream.write(f"\r{done / 2**20:7.1f} MiB")
        stream.flush()

    return show

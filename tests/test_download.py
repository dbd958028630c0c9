"""Pretrained weights: the catalogue, and downloads against a server on 127.0.0.1
(never the internet)."""

from __future__ import annotations

import hashlib
import socket
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from weights_server import Behaviour, WeightsServer, resnet20_checkpoint

from resnet_viewer.core import catalogue
from resnet_viewer.live.download import DownloadCancelled, DownloadError, fetch, verified_cached


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    monkeypatch.delenv("RESNET_VIEWER_WEIGHTS_MIRROR", raising=False)
    return tmp_path / "torch" / "hub" / "checkpoints"


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return resnet20_checkpoint(tmp_path_factory.mktemp("ckpt"))


def served(entry, data, **kw) -> WeightsServer:
    return WeightsServer(Behaviour(files={urlsplit(entry.url).path: data}, **kw))


def test_catalogue_covers_every_family_with_publisher_names():
    presets = {e.preset for e in catalogue.CATALOGUE}
    assert presets >= {"resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d"}
    assert presets >= {"wide_resnet50_2", "resnet50d", "resnet20", "resnet32", "resnet44", "resnet56", "resnet110"}
    for e in catalogue.CATALOGUE:
        assert e.url.startswith("https://") and e.file_name in e.url
        assert len(e.sha256) >= 8 and int(e.sha256, 16) >= 0 and e.sha256 in e.file_name  # publisher's prefix
        assert e.size > 0 and e.license and e.source and e.num_classes in (10, 1000)
    assert catalogue.default_for("resnet50").file_name == "resnet50-11ad3fa6.pth"  # torchvision's DEFAULT (V2)
    assert catalogue.find("resnet18").url == "https://download.pytorch.org/models/resnet18-f37072fd.pth"
    with pytest.raises(catalogue.CatalogueError, match="no pretrained weights for a custom network"):
        catalogue.default_for(None)


def test_hub_dir_is_torchs_own(cache):
    import torch.hub

    from resnet_viewer.live.hub_cache import torch_hub_dir

    assert str(torch_hub_dir()) == str(cache) == torch.hub.get_dir() + "/checkpoints"


def test_mirror_replaces_the_host_and_keeps_the_path():
    e = catalogue.find("resnet18")
    assert e.url_from("http://m.example/base/") == "http://m.example/base/models/resnet18-f37072fd.pth"


def test_download_succeeds_reports_progress_and_is_verified(cache, checkpoint):
    entry, data = checkpoint
    seen: list[tuple[int, int | None]] = []
    with served(entry, data) as srv:
        path = fetch(entry, progress=lambda d, t: seen.append((d, t)), mirror=srv.base)
    assert path == cache / entry.file_name and path.read_bytes() == data
    assert seen[0][0] == 0 and seen[-1] == (len(data), len(data)) and len(seen) > 3
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert list(cache.iterdir()) == [path]  # no .part left
    # a second call uses the cache: no request reaches the server
    with served(entry, data) as srv:
        assert fetch(entry, mirror=srv.base) == path
        assert srv.behaviour.requests == []
    assert verified_cached(entry) == path


def test_mirror_env_is_used(cache, checkpoint, monkeypatch):
    entry, data = checkpoint
    with served(entry, data) as srv:
        monkeypatch.setenv("RESNET_VIEWER_WEIGHTS_MIRROR", srv.base + "/")
        fetch(entry)
        assert srv.behaviour.requests == [(urlsplit(entry.url).path, None)]


def test_dropped_connection_resumes_with_range(cache, checkpoint):
    entry, data = checkpoint
    with served(entry, data, drop_after=300_000) as srv:
        path = fetch(entry, mirror=srv.base)
        reqs = srv.behaviour.requests
    assert path.read_bytes() == data
    assert reqs[0][1] is None and reqs[1][1] == "bytes=300000-"  # resumed, not restarted


def test_server_ignoring_range_gets_a_clean_retry(cache, checkpoint):
    entry, data = checkpoint
    with served(entry, data, drop_after=300_000, ignore_range=True) as srv:
        path = fetch(entry, mirror=srv.base)
    assert path.read_bytes() == data and hashlib.sha256(path.read_bytes()).hexdigest().startswith(entry.sha256)


def test_hash_mismatch_rejects_the_file_and_leaves_the_cache_clean(cache, checkpoint):
    entry, data = checkpoint
    corrupt = data[:1000] + bytes([data[1000] ^ 0xFF]) + data[1001:]
    with served(entry, corrupt) as srv, pytest.raises(DownloadError) as e:
        fetch(entry, mirror=srv.base)
    msg = str(e.value)
    assert "does not start with " + entry.sha256 in msg and "deleted" in msg and "\n" not in msg
    assert not any(cache.iterdir())


def test_server_down_is_one_line_naming_the_file_to_place(cache, checkpoint):
    entry, _ = checkpoint
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(DownloadError) as e:
        fetch(entry, mirror=f"http://127.0.0.1:{port}")
    msg = str(e.value)
    assert "\n" not in msg and "cannot reach" in msg and str(cache / entry.file_name) in msg
    assert not cache.exists() or not any(cache.iterdir())


def test_http_404_and_cancel_leave_nothing(cache, checkpoint):
    entry, data = checkpoint
    missing = replace(entry, url=entry.url.replace(".th", "-gone.th"))
    with served(entry, data) as srv:
        with pytest.raises(DownloadError, match="HTTP 404"):
            fetch(missing, mirror=srv.base)
        with pytest.raises(DownloadCancelled):
            fetch(entry, mirror=srv.base, cancelled=lambda: True)
    assert not any(cache.iterdir())


def test_a_corrupt_file_already_in_the_cache_is_never_trusted(cache, checkpoint):
    entry, _ = checkpoint
    cache.mkdir(parents=True)
    (cache / entry.file_name).write_bytes(b"truncated")
    assert verified_cached(entry) is None
    with pytest.raises(DownloadError, match="does not start with"):
        fetch(entry, mirror="http://127.0.0.1:9")


def test_a_part_left_by_an_earlier_run_is_resumed(cache, checkpoint):
    entry, data = checkpoint
    cache.mkdir(parents=True)
    (cache / (entry.file_name + ".part")).write_bytes(data[:123_456])
    with served(entry, data) as srv:
        path = fetch(entry, mirror=srv.base)
        assert srv.behaviour.requests == [(urlsplit(entry.url).path, "bytes=123456-")]
    assert path.read_bytes() == data and sorted(cache.iterdir()) == [path]

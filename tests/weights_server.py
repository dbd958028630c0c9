"""A weights server on 127.0.0.1 for tests: serves files by URL path, honours
Range, and can drop the connection half-way or ignore Range on purpose."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from resnet_viewer.core.catalogue import WeightsEntry, find


@dataclass
class Behaviour:
    files: dict[str, bytes] = field(default_factory=dict)
    drop_after: int | None = None  # first response stops after this many bytes, then the socket closes
    ignore_range: bool = False
    chunk_delay: float = 0.0  # seconds between 16 KiB chunks: a slow link
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, Range header)


def _handler(b: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            rng = self.headers.get("Range")
            b.requests.append((self.path, rng))
            data = b.files.get(self.path)
            if data is None:
                self.send_error(404, "Not Found")
                return
            start = 0
            if rng and not b.ignore_range:
                start = int(rng.removeprefix("bytes=").split("-")[0])
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if b.drop_after is not None:
                cut, b.drop_after = b.drop_after, None
                self.wfile.write(body[:cut])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)  # SHUT_RDWR: the client sees a short read
                return
            if b.chunk_delay:
                for i in range(0, len(body), 16384):
                    time.sleep(b.chunk_delay)
                    self.wfile.write(body[i : i + 16384])
                return
            self.wfile.write(body)

    return Handler


class WeightsServer:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(behaviour))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> WeightsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def resnet20_checkpoint(tmp: Path) -> tuple[WeightsEntry, bytes]:
    """A real resnet20 checkpoint in the layout akamaster published (DataParallel
    `module.` prefix, `linear` head, `state_dict` + `best_prec1` wrapper), and a
    catalogue entry for it named the way the publisher names files: the real
    SHA-256 prefix in the file name."""
    import torch

    from resnet_viewer.core.presets import preset
    from resnet_viewer.live.model import ResNet

    sd = ResNet(preset("resnet20"), seed=7).state_dict()
    renamed = {"module." + k.replace("fc.", "linear."): v for k, v in sd.items() if "num_batches" not in k}
    buf = io.BytesIO()
    # the legacy (pre-1.6, non-zip) format the published .th files use
    torch.save({"state_dict": renamed, "best_prec1": 91.73}, buf, _use_new_zipfile_serialization=False)
    data = buf.getvalue()
    prefix = hashlib.sha256(data).hexdigest()[:8]
    real = find("resnet20")
    url = real.url.rsplit("/", 1)[0] + f"/resnet20-{prefix}.th"
    return replace(real, url=url, sha256=prefix, size=len(data)), data

"""Public pretrained weights for the presets, as data (no torch: `resnet-viewer
weights --json` answers instantly).

Where each number comes from:
- torchvision: URLs from `torchvision/models/resnet.py` (0.28.0); the 8 hex digits
  in each file name are the start of the file's SHA-256 (torch.hub's
  `check_hash` rule). `size` is torchvision's `_file_size` (MiB, 3 decimals)
  times 2**20, so it is within ±525 bytes of the real size: `size_exact` is False
  and the size only drives the progress bar, never a check.
- timm: `resnet50d.ra2_in1k`'s `url` in timm's `pretrained_cfg`; same file-name
  hash rule. No size is published: `size` is the float32 bytes of the
  state_dict's tensors (the file adds a few kB of framing).
- akamaster/pytorch_resnet_cifar10: the README's links. The files were renamed
  to `name-<sha256 prefix>.th` so that torch.hub's `load_url` accepts them
  (issue #7 of that repository). No size is published: estimated as above.
  Its trainer normalises CIFAR-10 with ImageNet's mean/std, so these entries do too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from .i18n import t

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
MIB = 2**20


@dataclass(frozen=True)
class WeightsEntry:
    name: str  # "resnet50.tv2_in1k": preset + publisher's tag
    preset: str
    url: str
    sha256: str  # full digest, or the prefix the publisher puts in the file name
    size: int  # bytes; exact only where size_exact
    size_exact: bool
    classes: str  # label set: "imagenet1k" | "cifar10"
    license: str
    source: str
    input_size: int = 224
    mean: tuple[float, float, float] = IMAGENET_MEAN
    std: tuple[float, float, float] = IMAGENET_STD

    @property
    def file_name(self) -> str:
        """The name torch.hub caches it under (the URL's last path part)."""
        return PurePosixPath(urlsplit(self.url).path).name

    @property
    def num_classes(self) -> int:
        return LABEL_SET_SIZES[self.classes]

    def url_from(self, mirror: str | None) -> str:
        """The publisher's URL, or the mirror's base plus the URL's path."""
        if not mirror:
            return self.url
        return mirror.rstrip("/") + urlsplit(self.url).path

    def to_dict(self, cached: bool) -> dict[str, object]:
        return {
            "name": self.name,
            "preset": self.preset,
            "url": self.url,
            "sha256": self.sha256,
            "size": self.size,
            "size_exact": self.size_exact,
            "classes": self.classes,
            "license": self.license,
            "source": self.source,
            "cached": cached,
        }


LABEL_SET_SIZES = {"imagenet1k": 1000, "cifar10": 10}

_TV = "https://download.pytorch.org/models/"
_TV_LICENSE = "BSD-3-Clause (torchvision); trained on ImageNet-1k, whose terms restrict use to non-commercial research"
_TV_SOURCE = "torchvision.models.{}_Weights.{}"


def _tv(preset: str, enum: str, tag: str, file: str, mib: float) -> WeightsEntry:
    version = "V2" if tag.startswith("tv2") else "V1"
    return WeightsEntry(
        name=f"{preset}.{tag}",
        preset=preset,
        url=_TV + file,
        sha256=file.rsplit("-", 1)[1].split(".")[0],
        size=round(mib * MIB),
        size_exact=False,
        classes="imagenet1k",
        license=_TV_LICENSE,
        source=_TV_SOURCE.format(enum, f"IMAGENET1K_{version}"),
    )


def _cifar(preset: str, file: str, size: int) -> WeightsEntry:
    return WeightsEntry(
        name=f"{preset}.akamaster_cifar10",
        preset=preset,
        url=f"https://github.com/akamaster/pytorch_resnet_cifar10/raw/master/pretrained_models/{file}",
        sha256=file.rsplit("-", 1)[1].split(".")[0],
        size=size,
        size_exact=False,
        classes="cifar10",
        license="BSD-2-Clause (akamaster/pytorch_resnet_cifar10, Yerlan Idelbayev)",
        source="github.com/akamaster/pytorch_resnet_cifar10 (option A shortcuts, 'linear' head, DataParallel wrapper)",
        input_size=32,
    )


# The first entry of a preset is the one `--weights pretrained` uses (torchvision's DEFAULT).
CATALOGUE: tuple[WeightsEntry, ...] = (
    _tv("resnet18", "ResNet18", "tv_in1k", "resnet18-f37072fd.pth", 44.661),
    _tv("resnet34", "ResNet34", "tv_in1k", "resnet34-b627a593.pth", 83.275),
    _tv("resnet50", "ResNet50", "tv2_in1k", "resnet50-11ad3fa6.pth", 97.79),
    _tv("resnet50", "ResNet50", "tv_in1k", "resnet50-0676ba61.pth", 97.781),
    _tv("resnet101", "ResNet101", "tv2_in1k", "resnet101-cd907fc2.pth", 170.53),
    _tv("resnet101", "ResNet101", "tv_in1k", "resnet101-63fe2227.pth", 170.511),
    _tv("resnet152", "ResNet152", "tv2_in1k", "resnet152-f82ba261.pth", 230.474),
    _tv("resnet152", "ResNet152", "tv_in1k", "resnet152-394f9c45.pth", 230.434),
    _tv("resnext50_32x4d", "ResNeXt50_32X4D", "tv2_in1k", "resnext50_32x4d-1a0047aa.pth", 95.833),
    _tv("resnext50_32x4d", "ResNeXt50_32X4D", "tv_in1k", "resnext50_32x4d-7cdf4587.pth", 95.789),
    _tv("wide_resnet50_2", "Wide_ResNet50_2", "tv2_in1k", "wide_resnet50_2-9ba9bcbe.pth", 263.124),
    _tv("wide_resnet50_2", "Wide_ResNet50_2", "tv_in1k", "wide_resnet50_2-95faca4d.pth", 131.82),
    WeightsEntry(
        name="resnet50d.ra2_in1k",
        preset="resnet50d",
        url="https://github.com/rwightman/pytorch-image-models/releases/download/v0.1-weights/resnet50d_ra2-464e36ba.pth",
        sha256="464e36ba",
        size=102_518_488,
        size_exact=False,
        classes="imagenet1k",
        license="Apache-2.0 (timm); trained on ImageNet-1k, whose terms restrict use to non-commercial research",
        source="timm resnet50d.ra2_in1k (pretrained_cfg url; also on the Hugging Face hub as timm/resnet50d.ra2_in1k)",
    ),
    _cifar("resnet20", "resnet20-12fca82f.th", 1_084_544),
    _cifar("resnet32", "resnet32-d509ac18.th", 1_865_952),
    _cifar("resnet44", "resnet44-014dd654.th", 2_647_360),
    _cifar("resnet56", "resnet56-4bfd9763.th", 3_428_768),
    _cifar("resnet110", "resnet110-1d1ed7c2.th", 6_945_104),
)


def _current(catalogue: tuple[WeightsEntry, ...] | None) -> tuple[WeightsEntry, ...]:
    """The given catalogue, else this module's CATALOGUE as it is now (tests replace it)."""
    return CATALOGUE if catalogue is None else catalogue


class CatalogueError(ValueError):
    """An unknown entry or preset; the message names what is known."""


def find(name: str, catalogue: tuple[WeightsEntry, ...] | None = None) -> WeightsEntry:
    """An entry by its name, or a preset's default entry by the preset's name."""
    catalogue = _current(catalogue)
    for e in catalogue:
        if e.name == name:
            return e
    for e in catalogue:
        if e.preset == name:
            return e
    raise CatalogueError(
        t(
            "weights: unknown name {name!r}; known: {known} (or a preset name)",
            name=name,
            known=", ".join(e.name for e in catalogue),
        )
    )


def default_for(preset: str | None, catalogue: tuple[WeightsEntry, ...] | None = None) -> WeightsEntry:
    """The entry `--weights pretrained` uses for this preset."""
    catalogue = _current(catalogue)
    for e in catalogue:
        if e.preset == preset:
            return e
    have = ", ".join(sorted({e.preset for e in catalogue}))
    if preset:
        raise CatalogueError(
            t(
                "--weights pretrained: no pretrained weights for preset {preset!r}; available for {have}",
                preset=preset,
                have=have,
            )
        )
    raise CatalogueError(
        t(
            "--weights pretrained: no pretrained weights for a custom network (not a preset); available for {have}",
            have=have,
        )
    )


def by_file_name(file_name: str, catalogue: tuple[WeightsEntry, ...] | None = None) -> WeightsEntry | None:
    return next((e for e in _current(catalogue) if e.file_name == file_name), None)


def hash_matches(entry: WeightsEntry, hexdigest: str) -> bool:
    """torch.hub's rule: the published hash (full or prefix) starts the SHA-256."""
    return len(entry.sha256) >= 8 and hexdigest.lower().startswith(entry.sha256.lower())

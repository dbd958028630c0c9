"""Catalogued pretrained weights into a live model, and what the app says about
the weights a prediction comes from. torch is imported only inside functions
(the GUI imports this module for its messages)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.catalogue import WeightsEntry, by_file_name, hash_matches
from ..core.choices import PRETRAINED, WeightsSource
from ..core.i18n import t
from ..core.labels import label, set_for_head
from .download import cache_path, sha256_of, verified_cached
from .trace_doc import WeightsDoc

if TYPE_CHECKING:
    import torch

    from .session import LiveSession
    from .weights import LoadReport


class NotCachedError(FileNotFoundError):
    """Pretrained weights asked for but not downloaded; the message names the command."""


@dataclass
class WeightsInfo:
    """Where the current weights come from, for the CLI text, the JSON and the status bar."""

    source: WeightsSource = "random"
    name: str | None = None  # the catalogue entry or the file
    loaded: int = 0  # tensors taken from the file
    notes: list[str] = field(default_factory=list)
    seed: int = 0
    reinitialised: list[str] = field(default_factory=list)  # parts rebuilt (random) after loading

    def to_dict(self) -> WeightsDoc:
        notes = list(self.notes)
        if self.untrained_note:
            notes.append(self.untrained_note)
        if self.reinitialised:
            notes.append(t("re-initialised at random after loading: {parts}", parts=", ".join(self.reinitialised)))
        return {"source": self.source, "name": self.name, "loaded": self.loaded, "notes": notes}

    def copy(self) -> WeightsInfo:
        return replace(self, notes=list(self.notes), reinitialised=list(self.reinitialised))

    @property
    def untrained_note(self) -> str | None:
        if self.source != "random":
            return None
        return t("untrained: random init, seed {seed} — predictions are meaningless", seed=self.seed)

    @property
    def short(self) -> str:
        """For the status bar."""
        if self.source == "random":
            return t("untrained (random init)")
        if self.source == PRETRAINED:
            if self.reinitialised:
                return t("pretrained {name} (partly re-initialised)", name=self.name)
            return t("pretrained {name}", name=self.name)
        if self.reinitialised:
            return t("weights {name} (partly re-initialised)", name=self.name)
        return t("weights {name}", name=self.name)


def prediction_text(input_label: str, top: list[tuple[int, float]], num_classes: int, info: WeightsInfo | None) -> str:
    """The status bar's one line about the top class, honest about untrained weights."""
    if not top:
        return ""
    index, p = top[0]
    name = label(set_for_head(num_classes), index)
    untrained = info is None or info.source == "random"
    fields = {"input": input_label, "index": index, "name": name, "p": f"{p:.0%}"}
    if name and untrained:
        return t("{input}: top class {index} {name} ({p}) — untrained (random init): meaningless", **fields)
    if name:
        return t("{input}: top class {index} {name} ({p})", **fields)
    if untrained:
        return t("{input}: top class {index} ({p}) — untrained (random init): meaningless", **fields)
    return t("{input}: top class {index} ({p})", **fields)


def random_weights(seed: int) -> WeightsInfo:
    return WeightsInfo("random", None, 0, [], seed)


def cached_file(entry: WeightsEntry) -> Path:
    """The verified cached file, or NotCachedError naming the download command."""
    path = verified_cached(entry)
    if path is None:
        where = cache_path(entry)
        if where.is_file():
            raise NotCachedError(
                t(
                    "pretrained weights {name} is not valid (wrong SHA-256) ({path}); "
                    "fetch them with: resnet-viewer weights --download {name}",
                    name=entry.name,
                    path=where,
                )
            )
        raise NotCachedError(
            t(
                "pretrained weights {name} is not downloaded ({path}); "
                "fetch them with: resnet-viewer weights --download {name}",
                name=entry.name,
                path=where,
            )
        )
    return path


def read_pretrained(path: str | Path) -> dict[str, torch.Tensor]:
    """A catalogued file's state_dict in this project's names: the one checkpoint
    reader (live/checkpoint.py: weights_only, on the CPU, wrappers and prefixes
    undone, `linear`/`classifier`/`head.fc` heads mapped to `fc`)."""
    from .weights import read_state_dict

    return read_state_dict(path)


def load_file_into_session(session: LiveSession, path: str, strict: bool = True) -> tuple[LoadReport, WeightsInfo]:
    """Load a weights file; a catalogued file (by its name) is read the catalogue's way
    and reported as pretrained."""
    entry = by_file_name(Path(path).name)
    if entry is None:
        report = session.load_weights(path, strict=strict)
        return report, WeightsInfo("file", Path(path).name, len(report.loaded), [], session.seed)
    return load_entry_into_session(session, entry, Path(path))


def load_entry_into_session(
    session: LiveSession, entry: WeightsEntry, path: Path | None = None
) -> tuple[LoadReport, WeightsInfo]:
    if path is None:
        path = cached_file(entry)
    elif not hash_matches(entry, sha256_of(path)):
        from .weights import WeightsError

        raise WeightsError(
            t(
                "{path}: named like {name}'s file but its SHA-256 does not start with {sha256}",
                path=path,
                name=entry.name,
                sha256=entry.sha256,
            )
        )
    from .weights import apply_state_dict

    state = read_pretrained(path)
    # strict; a file without BatchNorm's num_batches_tracked still fits (weights.match allows it)
    report = apply_state_dict(session.model, state, strict=True, source=str(path))
    session.invalidate()
    notes = [t("{source}; licence: {license}", source=entry.source, license=entry.license)]
    if not any(k.endswith("num_batches_tracked") for k in state):
        notes.append(
            t("the file has no BatchNorm num_batches_tracked (saved before torch 0.4.1): the model's were kept")
        )
    return report, WeightsInfo(PRETRAINED, entry.name, len(report.loaded), notes, session.seed)

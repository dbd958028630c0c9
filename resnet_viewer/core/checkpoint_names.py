"""Key renaming for checkpoints saved by other code: a small table of rules
that turns their names into this project's (torchvision's) names. Pure: it
works on key strings only, so the live reader and the tests share it."""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import t

# Prefixes a training framework puts in front of every key. One is stripped
# only when EVERY key carries it, and the rules repeat (a compiled model inside
# DataParallel saves `module._orig_mod.`).
PREFIXES: tuple[str, ...] = ("module.", "_orig_mod.", "model.", "net.", "backbone.", "encoder.")


def _why(prefix: str) -> str:
    """Which code saves keys with `prefix`, in the current language."""
    return {
        "module.": t("saved from DataParallel / DistributedDataParallel"),
        "_orig_mod.": t("saved from a torch.compile model"),
        "model.": t("saved by PyTorch Lightning or a wrapper module"),
    }.get(prefix, t("saved from a wrapper module"))


# Renames of a key's start (head names) or of a part inside it (shortcut names).
HEADS: tuple[tuple[str, str], ...] = (
    ("linear.", "fc."),  # akamaster/pytorch_resnet_cifar10 and many CIFAR repos
    ("classifier.", "fc."),
    ("head.fc.", "fc."),  # timm's newer heads
    ("head.", "fc."),
)
PARTS: tuple[tuple[str, str], ...] = ((".shortcut.", ".downsample."),)  # CIFAR code's option B


def rename_keys(keys: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """{original key: new key} and one note per rule that applied."""
    keys = list(keys)
    mapping = {k: k for k in keys}
    notes: list[str] = []
    changed = True
    while changed and mapping:
        changed = False
        for prefix in PREFIXES:
            if all(v.startswith(prefix) for v in mapping.values()):
                mapping = {k: v[len(prefix) :] for k, v in mapping.items()}
                notes.append(
                    t(
                        "every key started with {prefix} ({why}); the prefix was removed",
                        prefix=repr(prefix),
                        why=_why(prefix),
                    )
                )
                changed = True
    for old, new in HEADS:
        hits = [k for k, v in mapping.items() if v.startswith(old)]
        if hits and not any(v.startswith(new) for v in mapping.values()):
            for k in hits:
                mapping[k] = new + mapping[k][len(old) :]
            notes.append(t("the head {head} was renamed to 'fc'", head=repr(old[:-1])))
    for old, new in PARTS:
        hits = [k for k, v in mapping.items() if old in v]
        for k in hits:
            mapping[k] = mapping[k].replace(old, new)
        if hits:
            notes.append(t("{old} modules were renamed to {new}", old=repr(old.strip(".")), new=repr(new.strip("."))))
    return mapping, notes

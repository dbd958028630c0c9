"""ArchSpec: the frozen, validated description of a ResNet — the single source
of truth that every control edits and everything else is derived from."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from . import choices, shortcuts
from .i18n import t

SCHEMA = 1
BLOCK_TYPES, STEMS, STRIDE_ON = choices.BLOCK_TYPES, choices.STEMS, choices.STRIDE_ON
EXPANSION = {"basic": 1, "bottleneck": 4}
MAX_STAGES = 6
MAX_SIDE = 4096
QUOTE_CHARS = 80  # a bad value is quoted up to this length: a 50 MB string is not echoed back


def quote(value: object, limit: int = QUOTE_CHARS) -> str:
    """`repr(value)`, cut to about `limit` characters (the cut says how long it was).
    Containers are summarised before repr so a huge one is never formatted whole."""
    if isinstance(value, (list, tuple, dict)) and len(value) > limit:
        return f"<{type(value).__name__} of {len(value):,} items>"
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit]) + f"… ({len(value):,} characters)"
    try:
        text = repr(value)
    except RecursionError:  # a deeply nested list from JSON
        return f"<deeply nested {type(value).__name__}>"
    return text if len(text) <= limit else text[:limit] + "…"


def parse_ints(text: str, sep: str = ",") -> list[int]:
    """A list field as a user types it: `3, 4,6,3` → [3, 4, 6, 3] (spaces and empty parts
    ignored; `sep="x"` for `3x224x224`). A part that is not an integer raises int()'s
    ValueError, which each caller words for its place (the CLI names its option)."""
    return [int(x) for x in text.replace(" ", "").split(sep) if x]


class SpecError(ValueError):
    """An invalid spec value; the message names the field, the value and what is allowed."""

    def __init__(self, field_name: str, value: object, allowed: str) -> None:
        self.field = field_name
        name = field_name if len(field_name) <= QUOTE_CHARS else quote(field_name)
        super().__init__(
            t("{field}: {value} is not allowed; {allowed}", field=name, value=quote(value), allowed=allowed)
        )

    @classmethod
    def about_file(cls, path: object, message: str, field_name: str = "spec") -> SpecError:
        """`PATH: message` — a spec file that could not be read, or whose content is wrong."""
        err = cls.__new__(cls)
        err.field = field_name
        ValueError.__init__(err, t("{path}: {message}", path=path, message=message))
        return err


@dataclass(frozen=True)
class BlockPlan:
    """One block as the network builds it: channels, stride, dilation, shortcut."""

    name: str  # "layer2.0"
    stage: int  # 1-based
    index: int
    in_ch: int
    width: int  # the 3x3 conv's channels (bottleneck: planes·width_per_group/64·groups)
    out_ch: int
    stride: int
    dilation: int
    shortcut: str


def _pairs(field_name: str, value: Any) -> tuple[tuple[str, Any], ...]:
    """Per-block overrides as sorted (block, value) pairs, from a mapping or a list
    of [block, value] pairs; anything else is refused with the field named."""
    sample = "1" if field_name == "block_strides" else '"zero-pad"'
    example = f'{{"layer2.0": {sample}}}'
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, (list, tuple)):
        items = []
        for item in value:
            if not isinstance(item, (list, tuple)) or len(item) != 2:
                pairs = t("expected an object like {example} or a list of [block, value] pairs", example=example)
                raise SpecError(field_name, item, pairs)
            items.append((item[0], item[1]))
    else:
        raise SpecError(field_name, value, t("expected an object like {example}", example=example))
    for name, v in items:
        if not isinstance(name, str):
            raise SpecError(field_name, name, t('a block name is a string such as "layer2.0"'))
        if not isinstance(v, (str, int)):
            raise SpecError(f"{field_name}[{name!r}]", v, t("expected a variant name or a stride"))
    names = [name for name, _ in items]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise SpecError(field_name, dup, t("each block appears once"))
    return tuple(sorted(items, key=lambda kv: kv[0]))


def _bools(value: Any) -> tuple[bool, ...]:
    """Only real booleans: the string "false" is truthy and must not mean True."""
    if not isinstance(value, (list, tuple)):
        raise SpecError("dilate", value, t("expected a list of true/false, one per stage"))
    for i, d in enumerate(value):
        if not isinstance(d, bool):
            raise SpecError(f"dilate[{i}]", d, t("use true or false (JSON booleans)"))
    return tuple(value)


def _seq(name: str, value: Any) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise SpecError(name, value, t("expected a list"))
    return tuple(value)


@dataclass(frozen=True)
class ArchSpec:
    block: choices.BlockType = "bottleneck"
    layers: tuple[int, ...] = (3, 4, 6, 3)
    widths: tuple[int, ...] = (64, 128, 256, 512)
    strides: tuple[int, ...] = (1, 2, 2, 2)
    dilate: tuple[bool, ...] = (False, False, False, False)
    groups: int = 1
    width_per_group: int = 64
    num_classes: int = 1000
    stem: choices.Stem = "imagenet"
    stem_width: int = 64
    stride_on: choices.StrideOn = "3x3"
    shortcut: str = "conv1x1"
    block_shortcuts: tuple[tuple[str, str], ...] = field(default=())
    block_strides: tuple[tuple[str, int], ...] = field(default=())
    input_shape: tuple[int, int, int] = (3, 224, 224)
    batch: int = 1

    def __post_init__(self) -> None:
        # Accept lists and dicts from callers and JSON; store hashable tuples.
        for name in ("layers", "widths", "strides", "input_shape"):
            object.__setattr__(self, name, _seq(name, getattr(self, name)))
        object.__setattr__(self, "dilate", _bools(self.dilate))
        object.__setattr__(self, "block_shortcuts", _pairs("block_shortcuts", self.block_shortcuts))
        object.__setattr__(self, "block_strides", _pairs("block_strides", self.block_strides))
        _validate(self)

    # ---- derived -------------------------------------------------------
    @property
    def expansion(self) -> int:
        return EXPANSION[self.block]

    @property
    def stage_count(self) -> int:
        return len(self.layers)

    def block_names(self) -> list[str]:
        return [str(choices.BlockName(s + 1, i)) for s, n in enumerate(self.layers) for i in range(n)]

    def shortcut_of(self, block_name: str) -> str:
        return dict(self.block_shortcuts).get(block_name, self.shortcut)

    def plan(self) -> list[BlockPlan]:
        """Every block's channels, stride and dilation, computed the way torchvision's
        `_make_layer` does (incl. `replace_stride_with_dilation`) but without state."""
        overrides_stride = dict(self.block_strides)
        blocks: list[BlockPlan] = []
        in_ch, dilation = self.stem_width, 1
        for s, (count, planes) in enumerate(zip(self.layers, self.widths, strict=True)):
            stride, previous_dilation = self.strides[s], dilation
            if self.dilate[s]:
                dilation *= stride
                stride = 1
            out_ch = planes * self.expansion
            width = planes if self.block == "basic" else int(planes * (self.width_per_group / 64.0)) * self.groups
            for i in range(count):
                name = str(choices.BlockName(s + 1, i))
                blocks.append(
                    BlockPlan(
                        name=name,
                        stage=s + 1,
                        index=i,
                        in_ch=in_ch,
                        width=width,
                        out_ch=out_ch,
                        stride=overrides_stride.get(name, stride if i == 0 else 1),
                        dilation=previous_dilation if i == 0 else dilation,
                        shortcut=self.shortcut_of(name),
                    )
                )
                in_ch = out_ch
        return blocks

    def with_changes(self, **changes: Any) -> ArchSpec:
        return dataclasses.replace(self, **changes)

    def with_block_shortcut(self, block_name: str, variant: str | None) -> ArchSpec:
        """Override one block's shortcut (None removes the override)."""
        d = dict(self.block_shortcuts)
        d.pop(block_name, None)
        if variant is not None and variant != self.shortcut:
            d[block_name] = variant
        return self.with_changes(block_shortcuts=d)

    def with_block_stride(self, block_name: str, stride: int | None) -> ArchSpec:
        d = dict(self.block_strides)
        d.pop(block_name, None)
        if stride is not None:
            d[block_name] = stride
        return self.with_changes(block_strides=d)

    def with_stage_stride(self, stage: int, mode: str) -> ArchSpec:
        """Set stage `stage` (1-based) to stride "1", "2" or "dilate" (choices.STAGE_MODES)."""
        if mode not in choices.STAGE_MODES:
            raise SpecError(f"strides[{stage - 1}]", mode, t("use 1, 2 or dilate"))
        strides, dilate = list(self.strides), list(self.dilate)
        strides[stage - 1] = 1 if mode == "1" else 2
        dilate[stage - 1] = mode == "dilate"
        return self.with_changes(strides=strides, dilate=dilate)

    def stage_mode(self, stage: int) -> choices.StageMode:
        if self.dilate[stage - 1]:
            return "dilate"
        return "1" if self.strides[stage - 1] == 1 else "2"

    # ---- JSON ----------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": SCHEMA}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if f.name in ("block_shortcuts", "block_strides"):
                v = dict(v)
            elif isinstance(v, tuple):
                v = list(v)
            d[f.name] = v
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArchSpec:
        if not isinstance(data, Mapping):
            raise SpecError("spec", type(data).__name__, t("a spec is a JSON object"))
        data = dict(data)
        schema = data.pop("schema", SCHEMA)
        if schema != SCHEMA:
            raise SpecError("schema", schema, t("this version reads schema {schema}", schema=SCHEMA))
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SpecError(unknown[0], data[unknown[0]], t("known fields: {fields}", fields=", ".join(sorted(known))))
        for key in ("layers", "widths", "strides", "dilate", "input_shape"):
            if key in data and not isinstance(data[key], (list, tuple)):
                raise SpecError(key, data[key], t("expected a list"))
        return cls(**data)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_json(cls, text: str) -> ArchSpec:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SpecError(
                "spec", text[:40], t("not valid JSON ({error}, line {line})", error=e.msg, line=e.lineno)
            ) from None
        except RecursionError:
            raise SpecError("spec", text[:40], t("nested too deeply to be a spec")) from None
        except ValueError as e:  # e.g. an integer of more than 4300 digits
            raise SpecError("spec", text[:40], t("not a usable JSON value ({error})", error=e)) from None
        return cls.from_dict(data)


def _is_int(v: object) -> TypeGuard[int]:
    return isinstance(v, int) and not isinstance(v, bool)


def _check_int(name: str, v: object, lo: int, hi: int) -> None:
    if not _is_int(v) or not lo <= v <= hi:
        raise SpecError(name, v, t("must be an integer from {lo} to {hi}", lo=lo, hi=hi))


def _check_choice(name: str, v: object, allowed: tuple[str, ...]) -> None:
    if not isinstance(v, str) or v not in allowed:
        raise SpecError(name, v, t("allowed: {values}", values=", ".join(allowed)))


def _validate(s: ArchSpec) -> None:
    """Raise SpecError for the first field that is wrong, in field order: the
    named choices, then the stages, the grouped widths, the sizes, the per-block overrides."""
    _check_choices(s)
    _check_stages(s)
    _check_groups(s)
    _check_sizes(s)
    _check_overrides(s)


def _check_choices(s: ArchSpec) -> None:
    _check_choice("block", s.block, BLOCK_TYPES)
    _check_choice("stem", s.stem, STEMS)
    _check_choice("stride_on", s.stride_on, STRIDE_ON)
    if not isinstance(s.shortcut, str) or s.shortcut not in shortcuts.NAMES:
        raise SpecError("shortcut", s.shortcut, t("known: {values}", values=", ".join(shortcuts.NAMES)))


def _check_stages(s: ArchSpec) -> None:
    """One value per stage in every per-stage field, each in range; dilation only where stride 2."""
    n = len(s.layers)
    if not 1 <= n <= MAX_STAGES:
        raise SpecError("layers", list(s.layers), t("1 to {most} stages", most=MAX_STAGES))
    for name in ("widths", "strides", "dilate"):
        if len(getattr(s, name)) != n:
            raise SpecError(name, list(getattr(s, name)), t("needs one value per stage ({n}, as in layers)", n=n))
    for i, count in enumerate(s.layers):
        _check_int(f"layers[{i}]", count, 1, 100)
    for i, w in enumerate(s.widths):
        _check_int(f"widths[{i}]", w, 1, 8192)
    for i, st in enumerate(s.strides):
        if st not in (1, 2) or not _is_int(st):
            raise SpecError(f"strides[{i}]", st, t("stride must be 1 or 2"))
        if s.dilate[i] and st != 2:
            raise SpecError(
                f"dilate[{i}]", True, t("stage {stage} has stride 1; dilation replaces a stride of 2", stage=i + 1)
            )


def _check_groups(s: ArchSpec) -> None:
    """Grouped convs: basic blocks have none; a bottleneck's 3x3 keeps at least one channel."""
    _check_int("groups", s.groups, 1, 1024)
    _check_int("width_per_group", s.width_per_group, 1, 8192)
    if s.block == "basic" and (s.groups != 1 or s.width_per_group != 64):
        raise SpecError("groups", s.groups, t("a basic block supports only groups=1 and width_per_group=64"))
    if s.block == "bottleneck":
        for i, planes in enumerate(s.widths):
            if int(planes * (s.width_per_group / 64.0)) < 1:
                raise SpecError(
                    f"widths[{i}]", planes, t("too narrow for width_per_group: the 3x3 conv would have 0 channels")
                )


def _check_sizes(s: ArchSpec) -> None:
    _check_int("num_classes", s.num_classes, 1, 100_000)
    _check_int("stem_width", s.stem_width, 2 if s.stem == "deep" else 1, 8192)
    _check_int("batch", s.batch, 1, 1024)
    if len(s.input_shape) != 3:
        raise SpecError("input_shape", list(s.input_shape), t("expected C x H x W"))
    _check_int("input_shape[0] (channels)", s.input_shape[0], 1, 64)
    _check_int("input_shape[1] (height)", s.input_shape[1], 1, MAX_SIDE)
    _check_int("input_shape[2] (width)", s.input_shape[2], 1, MAX_SIDE)


def _check_overrides(s: ArchSpec) -> None:
    """Every per-block override names an existing block and a known value."""
    names = s.block_names()
    for field_name, pairs in (("block_shortcuts", s.block_shortcuts), ("block_strides", s.block_strides)):
        for block_name, value in pairs:
            if block_name not in names:
                raise SpecError(
                    f"{field_name}[{block_name!r}]",
                    block_name,
                    t("no such block; blocks are {blocks}", blocks=_block_range(s)),
                )
            if field_name == "block_shortcuts" and value not in shortcuts.NAMES:
                raise SpecError(
                    f"{field_name}[{block_name!r}]", value, t("known: {values}", values=", ".join(shortcuts.NAMES))
                )
            if field_name == "block_strides" and (value not in (1, 2) or not _is_int(value)):
                raise SpecError(f"{field_name}[{block_name!r}]", value, t("stride must be 1 or 2"))


def _block_range(s: ArchSpec) -> str:
    return ", ".join(
        f"{choices.BlockName(i + 1, 0)}–{choices.BlockName(i + 1, n - 1)}"
        if n > 1
        else str(choices.BlockName(i + 1, 0))
        for i, n in enumerate(s.layers)
    )

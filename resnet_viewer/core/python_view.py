"""The Python view of one block: where `self.downsample` comes from and what
calling it does, with this block's real values and the shape at every line.

`explain_dict` is the one place that assembles what `explain` prints (text
and `--json`); a field added there appears in both. Qt-free, torch-free.
"""

from __future__ import annotations

import textwrap
from typing import Any

from . import shortcuts
from .block_code import Step, class_name, forward_steps, planes, shortcut_ops
from .choices import stage_name
from .coverage import block_coverage, fmt_coverage
from .explain import explain, pytorch_error, torchvision_call
from .i18n import columns, is_wide, t
from .ops import BatchNorm, Conv, Op, Passthrough, Pool, Subsample, ZeroPadChannels
from .presets import matching_preset
from .shapes import BlockReport, ShapeReport
from .spec import ArchSpec, BlockPlan

SCHEMA = 1


def layer_call(op: Op) -> str:
    """The shortcut layer as `_make_layer` writes it, with literal values."""
    if isinstance(op, Conv):
        return torchvision_call(op)
    if isinstance(op, BatchNorm):
        return f"norm_layer({op.channels})"
    if isinstance(op, Subsample):
        return f"Subsample({op.stride})"
    if isinstance(op, ZeroPadChannels):
        return f"ZeroPadChannels({op.out_ch})"
    return op.code().split("  #")[0]


def what_it_computes(op: Op, in_channels: int | None) -> str:
    """One phrase: what the module standing at this index does to the tensor."""
    if isinstance(op, Conv):
        k = f"{op.kernel}x{op.kernel}"
        if op.stride > 1:
            return t(
                "a {kernel} convolution with stride {stride}: {filters} filters over {channels} channels (learned)",
                kernel=k,
                stride=op.stride,
                filters=op.out_ch,
                channels=op.in_ch,
            )
        return t(
            "a {kernel} convolution: {filters} filters over {channels} channels (learned)",
            kernel=k,
            filters=op.out_ch,
            channels=op.in_ch,
        )
    if isinstance(op, BatchNorm):
        return t(
            "BatchNorm2d({channels}): per channel (x - running_mean) / sqrt(running_var + eps) * weight + bias",
            channels=op.channels,
        )
    if isinstance(op, Subsample):
        s = op.stride
        return t(
            "no parameters: x[:, :, ::{stride}, ::{stride}], keeps one pixel in {kept} and drops the rest",
            stride=s,
            kept=s * s,
        )
    if isinstance(op, ZeroPadChannels):
        return _zero_pad_phrase(op, in_channels)
    if isinstance(op, Pool):
        s = op.stride
        if op.mode == "avg":
            return t(
                "no parameters: the mean of each {size} window (a window hanging over the edge uses what it covers)",
                size=f"{s}x{s}",
            )
        return t(
            "no parameters: the maximum of each {size} window (a window hanging over the edge uses what it covers)",
            size=f"{s}x{s}",
        )
    if isinstance(op, Passthrough):
        return t("no parameters: returns its input (nothing to pool at stride 1; keeps the conv at index 1)")
    return op.label


def _zero_pad_phrase(op: ZeroPadChannels, in_channels: int | None) -> str:
    both = op.placement == "both"
    if in_channels is None:  # how many are missing is unknown
        if both:
            return t(
                "no parameters: appends zero channels half before the input's channels and half after, up to {channels}",
                channels=op.out_ch,
            )
        return t(
            "no parameters: appends zero channels after the input's channels, up to {channels}", channels=op.out_ch
        )
    missing = op.out_ch - in_channels
    if both:
        return t(
            "no parameters: appends {missing} zero channels half before the input's channels and half after, "
            "up to {channels}",
            missing=missing,
            channels=op.out_ch,
        )
    return t(
        "no parameters: appends {missing} zero channels after the input's channels, up to {channels}",
        missing=missing,
        channels=op.out_ch,
    )


def _test(p: BlockPlan) -> tuple[bool, str]:
    """Whether `_make_layer`'s test holds for this block, and which part does."""
    parts = [
        (p.stride != 1, f"stride {p.stride} {'!=' if p.stride != 1 else '=='} 1"),
        (p.in_ch != p.out_ch, f"self.inplanes {p.in_ch} {'!=' if p.in_ch != p.out_ch else '=='} {p.out_ch}"),
    ]
    true = [text for ok, text in parts if ok]
    false = [text for ok, text in parts if not ok]
    if len(true) == 2:
        return True, t("True, both parts hold: {first} and {second}", first=true[0], second=true[1])
    if true:
        return True, t("True: {holds} (while {fails})", holds=true[0], fails=false[0])
    return False, t("False, neither part holds: {first} and {second}", first=false[0], second=false[1])


def _stage_lines(spec: ArchSpec, p: BlockPlan) -> list[str]:
    """How the stride and dilation this block gets came about."""
    stage_stride = spec.strides[p.stage - 1]
    lines = []
    if spec.dilate[p.stage - 1] and p.index == 0:
        lines.append(
            "# "
            + t(
                "dilate=True: self.dilation *= {stride}; stride = 1, so the stage keeps its resolution; "
                "this block's dilation is {dilation} (previous_dilation: a stage's first block keeps the dilation "
                "before it)",
                stride=stage_stride,
                dilation=p.dilation,
            )
        )
    elif spec.dilate[p.stage - 1]:
        lines.append(
            "# "
            + t(
                "dilate=True: self.dilation *= {stride}; stride = 1, so the stage keeps its resolution; "
                "this block's dilation is {dilation}",
                stride=stage_stride,
                dilation=p.dilation,
            )
        )
    if dict(spec.block_strides).get(p.name) is not None:
        lines.append(
            "# " + t("stride {stride} is set for this block alone (a per-block stride in this spec)", stride=p.stride)
        )
    return lines


def make_layer_lines(spec: ArchSpec, b: BlockReport) -> list[str]:
    """`_make_layer`'s decision for this block, then the constructor that stores it."""
    p = b.plan
    variant = shortcuts.get(p.shortcut)
    kind, pl = class_name(spec), planes(spec, b)
    seq = f"nn.Sequential({', '.join(layer_call(o.op) for o in shortcut_ops(b))})"
    holds, facts = _test(p)
    call = (
        f"ResNet._make_layer({kind}, planes={pl}, blocks={spec.layers[p.stage - 1]}, "
        f"stride={spec.strides[p.stage - 1]}{', dilate=True' if spec.dilate[p.stage - 1] else ''})"
    )
    lines = [
        "# "
        + t(
            "{call} builds {stage}; {block} is its block {index}",
            call=call,
            stage=stage_name(p.stage),
            block=p.name,
            index=p.index,
        ),
        f"# self.inplanes = {p.in_ch}, planes = {pl}, block.expansion = {spec.expansion}, stride = {p.stride}",
    ]
    lines += _stage_lines(spec, p)
    if p.index > 0:
        lines.append(
            "# "
            + t(
                "torchvision asks this only for a stage's first block and builds the others with "
                "downsample=None; this network asks it for every block (same answer unless a block's "
                "stride or shortcut was changed)"
            )
        )
    if variant.when == shortcuts.NEVER:
        lines.append("downsample = None  # " + t("{variant}: this network never builds one", variant=variant.name))
        if holds:
            lines.append("# " + t("torchvision's test would be {facts}, so out += identity will fail", facts=facts))
    elif variant.when == shortcuts.ALWAYS:
        lines.append(f"downsample = {seq}  # " + t("{variant}: built on every block, no test", variant=variant.name))
    else:
        lines.append("downsample = None")
        lines.append(f"if stride != 1 or self.inplanes != planes * block.expansion:  # {facts}")
        if holds:
            lines.append(f"    downsample = {seq}")
        else:
            lines.append(f"    downsample = {seq}  # " + t("not run: downsample stays None"))
    dil = f", dilation={p.dilation}" if p.dilation > 1 else ""
    arg = "downsample" if b.shortcut_ops else "None"
    lines.append(
        f"layers.append(block(self.inplanes, planes, stride, downsample, ...))  "
        f"# {kind}({p.in_ch}, {pl}, stride={p.stride}, downsample={arg}{dil})"
    )
    if b.shortcut_ops:
        names = ", ".join(
            f"{o.name}.{w}" for o in b.shortcut_ops for w in _PARAMS.get(type(o.op).__name__, ()) if o.params
        )
        if names:
            said = t(
                "in {init}: the Sequential is now a submodule; its parameters: {names}",
                init=f"{kind}.__init__",
                names=names,
            )
        else:
            said = t("in {init}: the Sequential is now a submodule; it has no parameters", init=f"{kind}.__init__")
        lines.append(f"self.downsample = downsample  # {said}")
    else:
        said = t("in {init}: None, so forward adds x itself", init=f"{kind}.__init__")
        lines.append(f"self.downsample = downsample  # {said}")
    return lines


_PARAMS = {"Conv": ("weight",), "BatchNorm": ("weight", "bias")}


def forward_walk(spec: ArchSpec, b: BlockReport) -> list[dict[str, Any]]:
    """`forward`'s lines with the shape after each; calling the Sequential is
    expanded into what `Sequential.forward` runs, module by module."""
    rows: list[dict[str, Any]] = []
    in_ch = b.in_shape[1] if b.in_shape else None
    for step in forward_steps(spec, b):
        line = "    " * step.depth + step.line
        if step.line.startswith("if self.downsample"):
            cond = t("True: a module stands there") if b.shortcut_ops else t("False: self.downsample is None")
            rows.append(_row(f"{line}  # {cond}", step))
        elif step.line.startswith("identity = self.downsample"):
            if not b.shortcut_ops:
                rows.append({"line": f"{line}  # " + t("skipped: identity stays x"), "shape": None})
                continue
            rows.append(_row(f"{line}  # " + t("calls nn.Sequential.forward: each module in turn"), step))
            channels = in_ch
            for o in b.shortcut_ops:
                call = f"        Sequential.forward: input = self[{o.name.split('.')[-1]}](input)"
                rows.append(
                    {
                        "line": f"{call}  # {layer_call(o.op)}: {what_it_computes(o.op, channels)}",
                        "shape": _list(o.out_shape),
                    }
                )
                channels = o.out_shape[1] if o.out_shape else None
        elif step.line == "out += identity" and b.status == "error":
            rows.append({"line": f"{line}  # {_failure(b)}", "shape": None})
        else:
            rows.append(_row(line, step))
    return rows


def _failure(b: BlockReport) -> str:
    """`block_code.failure_comment` in the current language (the printed module keeps English)."""
    if b.main_shape is None or b.shortcut_shape is None:
        return t("fails: the feature map has shrunk to nothing")
    return t("fails here: {error}", error=pytorch_error(b.main_shape, b.shortcut_shape))


def _row(line: str, step: Step) -> dict[str, Any]:
    return {"line": line, "shape": _list(step.shape)}


def _list(shape: tuple[int, ...] | None) -> list[int] | None:
    return None if shape is None else list(shape)


def explain_dict(report: ShapeReport, name: str) -> dict[str, Any]:
    """Everything `explain` says about one block. Raises KeyError for an unknown block."""
    spec, b = report.spec, report.block(name)
    return {
        "schema": SCHEMA,
        "block": name,
        "explanation": explain(report, name),
        **block_coverage(report, name).to_dict(),  # which input pixels each branch reads, the receptive field
        "make_layer": make_layer_lines(spec, b),
        "forward": forward_walk(spec, b),
    }


_COVERAGE = ("main_coverage", "shortcut_coverage", "receptive_field", "jump", "rf_offset")
_KNOWN = ("schema", "block", "explanation", "make_layer", "forward", *_COVERAGE)


_NO_LINE_START = set("，。；：、）！？」』")  # Chinese punctuation that stays at the end of a line


def wrap(para: str, width: int, indent: str) -> list[str]:
    """`textwrap.wrap` for text without wide characters (the English output is
    unchanged); with CJK text, lines of at most `width` columns counting a wide
    character as two, broken at spaces or between wide characters (never inside
    a code token such as `conv1x1(256, 512, stride=2)`'s parts)."""
    if not any(is_wide(c) for c in para):
        return textwrap.wrap(para, width, initial_indent=indent, subsequent_indent=indent)
    lines: list[str] = []
    line, used, room = "", 0, width - len(indent)
    for tok in _tokens(para):
        if tok == " ":
            if line:
                line, used = line + " ", used + 1
            continue
        size = columns(tok)
        if line and used + size > room and tok not in _NO_LINE_START:
            lines.append(indent + line.rstrip())
            line, used = "", 0
        line, used = line + tok, used + size
    if line.strip():
        lines.append(indent + line.rstrip())
    return lines


def _tokens(para: str) -> list[str]:
    """Words of narrow characters, single wide characters, and " " for a run of spaces."""
    tokens: list[str] = []
    for ch in para:
        if ch.isspace():
            if tokens and tokens[-1] != " ":
                tokens.append(" ")
        elif is_wide(ch) or not tokens or tokens[-1] == " " or is_wide(tokens[-1][-1]):
            tokens.append(ch)
        else:
            tokens[-1] += ch
    return tokens


def format_explain(report: ShapeReport, d: dict[str, Any]) -> str:
    """The text `explain` prints; fields beyond the known ones (figures added
    later) are listed under the explanation, one per line."""
    spec, b = report.spec, report.block(d["block"])
    p = b.plan
    net = matching_preset(spec) or t("a custom ResNet")
    constructor = (
        f"{class_name(spec)}(inplanes={p.in_ch}, planes={planes(spec, b)}, stride={p.stride}"
        f"{', dilation=' + str(p.dilation) if p.dilation > 1 else ''})"
    )
    out = [
        t(
            "{block} of {network}: {constructor}, shortcut {shortcut}",
            block=p.name,
            network=net,
            constructor=constructor,
            shortcut=p.shortcut,
        ),
        "",
        t("CNN view: what the block does to the pixels"),
    ]
    for para in d["explanation"].split("\n"):
        out += wrap(para, 100, "  ") or [""]
    if all(k in d for k in _COVERAGE):
        out += [
            "  "
            + t(
                "input pixels read: main branch {main}, shortcut {shortcut}",
                main=fmt_coverage(d["main_coverage"]),
                shortcut=fmt_coverage(d["shortcut_coverage"]),
            ),
            "  "
            + t(
                "receptive field {size} px, jump {jump}; output pixel (0, 0) is centred on input ({offset}, {offset})",
                size=d["receptive_field"],
                jump=d["jump"],
                offset=f"{d['rf_offset']:g}",
            ),
        ]
    extra = [(k, v) for k, v in d.items() if k not in _KNOWN]
    out += [f"  {k}: {v}" for k, v in extra]
    out += ["", t("Python view: where self.downsample comes from (torchvision's ResNet._make_layer)")]
    out += [f"  {line}" for line in d["make_layer"]]
    out += ["", t("Python view: what {forward} does (N×C×H×W after each line)", forward=f"{class_name(spec)}.forward")]
    for r in d["forward"]:
        shape = "" if r["shape"] is None else "×".join(str(n) for n in r["shape"])
        out.append(f"  {shape:<16}{r['line']}")
    return "\n".join(out)

"""The Python view of one block: where `self.downsample` comes from and what
calling it does, with this block's real values and the shape at every line.

`explain_dict` is the one place that assembles what `explain` prints (text
and `--json`); a field added there appears in both. Qt-free, torch-free.
"""

from __future__ import annotations

import textwrap
from typing import Any

from . import shortcuts
from .block_code import Step, class_name, failure_comment, forward_steps, planes, shortcut_ops
from .coverage import block_coverage, fmt_coverage
from .explain import explain, torchvision_call
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
        stride = f" with stride {op.stride}" if op.stride > 1 else ""
        return f"a {k} convolution{stride}: {op.out_ch} filters over {op.in_ch} channels (learned)"
    if isinstance(op, BatchNorm):
        return f"BatchNorm2d({op.channels}): per channel (x - running_mean) / sqrt(running_var + eps) * weight + bias"
    if isinstance(op, Subsample):
        s = op.stride
        return f"no parameters: x[:, :, ::{s}, ::{s}], keeps one pixel in {s * s} and drops the rest"
    if isinstance(op, ZeroPadChannels):
        missing = op.out_ch - in_channels if in_channels is not None else None
        n = f"{missing} " if missing is not None else ""
        if getattr(op, "placement", "end") == "both":
            where = "half before the input's channels and half after"
        else:
            where = "after the input's channels"
        return f"no parameters: appends {n}zero channels {where}, up to {op.out_ch}"
    if isinstance(op, Pool):
        s = op.stride
        what = "mean" if op.mode == "avg" else "maximum"
        return f"no parameters: the {what} of each {s}x{s} window (a window hanging over the edge uses what it covers)"
    if isinstance(op, Passthrough):
        return "no parameters: returns its input (nothing to pool at stride 1; keeps the conv at index 1)"
    return op.label


def _test(p: BlockPlan) -> tuple[bool, str]:
    """Whether `_make_layer`'s test holds for this block, and which part does."""
    parts = [
        (p.stride != 1, f"stride {p.stride} {'!=' if p.stride != 1 else '=='} 1"),
        (p.in_ch != p.out_ch, f"self.inplanes {p.in_ch} {'!=' if p.in_ch != p.out_ch else '=='} {p.out_ch}"),
    ]
    true = [text for ok, text in parts if ok]
    false = [text for ok, text in parts if not ok]
    if len(true) == 2:
        return True, f"True, both parts hold: {true[0]} and {true[1]}"
    if true:
        return True, f"True: {true[0]} (while {false[0]})"
    return False, f"False, neither part holds: {false[0]} and {false[1]}"


def _stage_lines(spec: ArchSpec, p: BlockPlan) -> list[str]:
    """How the stride and dilation this block gets came about."""
    stage_stride = spec.strides[p.stage - 1]
    lines = []
    if spec.dilate[p.stage - 1]:
        first = " (previous_dilation: a stage's first block keeps the dilation before it)" if p.index == 0 else ""
        lines.append(
            f"# dilate=True: self.dilation *= {stage_stride}; stride = 1, so the stage keeps its resolution; "
            f"this block's dilation is {p.dilation}{first}"
        )
    if dict(spec.block_strides).get(p.name) is not None:
        lines.append(f"# stride {p.stride} is set for this block alone (a per-block stride in this spec)")
    return lines


def make_layer_lines(spec: ArchSpec, b: BlockReport) -> list[str]:
    """`_make_layer`'s decision for this block, then the constructor that stores it."""
    p = b.plan
    variant = shortcuts.get(p.shortcut)
    kind, pl = class_name(spec), planes(spec, b)
    seq = f"nn.Sequential({', '.join(layer_call(o.op) for o in shortcut_ops(b))})"
    holds, facts = _test(p)
    lines = [
        f"# ResNet._make_layer({kind}, planes={pl}, blocks={spec.layers[p.stage - 1]}, "
        f"stride={spec.strides[p.stage - 1]}{', dilate=True' if spec.dilate[p.stage - 1] else ''}) "
        f"builds layer{p.stage}; {p.name} is its block {p.index}",
        f"# self.inplanes = {p.in_ch}, planes = {pl}, block.expansion = {spec.expansion}, stride = {p.stride}",
    ]
    lines += _stage_lines(spec, p)
    if p.index > 0:
        lines.append(
            "# torchvision asks this only for a stage's first block and builds the others with "
            "downsample=None; this network asks it for every block (same answer unless a block's "
            "stride or shortcut was changed)"
        )
    if variant.when == shortcuts.NEVER:
        lines.append(f"downsample = None  # {variant.name}: this network never builds one")
        if holds:
            lines.append(f"# torchvision's test would be {facts}, so out += identity will fail")
    elif variant.when == shortcuts.ALWAYS:
        lines.append(f"downsample = {seq}  # {variant.name}: built on every block, no test")
    else:
        lines.append("downsample = None")
        lines.append(f"if stride != 1 or self.inplanes != planes * block.expansion:  # {facts}")
        if holds:
            lines.append(f"    downsample = {seq}")
        else:
            lines.append(f"    downsample = {seq}  # not run: downsample stays None")
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
        owned = f"; its parameters: {names}" if names else "; it has no parameters"
        lines.append(f"self.downsample = downsample  # in {kind}.__init__: the Sequential is now a submodule{owned}")
    else:
        lines.append(f"self.downsample = downsample  # in {kind}.__init__: None, so forward adds x itself")
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
            cond = "True: a module stands there" if b.shortcut_ops else "False: self.downsample is None"
            rows.append(_row(f"{line}  # {cond}", step))
        elif step.line.startswith("identity = self.downsample"):
            if not b.shortcut_ops:
                rows.append({"line": f"{line}  # skipped: identity stays x", "shape": None})
                continue
            rows.append(_row(f"{line}  # calls nn.Sequential.forward: each module in turn", step))
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
            rows.append({"line": f"{line}  # {failure_comment(b)}", "shape": None})
        else:
            rows.append(_row(line, step))
    return rows


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


def format_explain(report: ShapeReport, d: dict[str, Any]) -> str:
    """The text `explain` prints; fields beyond the known ones (figures added
    later) are listed under the explanation, one per line."""
    spec, b = report.spec, report.block(d["block"])
    p = b.plan
    net = matching_preset(spec) or "a custom ResNet"
    out = [
        f"{p.name} of {net}: {class_name(spec)}(inplanes={p.in_ch}, planes={planes(spec, b)}, stride={p.stride}"
        f"{', dilation=' + str(p.dilation) if p.dilation > 1 else ''}), shortcut {p.shortcut}",
        "",
        "CNN view: what the block does to the pixels",
    ]
    for para in d["explanation"].split("\n"):
        out += textwrap.wrap(para, 100, initial_indent="  ", subsequent_indent="  ") or [""]
    if all(k in d for k in _COVERAGE):
        out += [
            f"  input pixels read: main branch {fmt_coverage(d['main_coverage'])}, "
            f"shortcut {fmt_coverage(d['shortcut_coverage'])}",
            f"  receptive field {d['receptive_field']} px, jump {d['jump']}; "
            f"output pixel (0, 0) is centred on input ({d['rf_offset']:g}, {d['rf_offset']:g})",
        ]
    extra = [(k, v) for k, v in d.items() if k not in _KNOWN]
    out += [f"  {k}: {v}" for k, v in extra]
    out += ["", "Python view: where self.downsample comes from (torchvision's ResNet._make_layer)"]
    out += [f"  {line}" for line in d["make_layer"]]
    out += ["", f"Python view: what {class_name(spec)}.forward does (N×C×H×W after each line)"]
    for r in d["forward"]:
        shape = "" if r["shape"] is None else "×".join(str(n) for n in r["shape"])
        out.append(f"  {shape:<16}{r['line']}")
    return "\n".join(out)

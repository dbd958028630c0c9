"""A complete, runnable Python module for one block, in torchvision's idiom.

`block_module(report, name)` returns the text `explain --code` prints and the
inspector shows: imports, torchvision's `conv1x1`/`conv3x3`, the
parameter-free modules the shortcut uses, the block class, the lines of
`_make_layer` that decide and build `downsample` with this block's values,
and `make_block()`. The shortcut is written from the block's own op
descriptors, so its `state_dict` keys are the live model's
(`downsample.0`, ...). Plain ASCII, shapes as trailing comments; a test runs
every printed module in a fresh interpreter against the live block.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from . import shortcuts
from .choices import stage_name
from .explain import pytorch_error
from .ops import BatchNorm, Conv, Op, Passthrough, Pool, Shape, Subsample, ZeroPadChannels
from .presets import matching_preset
from .shapes import BlockReport, OpReport, ShapeReport
from .spec import ArchSpec

OUT = "planes * block.expansion"


class CodeError(ValueError):
    """The block cannot be written as a runnable module (its input is unknown)."""


@dataclass(frozen=True)
class Step:
    """One line of the block's `forward` and the tensor it leaves behind."""

    line: str  # without indentation
    shape: Shape | None
    depth: int = 0  # 1 inside `if self.downsample is not None:`


def shape_text(shape: Shape | None) -> str:
    return "?" if shape is None else str(list(shape))


def class_name(spec: ArchSpec) -> str:
    return "BasicBlock" if spec.block == "basic" else "Bottleneck"


def planes(spec: ArchSpec, b: BlockReport) -> int:
    return b.plan.out_ch // spec.expansion


def forward_steps(spec: ArchSpec, b: BlockReport) -> list[Step]:
    """`forward`'s lines, one per main-branch layer, in the order they run."""
    steps = [Step("identity = x", b.in_shape)]
    for i, o in enumerate(b.main_ops):
        attr = "relu" if o.name.startswith("relu") else o.name  # one shared self.relu, as torchvision
        steps.append(Step(f"out = self.{attr}({'x' if i == 0 else 'out'})", o.out_shape))
    steps.append(Step("if self.downsample is not None:", None))
    steps.append(Step("identity = self.downsample(x)", b.shortcut_shape if b.shortcut_ops else None, 1))
    steps.append(Step("out += identity", b.out_shape))
    steps.append(Step("out = self.relu(out)", b.out_shape))
    steps.append(Step("return out", b.out_shape))
    return steps


# ---- the parts of the module ------------------------------------------------

_HELPERS = '''
def conv3x3(in_planes, out_planes, stride=1, groups=1, dilation=1):
    """3x3 convolution with padding"""
    return nn.Conv2d(
        in_planes,
        out_planes,
        kernel_size=3,
        stride=stride,
        padding=dilation,
        groups=groups,
        bias=False,
        dilation=dilation,
    )


def conv1x1(in_planes, out_planes, stride=1):
    """1x1 convolution"""
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)
'''

_SUBSAMPLE = '''
class Subsample(nn.Module):
    """Option A's spatial part: keep every stride-th row and column, no parameters."""

    def __init__(self, stride):
        super().__init__()
        self.stride = stride

    def forward(self, x):
        return x[:, :, :: self.stride, :: self.stride]
'''

_ZERO_PAD = '''
class ZeroPadChannels(nn.Module):
    """Option A's channel part: add zero channels up to out_channels, no parameters."""

    def __init__(self, out_channels):
        super().__init__()
        self.out_channels = out_channels

    def forward(self, x):
        missing = self.out_channels - x.shape[1]
        if missing <= 0:
            return x  # it cannot remove channels
{pad}
'''

_PAD_END = "        return F.pad(x, (0, 0, 0, 0, 0, missing))  # zeros after the last channel"
_PAD_BOTH = (
    "        before = missing // 2  # zeros on both sides, as the CIFAR ResNets pad\n"
    "        return F.pad(x, (0, 0, 0, 0, before, missing - before))"
)

_SIGNATURE = """    def __init__(
        self,
        inplanes,
        planes,
        stride=1,
        downsample=None,
        groups=1,
        base_width=64,
        dilation=1,
        norm_layer=None,
    ):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d"""


def _basic_init(dilation: int) -> list[str]:
    lines = [
        "        if groups != 1 or base_width != 64:",
        '            raise ValueError("BasicBlock only supports groups=1 and base_width=64")',
    ]
    if dilation > 1:
        lines.append("        # torchvision refuses dilation > 1 here; this network dilates both 3x3 convs")
    return [
        *lines,
        "        self.conv1 = conv3x3(inplanes, planes, stride, dilation=dilation)",
        "        self.bn1 = norm_layer(planes)",
        "        self.relu = nn.ReLU(inplace=True)",
        "        self.conv2 = conv3x3(planes, planes, dilation=dilation)",
        "        self.bn2 = norm_layer(planes)",
    ]


def _bottleneck_init(stride_on: str) -> list[str]:
    if stride_on == "1x1":
        first, second = (
            "        self.conv1 = conv1x1(inplanes, width, stride)  # stride on the first 1x1 (ResNet v1, the paper)",
            "        self.conv2 = conv3x3(width, width, 1, groups, dilation)",
        )
    else:
        first, second = (
            "        self.conv1 = conv1x1(inplanes, width)",
            "        self.conv2 = conv3x3(width, width, stride, groups, dilation)  # stride on the 3x3 (v1.5, torchvision)",
        )
    return [
        "        width = int(planes * (base_width / 64.0)) * groups",
        first,
        "        self.bn1 = norm_layer(width)",
        second,
        "        self.bn2 = norm_layer(width)",
        "        self.conv3 = conv1x1(width, planes * self.expansion)",
        "        self.bn3 = norm_layer(planes * self.expansion)",
        "        self.relu = nn.ReLU(inplace=True)",
    ]


def _comment(code: str, comment: str) -> str:
    return f"{code}  # {comment}"


def _block_class(spec: ArchSpec, b: BlockReport) -> list[str]:
    name = class_name(spec)
    init = _basic_init(b.plan.dilation) if spec.block == "basic" else _bottleneck_init(spec.stride_on)
    lines = [
        f"class {name}(nn.Module):",
        f"    expansion = {spec.expansion}",
        "",
        _SIGNATURE,
        *init,
        "        self.downsample = downsample  # None, or the module _make_layer built (see make_block)",
        "        self.stride = stride",
        "",
        _comment("    def forward(self, x):", f"x: {shape_text(b.in_shape)}"),
    ]
    for step in forward_steps(spec, b):
        pad = "    " * (2 + step.depth)
        if step.line.startswith("if "):
            lines.append(pad + step.line)
        elif step.line.startswith("identity = self.downsample") and not b.shortcut_ops:
            lines.append(_comment(pad + step.line, "not run here: downsample is None"))
        elif step.line == "out += identity" and b.status == "error":
            lines.append(_comment(pad + step.line, failure_comment(b)))
        else:
            lines.append(_comment(pad + step.line, shape_text(step.shape)))
    return lines


def failure_comment(b: BlockReport) -> str:
    if b.main_shape is None or b.shortcut_shape is None:
        return "fails: the feature map has shrunk to nothing"
    return "fails here: " + pytorch_error(b.main_shape, b.shortcut_shape)


def _op_expr(op: Op, after_pool: bool, b: BlockReport) -> str:
    """The shortcut layer as `_make_layer` writes it, in terms of its variables."""
    p = b.plan
    out = OUT if getattr(op, "out_ch", getattr(op, "channels", None)) == p.out_ch else None
    if isinstance(op, Conv) and op.in_ch == p.in_ch and out and op.groups == 1 and op.dilation == 1:
        stride = "" if after_pool else ", stride"
        if op.kernel == 1 and op.padding == 0:
            return f"conv1x1(inplanes, {out}{stride})"
        if op.kernel == 3 and op.padding == 1:
            return f"conv3x3(inplanes, {out}{stride})"
    if isinstance(op, BatchNorm) and out:
        return f"norm_layer({out})"
    if isinstance(op, Pool):
        pool = (
            "nn.AvgPool2d(stride, stride, ceil_mode=True, count_include_pad=False)"
            if op.mode == "avg"
            else "nn.MaxPool2d(stride, stride, ceil_mode=True)"
        )
        return f"{pool} if stride > 1 else nn.Identity()"
    if isinstance(op, Passthrough):  # what stands at this index when the block strides
        strided = shortcuts.get(p.shortcut).recipe(p.in_ch, p.out_ch, 2)[0]
        if isinstance(strided, Pool):
            return _op_expr(strided, after_pool, b)
    if isinstance(op, Subsample):
        return "Subsample(stride)"
    if isinstance(op, ZeroPadChannels) and out:
        return f"ZeroPadChannels({out})"
    return op.code().split("  #")[0]  # a layer without a variable form: its literal call


def _condition(b: BlockReport) -> str:
    p = b.plan
    facts = [
        f"stride {p.stride} {'!=' if p.stride != 1 else '=='} 1",
        f"inplanes {p.in_ch} {'!=' if p.in_ch != p.out_ch else '=='} {p.out_ch}",
    ]
    return f"{p.stride != 1 or p.in_ch != p.out_ch}: {', '.join(facts)}"


def _make_block(spec: ArchSpec, b: BlockReport) -> list[str]:
    p = b.plan
    variant = shortcuts.get(p.shortcut)
    stage = stage_name(p.stage)
    lines = [
        "def make_block():",
        f'    """{p.name} with exactly the values the network uses, built the way',
        "    torchvision's ResNet._make_layer builds it (self.inplanes, self.dilation, ...",
        '    are local names here)."""',
        f"    block = {class_name(spec)}",
        "    norm_layer = nn.BatchNorm2d",
        _comment(f"    inplanes = {p.in_ch}", "self.inplanes: what the previous block puts out"),
        f"    planes = {planes(spec, b)}",
        _comment(f"    stride = {p.stride}", _stride_note(spec, b, stage)),
        f"    groups = {spec.groups}",
        _comment(f"    base_width = {spec.width_per_group}", "width_per_group"),
        _comment(f"    dilation = {p.dilation}", "previous_dilation for a stage's first block, else self.dilation"),
    ]
    seq = _sequential(b)
    if variant.when == shortcuts.NEVER:
        lines.append(_comment("    downsample = None", f"{variant.name}: the shortcut is always the input itself"))
    elif variant.when == shortcuts.ALWAYS:
        lines.append(f"    # {variant.name}: a projection on every block, whatever the shapes")
        lines += [f"    {line}" for line in seq]
    else:
        lines.append("    downsample = None")
        lines.append(_comment("    if stride != 1 or inplanes != planes * block.expansion:", _condition(b)))
        lines += [f"        {line}" for line in seq]
    lines.append("    return block(inplanes, planes, stride, downsample, groups, base_width, dilation, norm_layer)")
    return lines


def _stride_note(spec: ArchSpec, b: BlockReport, stage: str) -> str:
    p = b.plan
    if dict(spec.block_strides).get(p.name) is not None:
        return "set for this block alone"
    if p.index > 0:
        return "only a stage's first block strides"
    if spec.dilate[p.stage - 1]:
        return f"{stage} dilates instead of striding (replace_stride_with_dilation)"
    return f"{stage}'s stride"


def _sequential(b: BlockReport) -> list[str]:
    """`downsample = nn.Sequential(...)` with this block's layers, one per line."""
    ops = shortcut_ops(b)
    lines = ["downsample = nn.Sequential("]
    after_pool = False
    for o in ops:
        expr = _op_expr(o.op, after_pool, b)
        code, note = f"    {expr},", f"{o.name}: {shape_text(o.out_shape)}"
        # a long call gets its comment on the line above, so lines stay readable
        lines += [_comment(code, note)] if len(code) + len(note) < 88 else [f"    # {note}", code]
        after_pool = after_pool or isinstance(o.op, (Pool, Passthrough))
    return [*lines, ")"]


def shortcut_ops(b: BlockReport) -> tuple[OpReport, ...]:
    """The block's shortcut layers; for a block whose `if` is False, the ones
    `_make_layer` would build (it still shows them), without shapes."""
    if b.shortcut_ops:
        return b.shortcut_ops
    p = b.plan
    variant = shortcuts.get(p.shortcut)
    ops = variant.recipe(p.in_ch, p.out_ch, p.stride)
    return tuple(OpReport(f"downsample.{i}", op, None, 0) for i, op in enumerate(ops))


def _definitions(b: BlockReport) -> list[str]:
    ops = [o.op for o in shortcut_ops(b)]
    parts = [_HELPERS]
    if any(isinstance(op, Subsample) for op in ops):
        parts.append(_SUBSAMPLE)
    pads = [op for op in ops if isinstance(op, ZeroPadChannels)]
    if pads:
        both = pads[0].placement == "both"
        parts.append(_ZERO_PAD.format(pad=_PAD_BOTH if both else _PAD_END))
    return parts


def _imports(b: BlockReport) -> list[str]:
    ops = [o.op for o in shortcut_ops(b)]
    lines = ["import torch"]
    if any(isinstance(op, ZeroPadChannels) for op in ops):
        lines.append("import torch.nn.functional as F")
    return [*lines, "from torch import nn"]


def _docstring(spec: ArchSpec, b: BlockReport) -> list[str]:
    p = b.plan
    net = matching_preset(spec) or "a custom ResNet"
    variant = shortcuts.get(p.shortcut)
    dil = f", dilation={p.dilation}" if p.dilation > 1 else ""
    return [
        f'"""{p.name} of {net}: {class_name(spec)}(inplanes={p.in_ch}, planes={planes(spec, b)}, '
        f"stride={p.stride}{dil}), shortcut {variant.name}.",
        "",
        *textwrap.wrap(f"{variant.name}: {variant.description_in('en')} [{variant.reference_in('en')}]", 88),
        "",
        "Printed by resnet-viewer (explain --code). make_block() returns the block with",
        "the network's values; its state_dict keys are the live model's. The comments",
        f"give each tensor's shape (N, C, H, W) for an input of {shape_text(b.in_shape)}.",
        '"""',
    ]


def block_module(report: ShapeReport, name: str) -> str:
    """The whole module for block `name`; raises KeyError for an unknown block
    and CodeError when the block's input is unknown (after a block that fails)."""
    spec, b = report.spec, report.block(name)
    if b.in_shape is None:
        first = report.first_error.name if report.first_error else "an earlier block"
        raise CodeError(f"{name} comes after {first}, which cannot run, so its input shape is unknown")
    lines = [*_docstring(spec, b), "", *_imports(b), ""]
    for part in _definitions(b):
        lines += ["", *part.strip("\n").split("\n"), ""]
    lines += ["", *_block_class(spec, b), "", ""]
    lines += [*_make_block(spec, b), "", ""]
    lines += [
        f"INPUT_SHAPE = {tuple(b.in_shape)}",
        "",
        'if __name__ == "__main__":',
        "    block = make_block().eval()",
        "    with torch.no_grad():",
        "        out = block(torch.randn(INPUT_SHAPE))",
        _comment(
            "    print(out.shape)", f"torch.Size({shape_text(b.out_shape)})" if b.out_shape else "raises: see forward"
        ),
    ]
    text = "\n".join(lines) + "\n"
    return _ascii(text.replace("\n\n\n\n", "\n\n\n"))


_PLAIN = {"§": "Sec. ", "×": "x", "—": "-", "–": "-", "→": "->", "·": "*", "✗": "x"}


def _ascii(text: str) -> str:
    """The descriptions use typography; a pasted module stays plain ASCII."""
    return "".join(_PLAIN.get(ch, ch) for ch in text)

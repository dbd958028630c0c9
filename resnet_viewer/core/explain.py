"""Words for one block: the plain-language explanation of what its shortcut
has to do, torchvision's call for a layer, and what PyTorch would raise when
the branches do not fit (the runnable code is `block_code`). Qt-free, torch-free."""

from __future__ import annotations

from . import shortcuts
from .ops import BatchNorm, Conv, Op, Shape, fmt_shape
from .shapes import BlockReport, ShapeReport, fixing_variants
from .spec import ArchSpec


def _hw(shape: Shape | None) -> str:
    return "?" if shape is None else f"{shape[2]}×{shape[3]}"


def torchvision_call(op: Op) -> str:
    """`conv1x1(256, 512, stride=2)` where torchvision has a helper, else the nn call."""
    if isinstance(op, Conv) and op.kernel == 1 and op.padding == 0 and op.groups == 1 and op.dilation == 1:
        return f"conv1x1({op.in_ch}, {op.out_ch}" + (f", stride={op.stride})" if op.stride != 1 else ")")
    if isinstance(op, Conv) and op.kernel == 3 and op.padding == op.dilation:
        extra = "".join(
            [
                f", stride={op.stride}" if op.stride != 1 else "",
                f", groups={op.groups}" if op.groups != 1 else "",
                f", dilation={op.dilation}" if op.dilation != 1 else "",
            ]
        )
        return f"conv3x3({op.in_ch}, {op.out_ch}{extra})"
    return op.code()


def shortcut_caption(b: BlockReport) -> str:
    """What this block's shortcut actually does: "identity" where the variant adds
    no layers here (the network's variant applies only where the shape changes)."""
    return b.plan.shortcut if b.shortcut_ops else "identity"


def own_settings(spec: ArchSpec, name: str) -> tuple[bool, bool]:
    """(own stride, own shortcut): whether `name` overrides its stage's stride or the network's shortcut."""
    return name in dict(spec.block_strides), name in dict(spec.block_shortcuts)


def pytorch_error(main: Shape, shortcut: Shape) -> str:
    """What `out += identity` raises in torchvision's forward for these shapes."""
    for dim in range(len(main) - 1, -1, -1):
        a, b = main[dim], shortcut[dim]
        if a != b and a != 1 and b != 1:
            return f"RuntimeError: The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton dimension {dim}"
    broadcast = [max(a, b) for a, b in zip(main, shortcut, strict=True)]
    return f"RuntimeError: output with shape {list(main)} doesn't match the broadcast shape {broadcast}"


def explain(report: ShapeReport, name: str) -> str:
    b = report.block(name)
    p, _spec = b.plan, report.spec
    if b.in_shape is None or b.main_shape is None:
        return f"{name} comes after a block that cannot run, so its input is unknown. Fix the first error ({report.first_error.name if report.first_error else '?'}) first."
    cin, cout = b.in_shape[1], b.main_shape[1]
    strided = next((o for o in b.main_ops if isinstance(o.op, Conv) and o.op.stride > 1), None)
    parts = []
    if strided is not None:
        parts.append(
            f"{strided.name} has stride {p.stride}, so H×W halves from {_hw(b.in_shape)} to {_hw(b.main_shape)}"
        )
    elif p.dilation > 1:
        parts.append(f"the stage uses dilation {p.dilation} instead of a stride, so H×W stays {_hw(b.in_shape)}")
    elif b.in_shape[2:] != b.main_shape[2:]:
        parts.append(f"H×W changes from {_hw(b.in_shape)} to {_hw(b.main_shape)}")
    if cin != cout:
        parts.append(f"channels {'grow' if cout > cin else 'shrink'} from {cin} to {cout}")
    variant = shortcuts.get(p.shortcut)
    target = fmt_shape(b.main_shape)
    if not parts:
        text = f"The main branch keeps the shape {fmt_shape(b.in_shape)}, so the shortcut can be the input itself (identity): out += x."
        if b.shortcut_ops:
            text += (
                f" This spec still projects it ({variant.name}): {_recipe(b)}, {b.shortcut_params:,} extra parameters."
            )
            return text + f"\n\n{variant.name}: {variant.description}"
        if variant.name == "identity":
            return text
        return (
            text
            + f"\n\nWhere a block changes the shape, this network's shortcut is {variant.name}: {variant.description}"
        )
    text = (", while ".join(parts) if len(parts) == 2 else parts[0]) + f"; the shortcut must deliver {target} too"
    if b.status == "error":
        assert b.shortcut_shape is not None
        fixes = fixing_variants(p, b.in_shape, b.main_shape)
        text += (
            f", but {variant.name} delivers {fmt_shape(b.shortcut_shape)}. "
            f"torchvision's `out += identity` would raise:\n{pytorch_error(b.main_shape, b.shortcut_shape)}\n"
            f"Shortcuts that deliver {target} here: {', '.join(fixes) if fixes else 'none — change the stride or widths'}."
        )
    else:
        text += f": here {_recipe(b)}" + (
            f" ({b.shortcut_params:,} parameters)." if b.shortcut_params else ", with no parameters."
        )
    return text + f"\n\n{variant.name}: {variant.description} [{variant.reference}]"


def _recipe(b: BlockReport) -> str:
    parts = []
    for o in b.shortcut_ops:
        op = o.op
        if isinstance(op, Conv):
            parts.append(torchvision_call(op))
        elif isinstance(op, BatchNorm):
            parts.append(op.code().replace("nn.", ""))
        elif op.kind == "subsample":
            nth = "2nd" if op.stride == 2 else f"{op.stride}th"  # type: ignore[union-attr]
            parts.append(f"every {nth} pixel is taken (x[:, :, ::{op.stride}, ::{op.stride}])")  # type: ignore[union-attr]
        elif op.kind == "zeropad":
            assert b.in_shape is not None
            before, after = op.split(b.in_shape[1])  # type: ignore[union-attr]
            if before:
                parts.append(f"{before} zero channels are put before the input's channels and {after} after them")
            else:
                parts.append(f"{after} zero channels are appended")
        elif op.kind in ("avgpool", "maxpool"):
            parts.append(op.code().replace("nn.", ""))
    return " + ".join(parts) if parts else "the identity"

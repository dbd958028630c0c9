"""Words for one block: the plain-language explanation of what its shortcut
has to do, torchvision's call for a layer, and what PyTorch would raise when
the branches do not fit (the runnable code is `block_code`). Qt-free, torch-free."""

from __future__ import annotations

from . import shortcuts
from .i18n import t
from .ops import Conv, Op, Passthrough, Shape, Subsample, ZeroPadChannels, fmt_shape
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
    return b.plan.shortcut if b.shortcut_ops else t("identity")


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
    """The block in words: how its main branch changes the shape, what the
    shortcut must deliver, and what this network's shortcut does. Every sentence
    is one `t()` template (the changes are clauses filled into it: word order
    differs between languages)."""
    b = report.block(name)
    p = b.plan
    if b.in_shape is None or b.main_shape is None:
        first = report.first_error.name if report.first_error else "?"
        return t(
            "{block} comes after a block that cannot run, so its input is unknown. Fix the first error ({first}) first.",
            block=name,
            first=first,
        )
    variant = shortcuts.get(p.shortcut)
    change = _change(b)
    if change is None:
        return _shape_kept(b, variant)
    target = fmt_shape(b.main_shape)
    about = t(
        "{variant}: {description} [{reference}]",
        variant=variant.name,
        description=variant.description,
        reference=variant.reference,
    )
    if b.status == "error":
        assert b.shortcut_shape is not None
        fixes = fixing_variants(p, b.in_shape, b.main_shape)
        text = t(
            "{change}; the shortcut must deliver {target} too, but {variant} delivers {delivered}. "
            "torchvision's `out += identity` would raise:\n{error}\nShortcuts that deliver {target} here: {fixes}.",
            change=change,
            target=target,
            variant=variant.name,
            delivered=fmt_shape(b.shortcut_shape),
            error=pytorch_error(b.main_shape, b.shortcut_shape),
            fixes=", ".join(fixes) if fixes else t("none — change the stride or widths"),
        )
    elif b.shortcut_params:
        text = t(
            "{change}; the shortcut must deliver {target} too: here {recipe} ({params} parameters).",
            change=change,
            target=target,
            recipe=_recipe(b),
            params=f"{b.shortcut_params:,}",
        )
    else:
        text = t(
            "{change}; the shortcut must deliver {target} too: here {recipe}, with no parameters.",
            change=change,
            target=target,
            recipe=_recipe(b),
        )
    return f"{text}\n\n{about}"


def _change(b: BlockReport) -> str | None:
    """How the main branch changes H×W and the channels, as one clause; None if it keeps the shape."""
    assert b.in_shape is not None and b.main_shape is not None
    p = b.plan
    cin, cout = b.in_shape[1], b.main_shape[1]
    before, after = _hw(b.in_shape), _hw(b.main_shape)
    strided = next((o for o in b.main_ops if isinstance(o.op, Conv) and o.op.stride > 1), None)
    spatial = None
    if strided is not None:
        spatial = t(
            "{layer} has stride {stride}, so H×W halves from {before} to {after}",
            layer=strided.name,
            stride=p.stride,
            before=before,
            after=after,
        )
    elif p.dilation > 1:
        spatial = t(
            "the stage uses dilation {dilation} instead of a stride, so H×W stays {size}",
            dilation=p.dilation,
            size=before,
        )
    elif b.in_shape[2:] != b.main_shape[2:]:
        spatial = t("H×W changes from {before} to {after}", before=before, after=after)
    channels = None
    if cout > cin:
        channels = t("channels grow from {before} to {after}", before=cin, after=cout)
    elif cout < cin:
        channels = t("channels shrink from {before} to {after}", before=cin, after=cout)
    if spatial and channels:
        return t("{spatial}, while {channels}", spatial=spatial, channels=channels)
    return spatial or channels


def _shape_kept(b: BlockReport, variant: shortcuts.ShortcutVariant) -> str:
    """The explanation of a block whose main branch keeps the shape."""
    assert b.in_shape is not None
    shape = fmt_shape(b.in_shape)
    if b.shortcut_ops:
        text = t(
            "The main branch keeps the shape {shape}, so the shortcut can be the input itself (identity): out += x. "
            "This spec still projects it ({variant}): {recipe}, {params} extra parameters.",
            shape=shape,
            variant=variant.name,
            recipe=_recipe(b),
            params=f"{b.shortcut_params:,}",
        )
        return text + "\n\n" + t("{variant}: {description}", variant=variant.name, description=variant.description)
    text = t(
        "The main branch keeps the shape {shape}, so the shortcut can be the input itself (identity): out += x.",
        shape=shape,
    )
    if variant.name == "identity":
        return text
    return (
        text
        + "\n\n"
        + t(
            "Where a block changes the shape, this network's shortcut is {variant}: {description}",
            variant=variant.name,
            description=variant.description,
        )
    )


def _recipe(b: BlockReport) -> str:
    """The shortcut's layers, joined by " + ": torchvision's calls, and a phrase for the parameter-free ones."""
    assert b.in_shape is not None
    in_ch = b.in_shape[1]
    parts = (recipe_part(o.op, in_ch) for o in b.shortcut_ops)
    return " + ".join(p for p in parts if p is not None) or t("the identity")


def recipe_part(op: Op, in_ch: int) -> str | None:
    """One shortcut layer (whose input has `in_ch` channels) in `explain`'s words; None for
    the identity placeholder. A layer without a phrase of its own shows its call
    (`BatchNorm2d(64)`, the pools), never nothing."""
    if isinstance(op, Passthrough):
        return None
    if isinstance(op, Conv):
        return torchvision_call(op)
    if isinstance(op, Subsample):
        return _every_nth(op.stride)
    if isinstance(op, ZeroPadChannels):
        before, after = op.split(in_ch)
        if before:
            return t(
                "{before} zero channels are put before the input's channels and {after} after them",
                before=before,
                after=after,
            )
        return t("{after} zero channels are appended", after=after)
    return op.code().replace("nn.", "")


def _every_nth(stride: int) -> str:
    if stride == 2:
        return t("every 2nd pixel is taken (x[:, :, ::{stride}, ::{stride}])", stride=stride)
    return t("every {stride}th pixel is taken (x[:, :, ::{stride}, ::{stride}])", stride=stride)

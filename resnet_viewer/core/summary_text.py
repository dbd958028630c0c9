"""The `summary` table a person reads (formatting only; data is ShapeReport)."""

from __future__ import annotations

from .explain import shortcut_caption
from .memory import estimate
from .ops import fmt_shape
from .presets import matching_preset
from .shapes import ShapeReport


def human(n: int) -> str:
    """1234567 -> '1.23M' (for multiply-adds, where digits are noise)."""
    for unit, size in (("G", 10**9), ("M", 10**6), ("K", 10**3)):
        if n >= size:
            return f"{n / size:.2f}{unit}"
    return str(n)


def short_number(n: int) -> str:
    """Three significant digits: 379K, 1.51M, 4.09G (for badges)."""
    for unit, size in (("G", 10**9), ("M", 10**6), ("K", 10**3)):
        if n >= size:
            v = n / size
            return f"{v:.3g}{unit}" if v < 1000 else f"{v:.0f}{unit}"
    return str(n)


def format_summary(report: ShapeReport) -> str:
    spec = report.spec
    name = matching_preset(spec) or "custom"
    rows = [("part", "stride", "shortcut", "input → output", "params", "mult-adds", "RF")]
    marks: list[str] = []
    stem = report.stem
    rows.append(
        (
            "stem",
            str(stem.jump),
            spec.stem,
            f"{fmt_shape(stem.in_shape)} → {fmt_shape(stem.out_shape)}",
            f"{stem.params:,}",
            human(stem.mult_adds),
            str(stem.receptive_field),
        )
    )
    for b in report.blocks:
        p = b.plan
        stride = str(p.stride) + (f" d{p.dilation}" if p.dilation > 1 else "")
        if b.status == "ok":
            shapes = f"{fmt_shape(b.in_shape)} → {fmt_shape(b.out_shape)}"
        elif b.status == "error":
            shapes = (
                f"{fmt_shape(b.in_shape)} → ✗ main {fmt_shape(b.main_shape)} ≠ shortcut {fmt_shape(b.shortcut_shape)}"
            )
        else:
            shapes = "? (after an error)"
        name_col = ("!! " if b.status == "error" else "") + p.name
        rows.append(
            (
                name_col,
                stride,
                shortcut_caption(b),  # what this block does: "identity" where torchvision's downsample is None
                shapes,
                f"{b.main_params + b.shortcut_params:,}",
                human(b.main_mult_adds + b.shortcut_mult_adds),
                str(b.receptive_field),
            )
        )
        if b.error:
            marks.append(f"!! {b.error}")
    head = report.head
    out = "?" if report.output_shape is None else "×".join(map(str, report.output_shape))
    rows.append(
        ("head", "-", "-", f"{fmt_shape(head.in_shape)} → {out}", f"{head.params:,}", human(head.mult_adds), "-")
    )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    right = {4, 5, 6}
    lines = [
        f"{name} · {spec.block} blocks {'-'.join(map(str, spec.layers))} · shortcut {spec.shortcut} · "
        f"input {'×'.join(map(str, report.input_shape))}"
    ]
    for i, r in enumerate(rows):
        cells = [c.rjust(w) if j in right else c.ljust(w) for j, (c, w) in enumerate(zip(r, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(f"total params {report.total_params:,} · mult-adds {human(report.total_mult_adds)} · output {out}")
    lines.append(f"memory of a traced run (CPU): {estimate(report).describe()}")
    lines.extend(marks)
    return "\n".join(lines)

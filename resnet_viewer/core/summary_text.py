"""The `summary` table a person reads (formatting only; data is ShapeReport)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .explain import shortcut_caption
from .i18n import columns, t
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


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - columns(text))
    return fill + text if right else text + fill


def table_lines(rows: Sequence[Sequence[str]], right: Collection[int] = (), rule: bool = False) -> list[str]:
    """`rows` (the first is the heading) as aligned text lines, by terminal columns
    so Chinese headings line up; `right`: the columns aligned right; `rule`: a line
    of dashes under the heading. The CLI's tables (summary, trace, weights) all print this way."""
    widths = [max(columns(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(_pad(c, w, j in right) for j, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip())
        if rule and i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def format_summary(report: ShapeReport) -> str:
    spec = report.spec
    name = matching_preset(spec) or t("custom")
    rows = [(t("part"), t("stride"), t("shortcut"), t("input → output"), t("params"), t("mult-adds"), t("RF"))]
    marks: list[str] = []
    stem = report.stem
    rows.append(
        (
            t("stem"),
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
            shapes = t(
                "{input} → ✗ main {main} ≠ shortcut {shortcut}",
                input=fmt_shape(b.in_shape),
                main=fmt_shape(b.main_shape),
                shortcut=fmt_shape(b.shortcut_shape),
            )
        else:
            shapes = t("? (after an error)")
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
        (t("head"), "-", "-", f"{fmt_shape(head.in_shape)} → {out}", f"{head.params:,}", human(head.mult_adds), "-")
    )
    lines = [
        t(
            "{name} · {block} blocks {layers} · shortcut {shortcut} · input {input}",
            name=name,
            block=spec.block,
            layers="-".join(map(str, spec.layers)),
            shortcut=spec.shortcut,
            input="×".join(map(str, report.input_shape)),
        )
    ]
    lines += table_lines(rows, right={4, 5, 6}, rule=True)
    lines.append("")
    lines.append(
        t(
            "total params {params} · mult-adds {mult_adds} · output {output}",
            params=f"{report.total_params:,}",
            mult_adds=human(report.total_mult_adds),
            output=out,
        )
    )
    lines.append(t("memory of a traced run (CPU): {memory}", memory=estimate(report).describe()))
    lines.extend(marks)
    return "\n".join(lines)

"""ShapeReport → Graph: the nodes and labelled edges the diagram shows, at
stage, block or op detail (per stage or block, expandable in place).

The graph is a chain of segments. A `Residual` segment is one block drawn as
two lanes — main branch and shortcut — that meet at an add node; this is the
structure the layout places and every view (Qt scene, SVG) draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final

from . import shortcuts
from .choices import GRAPH_LEVELS, GraphLevel, Lane, NodeKind, OpKind, Status, Stem, stage_name, stage_of
from .explain import own_settings, shortcut_caption
from .graph_text import block_tooltip, conv_text, op_label, op_tooltip, shortcut_label, stage_tooltip, stem_tooltip
from .i18n import t
from .ops import Shape, fmt_shape
from .shapes import ERROR, OK, UNKNOWN, BlockReport, OpReport, ShapeReport
from .summary_text import short_number

LEVELS = GRAPH_LEVELS  # how much of a part is drawn (a figure's level is export.options.LEVELS)


# The stem's box at block level: what each stem (core/layers.stem_layers) does, in short.
STEM_SUMMARY: Final[Mapping[Stem, str]] = {
    "imagenet": "conv7×7/2 · maxpool/2",
    "cifar": "conv3×3",
    "deep": "3× conv3×3 (/2) · maxpool/2",
}


@dataclass(frozen=True)
class Node:
    id: str
    kind: NodeKind
    label: str
    detail: str = ""
    group: str = ""  # the block ("layer2.0") or stage ("layer2") it belongs to
    lane: Lane | None = None  # None: not inside a block or stage (input, output)
    status: Status = OK
    op_kind: OpKind | None = None  # op nodes only: the layer's kind
    params: int = 0
    mult_adds: int = 0
    tooltip: str = ""
    note: str = ""  # drawn beside the node (the mismatch of an add node)


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    label: str  # the feature map that flows: "512×28×28"
    lane: Lane = "main"
    changed: bool = False  # the node it leaves changed C, H or W (`changes`): emphasised
    status: Status = OK


@dataclass(frozen=True)
class Chain:
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Residual:
    group: str
    main: tuple[str, ...]
    shortcut: tuple[str, ...]  # empty: identity line
    add: str
    after: tuple[str, ...]  # the ReLU
    subtitle: str  # "stride 2 · conv1x1"
    badge: str  # "1.51M params · 231M MACs"
    status: Status = OK


Segment = Chain | Residual


@dataclass(frozen=True)
class Graph:
    nodes: dict[str, Node]
    edges: tuple[Edge, ...]
    segments: tuple[Segment, ...]
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    _by_ends: dict[tuple[str, str], Edge] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_ends", {(e.src, e.dst): e for e in self.edges})

    def edge(self, src: str, dst: str) -> Edge:
        return self._by_ends[(src, dst)]

    def out_edges(self, node: str) -> list[Edge]:
        return [e for e in self.edges if e.src == node]


def changes(before: Shape | None, after: Shape | None) -> bool:
    """The one emphasis rule: a node changed the feature map when its output
    differs from its input in channels or spatial size (batch ignored)."""
    return before is not None and after is not None and before[1:] != after[1:]


class _Builder:
    def __init__(self, report: ShapeReport, mark_own: bool = True) -> None:
        self.report = report
        self.mark_own = mark_own  # "(own)" on a block's own stride/shortcut: only among its neighbours
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.segments: list[Segment] = []
        self.tail: str | None = None  # the node the next edge leaves from
        self.tail_shape: Shape | None = report.input_shape
        self.inputs: dict[str, Shape | None] = {}  # what each node receives (its first incoming edge)

    def add(self, node: Node) -> str:
        self.nodes[node.id] = node
        return node.id

    def link(
        self,
        src: str,
        dst: str,
        shape: Shape | None,
        *,
        lane: Lane = "main",
        status: Status | None = None,
        label: str | None = None,
        from_split: bool = False,
    ) -> None:
        """An edge carrying `shape`, the output of `src`; emphasised when `src` changed it.
        A shortcut edge leaving the split is the identity's output: never emphasised."""
        self.inputs.setdefault(dst, shape)
        text = fmt_shape(shape) if label is None else label
        changed = not from_split and changes(self.inputs.get(src), shape)
        self.edges.append(Edge(src, dst, text, lane, changed, status or (UNKNOWN if shape is None else OK)))

    def chain(self, nodes: list[Node], shapes: list[Shape | None]) -> None:
        """Append nodes in a row; shapes[i] is what node i outputs."""
        ids = [self.add(n) for n in nodes]
        for nid, shape in zip(ids, shapes, strict=True):
            if self.tail is not None:
                self.link(self.tail, nid, self.tail_shape)
            else:
                self.inputs[nid] = self.tail_shape
            self.tail, self.tail_shape = nid, shape
        self.segments.append(Chain(tuple(ids)))

    # ---- parts -----------------------------------------------------------
    def input(self) -> None:
        n = self.report.input_shape
        self.chain(
            [
                Node(
                    "input",
                    "input",
                    t("input"),
                    t("batch {n}", n=n[0]),
                    tooltip=t("input {shape} (batch {n})", shape=fmt_shape(n), n=n[0]),
                )
            ],
            [n],
        )

    def stem(self, level: GraphLevel) -> None:
        stem, spec = self.report.stem, self.report.spec
        if level == "op":
            nodes = [self._op_node(f"stem/{o.name}", o, "stem", "main") for o in stem.ops]
            self.chain(nodes, [o.out_shape for o in stem.ops])
            return
        summary = STEM_SUMMARY[spec.stem]
        tip = stem_tooltip(spec.stem, stem)
        node = Node(
            "stem",
            "stem",
            t("stem"),
            summary,
            "stem",
            "main",
            OK if stem.out_shape else ERROR,
            params=stem.params,
            mult_adds=stem.mult_adds,
            tooltip=tip,
        )
        self.chain([node], [stem.out_shape])

    def head(self) -> None:
        h, spec = self.report.head, self.report.spec
        status = OK if h.out_shape else UNKNOWN
        fc = h.ops[-1].op
        head = Node(
            "head",
            "head",
            t("avgpool + fc"),
            fc.label,
            "head",
            "main",
            status,
            params=h.params,
            mult_adds=h.mult_adds,
            tooltip=t("global average pool, then {fc}\nparams {params}", fc=fc.label, params=f"{h.params:,}"),
        )
        out = Node(
            "output",
            "output",
            "logits",
            t("{n} classes", n=spec.num_classes),
            status=status,
            tooltip=t("class scores for the first sample"),
        )
        logits = h.out_shape and h.out_shape[:2]  # (N, classes): the logits are a vector per sample
        self.chain([head, out], [h.out_shape, None])
        self.edges[-1] = replace(self.edges[-1], label=fmt_shape(logits), status=status)

    def stage(self, stage: int, blocks: list[BlockReport]) -> None:
        first, last = blocks[0], blocks[-1]
        status = ERROR if any(b.status == ERROR for b in blocks) else (UNKNOWN if first.status == UNKNOWN else OK)
        params = sum(b.main_params + b.shortcut_params for b in blocks)
        macs = sum(b.main_mult_adds + b.shortcut_mult_adds for b in blocks)
        p = first.plan
        stride = (
            t("dilation {dilation}", dilation=blocks[-1].plan.dilation)
            if p.dilation > 1 or blocks[-1].plan.dilation > 1
            else t("stride {stride}", stride=p.stride)
        )
        name = stage_name(stage)
        tip = stage_tooltip(name, blocks, stride, params, macs)
        if status == ERROR:
            tip += "\n" + next(b.error for b in blocks if b.error)
        node = Node(
            name,
            "stage",
            name,
            f"{len(blocks)}× {self.report.spec.block} · {stride}",
            name,
            "main",
            status,
            params=params,
            mult_adds=macs,
            tooltip=tip,
            note=t("✗ see blocks") if status == ERROR else "",
        )
        self.chain([node], [last.out_shape])

    def block(self, b: BlockReport, level: GraphLevel) -> None:
        """A Residual segment after the current tail: main lane and shortcut lane
        both leave the tail (the split), meet at the add, then the ReLU."""
        main, short = self._lanes(b, level)
        add, relu = self._merge_nodes(b)
        for n in [*main, *short, add, relu]:
            self.add(n)
        split, split_shape = self.tail, self.tail_shape
        assert split is not None
        self._wire_main(b, level, main, add, split, split_shape)
        self._wire_shortcut(b, level, short, add, split, split_shape)
        self.link(add.id, relu.id, b.out_shape, status=UNKNOWN if b.out_shape is None else None)
        self.tail, self.tail_shape = relu.id, b.out_shape
        caption, badge = self._frame_texts(b)
        main_ids, short_ids = tuple(n.id for n in main), tuple(n.id for n in short)
        self.segments.append(Residual(b.plan.name, main_ids, short_ids, add.id, (relu.id,), caption, badge, b.status))

    def _lanes(self, b: BlockReport, level: GraphLevel) -> tuple[list[Node], list[Node]]:
        """The main lane's and the shortcut lane's nodes: one per op at level "op",
        else one summary node each (no shortcut node for an identity)."""
        g = b.plan.name
        if level == "op":
            main = [self._op_node(f"{g}/{o.name}", o, g, "main") for o in b.main_ops]
            short = [
                self._op_node(f"{g}/{o.name}", o, g, "shortcut") for o in b.shortcut_ops if o.op.kind != "identity"
            ]
            return main, short
        return [self._main_summary(b)], [self._shortcut_summary(b)] if b.shortcut_ops else []

    def _main_summary(self, b: BlockReport) -> Node:
        p, g = b.plan, b.plan.name
        convs = " → ".join(conv_text(o.op) for o in b.main_ops if o.op.kind == "conv")
        return Node(
            f"{g}/main",
            "main",
            convs,
            t("{a} → {b} → {c} ch", a=p.in_ch, b=p.width, c=p.out_ch)
            if self.report.spec.block == "bottleneck"
            else t("{a} → {b} ch", a=p.in_ch, b=p.out_ch),
            g,
            "main",
            b.status if b.status == UNKNOWN else OK,
            params=b.main_params,
            mult_adds=b.main_mult_adds,
            tooltip=block_tooltip(b),
        )

    @staticmethod
    def _shortcut_summary(b: BlockReport) -> Node:
        g, variant = b.plan.name, shortcuts.get(b.plan.shortcut)
        return Node(
            f"{g}/shortcut",
            "shortcut",
            shortcut_label(b.shortcut_ops),
            variant.name,
            g,
            "shortcut",
            OK if b.in_shape else UNKNOWN,
            params=b.shortcut_params,
            mult_adds=b.shortcut_mult_adds,
            tooltip=t(
                "{name}: {description}\nparams {params} ({formula})",
                name=variant.name,
                description=variant.description,
                params=f"{b.shortcut_params:,}",
                formula=variant.param_formula,
            ),
        )

    @staticmethod
    def _merge_nodes(b: BlockReport) -> tuple[Node, Node]:
        """The add (marked with both shapes when they differ) and the final ReLU."""
        g = b.plan.name
        note = ""
        if b.status == ERROR:
            note = f"✗ {fmt_shape(b.main_shape)} ≠ {fmt_shape(b.shortcut_shape)}"
        add = Node(
            f"{g}/add",
            "add",
            "+",
            "",
            g,
            "main",
            b.status,
            tooltip=b.error or t("main + shortcut → {shape}", shape=fmt_shape(b.out_shape)),
            note=note,
        )
        relu = Node(f"{g}/relu", "relu", "ReLU", "", g, "main", b.status if b.status != ERROR else UNKNOWN)
        return add, relu

    def _wire_main(
        self, b: BlockReport, level: GraphLevel, main: list[Node], add: Node, split: str, split_shape: Shape | None
    ) -> None:
        prev, shape = split, split_shape
        main_out = [o.out_shape for o in b.main_ops] if level == "op" else [b.main_shape]
        for n, out in zip(main, main_out, strict=True):
            self.link(prev, n.id, shape)
            prev, shape = n.id, out
        self.link(prev, add.id, b.main_shape, status=ERROR if b.status == ERROR else None)

    def _wire_shortcut(
        self, b: BlockReport, level: GraphLevel, short: list[Node], add: Node, split: str, split_shape: Shape | None
    ) -> None:
        """The shortcut lane leaves at the split (the same tensor as the main input,
        so that edge is unlabelled); an identity goes straight to the add."""
        last = split
        if short:
            short_ops = [o for o in b.shortcut_ops if o.op.kind != "identity"]
            short_out = [o.out_shape for o in short_ops] if level == "op" else [b.shortcut_shape]
            status = OK if b.in_shape else UNKNOWN
            self.link(split, short[0].id, split_shape, lane="shortcut", label="", status=status, from_split=True)
            for a, nxt, out in zip(short, short[1:], short_out, strict=False):
                self.link(a.id, nxt.id, out, lane="shortcut")
            last = short[-1].id
        self.link(
            last,
            add.id,
            b.shortcut_shape,
            lane="shortcut",
            status=ERROR if b.status == ERROR else None,
            from_split=last == split,
        )

    def _frame_texts(self, b: BlockReport) -> tuple[str, str]:
        """The block frame's caption (stride, shortcut, "(own)" where the block overrides
        its stage) and its badge (params · MACs)."""
        p = b.plan
        stride = t("stride {stride}", stride=p.stride)
        if p.dilation > 1:
            stride = t("stride {stride} · dilation {dilation}", stride=p.stride, dilation=p.dilation)
        own_stride, own_shortcut = own_settings(self.report.spec, p.name) if self.mark_own else (False, False)
        own = t(" (own)")
        caption = f"{stride}{own if own_stride else ''} · {shortcut_caption(b)}"
        caption += own if own_shortcut else ""
        macs = "?" if b.status == UNKNOWN else short_number(b.main_mult_adds + b.shortcut_mult_adds)
        badge = t("{params} params · {macs} MACs", params=short_number(b.main_params + b.shortcut_params), macs=macs)
        return caption, badge

    def _op_node(self, nid: str, o: OpReport, group: str, lane: Lane) -> Node:
        tip = op_tooltip(o)
        return Node(
            nid,
            "op",
            op_label(o.op),
            "",
            group,
            lane,
            OK if o.out_shape else UNKNOWN,
            o.op.kind,
            o.params,
            o.mult_adds,
            tip,
        )


def level_of(name: str, level: GraphLevel, overrides: Mapping[str, GraphLevel]) -> GraphLevel:
    """A block's level: its own override, else its stage's, else the global one."""
    return overrides.get(name, overrides.get(stage_of(name), level))


def build(
    report: ShapeReport,
    level: GraphLevel = "block",
    overrides: Mapping[str, GraphLevel] | None = None,
    only_block: str | None = None,
    only_stage: int | None = None,
) -> Graph:
    """The diagram's graph: the whole network, or only one block / one stage between
    an input and an output node. `overrides` expands or collapses one stage
    ("layer2": "stage") or block ("layer3.1": "op") in place.

    Every edge carries the shape its source outputs (emphasised where the source
    changed it); every block is one Residual segment whose two lanes leave the same
    split node and meet at its add."""
    if level not in LEVELS:
        raise ValueError(f"level: {level!r} is not allowed; allowed: {', '.join(LEVELS)}")
    if only_block is not None:
        return _one_block(report, level, only_block)
    if only_stage is not None:
        return _one_stage(report, level, only_stage)
    return _network(report, level, overrides or {})


def _one_block(report: ShapeReport, level: GraphLevel, name: str) -> Graph:
    blocks = list(report.blocks)
    chosen = [x for x in blocks if x.name == name]
    if not chosen:
        raise ValueError(f"block: {name!r} is not in this network; blocks are {', '.join(x.name for x in blocks)}")
    b = _Builder(report, mark_own=False)
    blk = chosen[0]
    b.tail_shape = blk.in_shape
    b.chain(
        [
            Node(
                "input", "input", "x", t("block input"), tooltip=t("block input {shape}", shape=fmt_shape(blk.in_shape))
            )
        ],
        [blk.in_shape],
    )
    b.block(blk, "op" if level == "op" else "block")
    b.chain([Node("output", "output", "out", t("block output"))], [None])
    return Graph(b.nodes, tuple(b.edges), tuple(b.segments), blk.name)


def _one_stage(report: ShapeReport, level: GraphLevel, stage: int) -> Graph:
    chosen = [x for x in report.blocks if x.plan.stage == stage]
    if not chosen:
        raise ValueError(f"stage: {stage} is not in this network; stages are 1 to {report.spec.stage_count}")
    b = _Builder(report)
    b.tail_shape = chosen[0].in_shape
    b.chain([Node("input", "input", "x", t("stage input"))], [chosen[0].in_shape])
    for blk in chosen:
        b.block(blk, "op" if level == "op" else "block")
    b.chain([Node("output", "output", "out", t("stage output"))], [None])
    return Graph(b.nodes, tuple(b.edges), tuple(b.segments), stage_name(stage))


def _network(report: ShapeReport, level: GraphLevel, overrides: Mapping[str, GraphLevel]) -> Graph:
    """Input, stem, each stage collapsed to one node or drawn block by block, head."""
    b = _Builder(report)
    b.input()
    b.stem(overrides.get("stem", level))
    for stage in range(1, report.spec.stage_count + 1):
        stage_blocks = [x for x in report.blocks if x.plan.stage == stage]
        if level_of(stage_name(stage), level, overrides) == "stage" and not any(
            x.name in overrides for x in stage_blocks
        ):
            b.stage(stage, stage_blocks)
        else:
            for blk in stage_blocks:
                lv = level_of(blk.name, level, overrides)
                b.block(blk, "op" if lv == "op" else "block")
    b.head()
    return Graph(b.nodes, tuple(b.edges), tuple(b.segments))

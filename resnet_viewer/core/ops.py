"""Layer descriptors: the one description of a layer that both the analytic
shape inference (this package, no torch) and the live torch builder read.

Each descriptor knows its output shape, parameter count, multiply-adds and
how it grows the receptive field. Multiply-adds follow torchinfo's rule
(conv: weight elements x output pixels x batch; BN and Linear: parameters x
batch) so that totals can be compared with `torchinfo.summary`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .choices import OpKind, PadPlacement, PoolMode

Shape = tuple[int, int, int, int]  # N, C, H, W


def conv_out(size: int, kernel: int, stride: int, padding: int, dilation: int = 1) -> int:
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def pool_out_ceil(size: int, stride: int) -> int:
    """Output of a pad-free pool whose kernel equals its stride, ceil_mode=True.

    PyTorch's rule reduces to ceil(size / stride) here: a window may hang over
    the edge, and count_include_pad=False averages only what it covers."""
    return -(-size // stride)


@dataclass(frozen=True)
class Window:
    """Which input positions one output position reads, along one axis.

    Output i reads `i·stride − padding + j·dilation` for j < kernel, clipped to
    the input (padding and a ceil-mode window hanging over the edge read
    nothing). `kernel=0` means the whole axis (global pooling, Linear)."""

    kernel: int = 1
    stride: int = 1
    padding: int = 0
    dilation: int = 1

    def reads(self, i: int, size: int) -> range:
        if self.kernel == 0:
            return range(size)
        start = i * self.stride - self.padding
        skipped = 0 if start >= 0 else -(start // self.dilation)  # taps that fall on the padding
        first = start + skipped * self.dilation
        stop = min(start + (self.kernel - 1) * self.dilation + 1, size)
        return range(first, max(first, stop), self.dilation)

    @property
    def centre_shift(self) -> float:
        """Where output 0's window centre sits, in input positions (ignoring clipping)."""
        return self.dilation * (self.kernel - 1) / 2 - self.padding


POINTWISE = Window()
WHOLE = Window(kernel=0)


@dataclass(frozen=True)
class Conv:
    in_ch: int
    out_ch: int
    kernel: int
    stride: int = 1
    padding: int = 0
    dilation: int = 1
    groups: int = 1
    kind: ClassVar[OpKind] = "conv"

    def out_shape(self, s: Shape) -> Shape:
        k, st, p, d = self.kernel, self.stride, self.padding, self.dilation
        return (s[0], self.out_ch, conv_out(s[2], k, st, p, d), conv_out(s[3], k, st, p, d))

    @property
    def params(self) -> int:
        return self.out_ch * (self.in_ch // self.groups) * self.kernel * self.kernel

    def mult_adds(self, out: Shape) -> int:
        return self.params * out[0] * out[2] * out[3]

    @property
    def rf(self) -> tuple[int, int]:
        return self.dilation * (self.kernel - 1) + 1, self.stride

    @property
    def window(self) -> Window:
        return Window(self.kernel, self.stride, self.padding, self.dilation)

    @property
    def label(self) -> str:
        k = f"conv{self.kernel}×{self.kernel}"
        extra = "".join(
            part
            for part, on in (
                (f"/{self.stride}", self.stride > 1),
                (f" d{self.dilation}", self.dilation > 1),
                (f" g{self.groups}", self.groups > 1),
            )
            if on
        )
        return f"{k}{extra}, {self.in_ch}→{self.out_ch}"

    def code(self) -> str:
        args = [str(self.in_ch), str(self.out_ch), f"kernel_size={self.kernel}"]
        if self.stride != 1:
            args.append(f"stride={self.stride}")
        if self.padding:
            args.append(f"padding={self.padding}")
        if self.dilation != 1:
            args.append(f"dilation={self.dilation}")
        if self.groups != 1:
            args.append(f"groups={self.groups}")
        args.append("bias=False")
        return f"nn.Conv2d({', '.join(args)})"


@dataclass(frozen=True)
class BatchNorm:
    channels: int
    kind: ClassVar[OpKind] = "bn"

    def out_shape(self, s: Shape) -> Shape:
        return s

    @property
    def params(self) -> int:
        return 2 * self.channels

    def mult_adds(self, out: Shape) -> int:
        return self.params * out[0]

    rf = (1, 1)
    window = POINTWISE

    @property
    def label(self) -> str:
        return f"BN {self.channels}"

    def code(self) -> str:
        return f"nn.BatchNorm2d({self.channels})"


@dataclass(frozen=True)
class ReLU:
    kind: ClassVar[OpKind] = "relu"
    params = 0
    rf = (1, 1)
    label = "ReLU"
    window = POINTWISE

    def out_shape(self, s: Shape) -> Shape:
        return s

    def mult_adds(self, out: Shape) -> int:
        return 0

    def code(self) -> str:
        return "nn.ReLU()"


@dataclass(frozen=True)
class MaxPool:
    """3x3/2 max-pool of the ImageNet stem (padding 1, floor mode)."""

    kernel: int = 3
    stride: int = 2
    padding: int = 1
    kind: ClassVar[OpKind] = "maxpool"
    params = 0

    def out_shape(self, s: Shape) -> Shape:
        k, st, p = self.kernel, self.stride, self.padding
        return (s[0], s[1], conv_out(s[2], k, st, p), conv_out(s[3], k, st, p))

    def mult_adds(self, out: Shape) -> int:
        return 0

    @property
    def rf(self) -> tuple[int, int]:
        return self.kernel, self.stride

    @property
    def window(self) -> Window:
        return Window(self.kernel, self.stride, self.padding)

    @property
    def label(self) -> str:
        return f"maxpool{self.kernel}×{self.kernel}/{self.stride}"

    def code(self) -> str:
        return f"nn.MaxPool2d(kernel_size={self.kernel}, stride={self.stride}, padding={self.padding})"


@dataclass(frozen=True)
class Pool:
    """Shortcut pooling: kernel = stride = s, ceil mode, no padding counted."""

    mode: PoolMode
    stride: int
    params = 0

    @property
    def kind(self) -> OpKind:
        return "avgpool" if self.mode == "avg" else "maxpool"  # as `code()` reads the mode

    def out_shape(self, s: Shape) -> Shape:
        k = self.stride
        return (s[0], s[1], pool_out_ceil(s[2], k), pool_out_ceil(s[3], k))

    def mult_adds(self, out: Shape) -> int:
        return 0

    @property
    def rf(self) -> tuple[int, int]:
        return self.stride, self.stride

    @property
    def window(self) -> Window:
        return Window(self.stride, self.stride)  # ceil mode: the last window is clipped

    @property
    def label(self) -> str:
        s = self.stride
        return f"{self.mode}pool{s}×{s}/{s}"

    def code(self) -> str:
        s = self.stride
        if self.mode == "avg":
            return f"nn.AvgPool2d({s}, {s}, ceil_mode=True, count_include_pad=False)"
        return f"nn.MaxPool2d({s}, {s}, ceil_mode=True)"


@dataclass(frozen=True)
class Subsample:
    """Option A's spatial part: keep every s-th pixel (x[:, :, ::s, ::s])."""

    stride: int
    kind: ClassVar[OpKind] = "subsample"
    params = 0

    def out_shape(self, s: Shape) -> Shape:
        st = self.stride
        return (s[0], s[1], -(-s[2] // st), -(-s[3] // st))

    def mult_adds(self, out: Shape) -> int:
        return 0

    @property
    def rf(self) -> tuple[int, int]:
        return 1, self.stride

    @property
    def window(self) -> Window:
        return Window(1, self.stride)

    @property
    def label(self) -> str:
        return f"x[:, :, ::{self.stride}, ::{self.stride}]"

    def code(self) -> str:
        return f"Subsample({self.stride})  # x[:, :, ::{self.stride}, ::{self.stride}]"


@dataclass(frozen=True)
class ZeroPadChannels:
    """Option A's channel part: add zero channels up to `out_ch`.

    `placement` says where they go: "end" appends them after the input's
    channels (the paper's wording); "both" splits them before and after, as
    the most used CIFAR ResNet code does (F.pad(x, (0, 0, 0, 0, p, p))), which
    its trained checkpoints depend on. It cannot remove channels: when the
    input has more, the shape stays and the merge reports the mismatch."""

    out_ch: int
    placement: PadPlacement = "end"
    kind: ClassVar[OpKind] = "zeropad"
    params = 0
    rf = (1, 1)
    window = POINTWISE

    def out_shape(self, s: Shape) -> Shape:
        return (s[0], max(s[1], self.out_ch), s[2], s[3])

    def mult_adds(self, out: Shape) -> int:
        return 0

    def split(self, in_ch: int) -> tuple[int, int]:
        """Zero channels placed (before, after) the input's channels."""
        missing = max(0, self.out_ch - in_ch)
        before = missing // 2 if self.placement == "both" else 0
        return before, missing - before

    @property
    def label(self) -> str:
        where = " both sides" if self.placement == "both" else ""
        return f"zero-pad{where} C→{self.out_ch}"

    def code(self) -> str:
        if self.placement == "both":
            return f"ZeroPadChannels({self.out_ch}, placement='both')  # F.pad(x, (0, 0, 0, 0, p, q)): zeros before and after"
        return f"ZeroPadChannels({self.out_ch})  # torch.cat([x, zeros], dim=1)"


@dataclass(frozen=True)
class Passthrough:
    """A placeholder that keeps Sequential indices stable (nn.Identity)."""

    kind: ClassVar[OpKind] = "identity"
    params = 0
    rf = (1, 1)
    window = POINTWISE
    label = "identity"

    def out_shape(self, s: Shape) -> Shape:
        return s

    def mult_adds(self, out: Shape) -> int:
        return 0

    def code(self) -> str:
        return "nn.Identity()"


@dataclass(frozen=True)
class GlobalAvgPool:
    kind: ClassVar[OpKind] = "avgpool"
    params = 0
    rf = (1, 1)
    window = WHOLE
    label = "global avgpool"

    def out_shape(self, s: Shape) -> Shape:
        return (s[0], s[1], 1, 1)

    def mult_adds(self, out: Shape) -> int:
        return 0

    def code(self) -> str:
        return "nn.AdaptiveAvgPool2d((1, 1))"


@dataclass(frozen=True)
class Linear:
    in_features: int
    out_features: int
    kind: ClassVar[OpKind] = "linear"
    rf = (1, 1)
    window = WHOLE

    def out_shape(self, s: Shape) -> Shape:
        return (s[0], self.out_features, 1, 1)

    @property
    def params(self) -> int:
        return self.in_features * self.out_features + self.out_features

    def mult_adds(self, out: Shape) -> int:
        return self.params * out[0]

    @property
    def label(self) -> str:
        return f"fc {self.in_features}→{self.out_features}"

    def code(self) -> str:
        return f"nn.Linear({self.in_features}, {self.out_features})"


Op = Conv | BatchNorm | ReLU | MaxPool | Pool | Subsample | ZeroPadChannels | Passthrough | GlobalAvgPool | Linear


def grow_rf(rf: int, jump: int, op: Op) -> tuple[int, int]:
    """Receptive field and cumulative stride after `op`."""
    k_eff, stride = op.rf
    return rf + (k_eff - 1) * jump, jump * stride


def grow_offset(offset: float, jump: int, op: Op) -> float:
    """Input coordinate of output position 0's field centre after `op` (`jump`: before it)."""
    w = op.window
    return offset if w.kernel == 0 else offset + w.centre_shift * jump


def fmt_shape(shape: Shape | tuple[int, ...] | None) -> str:
    """`C×H×W` without the batch, the way the diagram labels edges."""
    if shape is None:
        return "?"
    dims = shape[1:] if len(shape) == 4 else shape
    return "×".join(str(d) for d in dims)

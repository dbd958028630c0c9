"""The shortcut (``downsample``) variants, as one explicit registry.

A variant is a recipe: given the block's input channels, output channels and
stride it returns the layers of its shortcut branch, as core descriptors. The
analytic shapes, the parameter count, the PyTorch code shown to the user, the
diagram and the live torch module are all derived from that one recipe, so
adding a variant is adding one entry to ``VARIANTS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from .choices import PadPlacement, PoolMode
from .i18n import Language, current_language, t, t_in
from .ops import BatchNorm, Conv, Op, Passthrough, Pool, Subsample, ZeroPadChannels

# A text shown to users, in the language asked for (`t_in` with a literal, so the
# catalogue test finds it); `description` and `reference` give the current language's.
Text = Callable[[Language], str]

# When the variant puts a module on the shortcut:
When = Literal["change", "always", "never"]
CHANGE: Final[When] = "change"  # only where the main branch changes the shape (torchvision's rule)
ALWAYS: Final[When] = "always"  # on every block
NEVER: Final[When] = "never"  # never: the shortcut is the input itself


@dataclass(frozen=True)
class ShortcutVariant:
    name: str
    title: str  # what the diagram's shortcut lane says
    description_in: Text
    reference_in: Text
    when: When
    param_formula: str
    recipe: Callable[[int, int, int], tuple[Op, ...]]

    @property
    def description(self) -> str:
        return self.description_in(current_language())

    @property
    def reference(self) -> str:
        return self.reference_in(current_language())

    def needs_module(self, in_ch: int, out_ch: int, stride: int) -> bool:
        if self.when == ALWAYS:
            return True
        if self.when == CHANGE:
            return stride != 1 or in_ch != out_ch
        return False

    def ops(self, in_ch: int, out_ch: int, stride: int) -> tuple[Op, ...]:
        """The shortcut's layers; empty when the shortcut is the input itself."""
        if not self.needs_module(in_ch, out_ch, stride):
            return ()
        return self.recipe(in_ch, out_ch, stride)

    def params(self, in_ch: int, out_ch: int, stride: int) -> int:
        return sum(op.params for op in self.ops(in_ch, out_ch, stride))


def _pool_or_identity(mode: PoolMode, stride: int) -> Op:
    # timm keeps index 0 as nn.Identity when there is nothing to pool, so the
    # conv stays `downsample.1` and pretrained keys keep loading.
    return Pool(mode, stride) if stride > 1 else Passthrough()


def _zero_pad(placement: PadPlacement) -> Callable[[int, int, int], tuple[Op, ...]]:
    def recipe(i: int, o: int, s: int) -> tuple[Op, ...]:
        return ((Subsample(s),) if s > 1 else ()) + (ZeroPadChannels(o, placement),)

    return recipe


def _projection(i: int, o: int, s: int) -> tuple[Op, ...]:
    return (Conv(i, o, 1, stride=s), BatchNorm(o))


VARIANTS: tuple[ShortcutVariant, ...] = (
    ShortcutVariant(
        name="identity",
        title="identity",
        description_in=lambda lang: t_in(
            lang,
            "The input is added unchanged. Only valid when the main branch keeps "
            "the shape (stride 1, same channels); otherwise the add fails.",
        ),
        reference_in=lambda lang: t_in(lang, "He et al. 2016, eq. (1)"),
        when=NEVER,
        param_formula="0",
        recipe=lambda i, o, s: (),
    ),
    ShortcutVariant(
        name="zero-pad",
        title="subsample + zero-pad",
        description_in=lambda lang: t_in(
            lang,
            "Option A: take every s-th pixel and append zero channels. "
            "Parameter-free; the new channels carry no shortcut signal.",
        ),
        reference_in=lambda lang: t_in(lang, "He et al. 2016, §3.3 option A"),
        when=CHANGE,
        param_formula="0",
        recipe=_zero_pad("end"),
    ),
    ShortcutVariant(
        name="zero-pad-both",
        title="subsample + zero-pad both sides",
        description_in=lambda lang: t_in(
            lang,
            "Option A as the most used CIFAR ResNet code writes it: take every s-th pixel "
            "and put half of the zero channels before the input's channels, half after. Parameter-free; "
            "its trained checkpoints need this layout.",
        ),
        reference_in=lambda lang: t_in(lang, "He et al. 2016, §3.3 option A; akamaster/pytorch_resnet_cifar10"),
        when=CHANGE,
        param_formula="0",
        recipe=_zero_pad("both"),
    ),
    ShortcutVariant(
        name="conv1x1",
        title="1x1 conv + BN",
        description_in=lambda lang: t_in(
            lang,
            "Option B (torchvision): a 1x1 convolution with the block's stride, then "
            "BatchNorm, only where the shape changes; identity elsewhere.",
        ),
        reference_in=lambda lang: t_in(lang, "He et al. 2016, §3.3 option B; torchvision BasicBlock/Bottleneck"),
        when=CHANGE,
        param_formula="C_in·C_out + 2·C_out",
        recipe=_projection,
    ),
    ShortcutVariant(
        name="conv1x1-all",
        title="1x1 conv + BN",
        description_in=lambda lang: t_in(
            lang,
            "Option C: a 1x1 projection + BatchNorm on every block, even where the shape is unchanged.",
        ),
        reference_in=lambda lang: t_in(lang, "He et al. 2016, §3.3 option C"),
        when=ALWAYS,
        param_formula="C_in·C_out + 2·C_out",
        recipe=_projection,
    ),
    ShortcutVariant(
        name="avgpool-conv1x1",
        title="avgpool + 1x1 conv + BN",
        description_in=lambda lang: t_in(
            lang,
            "ResNet-D: average-pool with the stride first, then a stride-1 1x1 conv + "
            "BatchNorm, so no input pixel is skipped.",
        ),
        reference_in=lambda lang: t_in(lang, "He et al. 2019 (Bag of Tricks), ResNet-D; timm resnet50d"),
        when=CHANGE,
        param_formula="C_in·C_out + 2·C_out",
        recipe=lambda i, o, s: (_pool_or_identity("avg", s), Conv(i, o, 1), BatchNorm(o)),
    ),
    ShortcutVariant(
        name="maxpool-conv1x1",
        title="maxpool + 1x1 conv + BN",
        description_in=lambda lang: t_in(
            lang,
            "Like ResNet-D but max-pooling: keeps the strongest response of each window, then a 1x1 conv + BatchNorm.",
        ),
        reference_in=lambda lang: t_in(lang, "variant of He et al. 2019"),
        when=CHANGE,
        param_formula="C_in·C_out + 2·C_out",
        recipe=lambda i, o, s: (_pool_or_identity("max", s), Conv(i, o, 1), BatchNorm(o)),
    ),
    ShortcutVariant(
        name="conv3x3",
        title="3x3 conv + BN",
        description_in=lambda lang: t_in(
            lang,
            "A 3x3 convolution with the stride + BatchNorm: sees every pixel, "
            "at 9x the parameters of the 1x1 projection.",
        ),
        reference_in=lambda lang: t_in(lang, "common variant"),
        when=CHANGE,
        param_formula="9·C_in·C_out + 2·C_out",
        recipe=lambda i, o, s: (Conv(i, o, 3, stride=s, padding=1), BatchNorm(o)),
    ),
    ShortcutVariant(
        name="avgpool-zero-pad",
        title="avgpool + zero-pad",
        description_in=lambda lang: t_in(
            lang,
            "Average-pool with the stride, then append zero channels: option A "
            "without skipping pixels, still parameter-free.",
        ),
        reference_in=lambda lang: t_in(lang, "variant of option A"),
        when=CHANGE,
        param_formula="0",
        recipe=lambda i, o, s: (_pool_or_identity("avg", s), ZeroPadChannels(o)),
    ),
)

_BY_NAME = {v.name: v for v in VARIANTS}
NAMES: tuple[str, ...] = tuple(_BY_NAME)


def get(name: str) -> ShortcutVariant:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(
            t("unknown shortcut variant {name!r}; known: {known}", name=name, known=", ".join(NAMES))
        ) from None

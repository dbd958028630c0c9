"""One parser for a list of integers as a user types it (`core.spec.parse_ints`):
the CLI's options and the window's layers/widths fields read it, and each says
what went wrong in its own words."""

from __future__ import annotations

import argparse

import pytest

from resnet_viewer.cli_spec import add_spec_options, spec_from_args
from resnet_viewer.core.spec import ArchSpec, SpecError, parse_ints


@pytest.mark.parametrize(
    ("text", "sep", "want"),
    [
        ("3,4,6,3", ",", [3, 4, 6, 3]),
        (" 3, 4 ,6,3, ", ",", [3, 4, 6, 3]),
        ("64,,128", ",", [64, 128]),
        ("", ",", []),
        ("3x224x224", "x", [3, 224, 224]),
    ],
)
def test_parse_ints_reads_what_a_user_types(text: str, sep: str, want: list[int]) -> None:
    assert parse_ints(text, sep) == want


def test_a_part_that_is_not_an_integer_raises_int_s_own_message() -> None:
    """The window shows this text as it is (ControlsPanel._edit)."""
    with pytest.raises(ValueError, match=r"^invalid literal for int\(\) with base 10: 'a'$") as e:
        parse_ints("3,a")
    assert not isinstance(e.value, SpecError)


def _spec(*argv: str) -> ArchSpec:
    p = argparse.ArgumentParser()
    add_spec_options(p)
    p.add_argument("--num-classes", type=int)
    return spec_from_args(p.parse_args(argv))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--stage-strides", "1,2,x"), "--stage-strides: '1,2,x' is not allowed; expected integers separated by ','"),
        (("--input", "axbxc"), "--input: 'axbxc' is not allowed; expected integers separated by 'x'"),
    ],
)
def test_the_cli_names_its_option(argv: tuple[str, ...], message: str) -> None:
    with pytest.raises(SpecError) as e:
        _spec(*argv)
    assert str(e.value) == message


def test_the_cli_reads_the_same_lists() -> None:
    spec = _spec("--stage-strides", "1, 2,2,1", "--input", "3X64x32")
    assert spec.strides == (1, 2, 2, 1) and spec.input_shape == (3, 64, 32)

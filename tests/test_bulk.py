"""The collector pause used by bulk briefing work restores the collector's state."""

from __future__ import annotations

import gc

import pytest

from summarizer.bulk import collector_paused


def test_paused_inside_and_enabled_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: the inner block leaves it off for the outer one
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error_and_left_off_when_it_was_off() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_as_a_decorator() -> None:
    @collector_paused()
    def state() -> bool:
        return gc.isenabled()

    assert state() is False
    assert state() is False  # a fresh pause per call
    assert gc.isenabled()

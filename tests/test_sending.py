"""ui/sending.py: the server sends a page's messages in batches, on the Streamlit version read for it."""

from __future__ import annotations

import asyncio

import pytest
import streamlit
from streamlit.runtime import runtime

from ui import sending


def test_the_installed_streamlit_is_the_one_whose_send_loop_was_read():
    # Fails after an upgrade until someone reads the new loop, measures with `make capacity` and moves REVIEWED.
    assert sending.streamlit_is_as_reviewed()


def test_the_send_loop_gives_way_once_a_batch_not_once_a_message():
    batched = sending._BatchedYields(asyncio)
    turns = 0

    async def other_work() -> None:  # another session's sends, a reader's click: anything waiting its turn
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    async def send_three_batches() -> None:
        other = asyncio.ensure_future(other_work())
        await asyncio.sleep(0)  # it starts
        before = turns
        for _ in range(3 * sending.BATCH):
            await batched.sleep(0)  # the send loop's yield after each message
        other.cancel()
        assert turns - before == 3, "the event loop should turn once per batch of messages"

    asyncio.run(send_three_batches())


def test_every_other_wait_is_asyncio_s_own():
    batched = sending._BatchedYields(asyncio)
    assert batched.Event is asyncio.Event and batched.wait is asyncio.wait
    assert asyncio.run(_sleep_briefly(batched)) == "woken"


async def _sleep_briefly(batched: sending._BatchedYields) -> str:
    return await batched.sleep(0.001, "woken")


@pytest.fixture()
def shipped_loop(monkeypatch):
    monkeypatch.setattr(runtime, "asyncio", asyncio)  # put back as shipped after the test


def test_it_is_applied_once_on_the_version_read(shipped_loop):
    assert sending.send_pages_in_batches()
    applied = runtime.asyncio
    assert isinstance(applied, sending._BatchedYields)
    assert sending.send_pages_in_batches() and runtime.asyncio is applied


def test_another_version_is_left_as_streamlit_ships_it(shipped_loop, monkeypatch, caplog):
    monkeypatch.setattr(streamlit, "__version__", "9.9.9")
    assert not sending.send_pages_in_batches()
    assert runtime.asyncio is asyncio
    assert "not the version ui/sending.py was written for" in caplog.text

"""The build in a new process (``manage.py mapindex <option>``) reports its failure."""

import pytest

from events import shared_index


def test_a_builder_that_fails_raises_build_failed_with_its_error():
    with pytest.raises(
        shared_index.BuildFailed,
        match=r"(?s)exited 2: .*unrecognized arguments: --no-such-option",
    ):
        shared_index.build_in_new_process("--no-such-option")

from pathlib import Path

import pytest

from qorgau.core.uploads import TEXT, storage, stored


def test_a_stored_file_stays_when_its_row_is_written():
    with stored(b"evidence", TEXT, folder="t") as name:
        pass
    assert Path(storage().path(name)).read_bytes() == b"evidence"
    storage().delete(name)


def test_a_stored_file_goes_when_its_row_is_not_written():
    with pytest.raises(RuntimeError), stored(b"evidence", TEXT, folder="t") as name:
        assert storage().exists(name)
        raise RuntimeError("the row could not be written")
    assert not storage().exists(name)

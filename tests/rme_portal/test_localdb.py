"""The embedded PostgreSQL launcher, on data folders of its own."""

import os
import signal
import time

import psutil
import psycopg
import pytest

from rme_portal.localdb import server


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "pgdata"
    yield folder
    server.stop(folder)


def test_starts_in_a_new_folder_and_is_reused(data_dir):
    address = server.ensure_running(data_dir)
    assert (data_dir / "PG_VERSION").read_text().strip() == "18"
    assert server.ensure_running(data_dir) == address  # already running: same server
    with psycopg.connect(address.url()) as connection:
        assert connection.execute("SELECT current_database()").fetchone() == ("rme",)
    assert server.stop(data_dir) is True
    assert server.running_address(data_dir) is None
    assert server.stop(data_dir) is False
    # Data is kept between runs.
    assert server.ensure_running(data_dir).port > 0
    assert (data_dir / "base").is_dir()


def test_starts_after_an_unclean_stop_with_a_stale_pid_file(data_dir):
    address = server.ensure_running(data_dir)
    postmaster = psutil.Process(int((data_dir / "postmaster.pid").read_text().split()[0]))
    children = postmaster.children(recursive=True)
    postmaster.send_signal(signal.SIGKILL)
    for child in children:
        child.kill()
    psutil.wait_procs([postmaster, *children], timeout=10)
    # The pid file is left behind; after a reboot its pid may even belong to
    # another live process (here: this test).
    lines = (data_dir / "postmaster.pid").read_text().splitlines()
    lines[0] = str(os.getpid())
    (data_dir / "postmaster.pid").write_text("\n".join(lines) + "\n")
    assert server.running_address(data_dir) is None

    started = time.monotonic()
    new_address = server.ensure_running(data_dir)
    assert time.monotonic() - started < 60
    with psycopg.connect(new_address.url()) as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,)
    assert new_address.host == address.host == "127.0.0.1"


def test_refuses_a_folder_that_holds_something_else(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "important.txt").write_text("do not delete")
    with pytest.raises(server.EmbeddedDatabaseError, match="not empty"):
        server.ensure_running(folder)
    assert (folder / "important.txt").read_text() == "do not delete"

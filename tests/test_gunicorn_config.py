"""The gunicorn settings every deployment reads (gunicorn.conf.py)."""

import gc
import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_moves_what_it_loaded_out_of_the_collectors_sight(unfrozen):
    hooks = runpy.run_path(str(CONFIG))
    assert gc.get_freeze_count() == 0

    hooks["post_worker_init"](worker=None)

    assert gc.get_freeze_count() > 10_000  # the modules and objects loaded so far: Django, Wagtail, the project

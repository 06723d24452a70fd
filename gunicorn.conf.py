"""gunicorn's settings for any deployment of CityComms, read from the working directory.

gunicorn reads ./gunicorn.conf.py by itself; the Docker image (WORKDIR /app) and
bench/run.py start it from the repository's root. Options given on the command
line (bind address, workers) still apply on top.
"""

import gc


def post_worker_init(worker):
    """Once the worker has loaded the app, keep what it loaded out of the garbage collector's full collections.

    Django, Wagtail and the project's models, URLs and settings live as long as the worker, and a full
    collection walks every object still tracked. A request that allocates many objects (the media contacts
    search unpickles a city's directory) set one off now and then: 100-150 ms at the 99th percentile in-process,
    against about 20 ms with this (docs/performance.md).
    """
    gc.freeze()

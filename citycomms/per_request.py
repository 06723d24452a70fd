"""What a request works out once and reads again while it is served, kept beside it rather than on it.

A page links the same pages several times (the city home in the header and
the footer, each unit in the list and in the JSON-LD); each request keeps such
answers here, in a dictionary per topic that goes away with the request.
"""

from weakref import WeakKeyDictionary

_kept = WeakKeyDictionary()


def remembered(request, topic):
    """The dictionary `topic` keeps for `request`, empty at first; a fresh one when there is no request."""
    if request is None:
        return {}
    return _kept.setdefault(request, {}).setdefault(topic, {})

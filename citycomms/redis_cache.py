"""Django's Redis cache backend, with one Redis client per connection pool instead of one per operation.

Django's RedisCacheClient makes a new redis.Redis object for every cache
operation; building one (its table of response callbacks) took about a third of
each read in a profile of a page served from the page cache. The client is
thread-safe and its pool reconnects after a fork, so one per pool is enough.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class RedisCache(redis.RedisCache):
    """Use as Django's RedisCache: BACKEND "citycomms.redis_cache.RedisCache", LOCATION, OPTIONS as there."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

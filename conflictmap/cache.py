"""The cache backend settings.CACHES names for redis:// URLs: Django's RedisCache that
answers as a cache miss instead of raising while Redis is down or frozen.

Configuration, not logic: every cache user (the API's rate limiter, the gazetteer's
index version, the online geocoder's slot) already treats a miss as "compute it";
what it must not do is fail the request or wait on a dead server (issue 12).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
# After a failure, Redis is skipped (every call a miss) for this many seconds, so a
# frozen server costs one socket timeout per process per period, not one per call.
RETRY_AFTER = 5.0
_down_until: dict[str, float] = {}  # per LOCATION, shared by this process's threads
ERRORS = (RedisError, OSError)


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool: Django's
    builds one per call, and redis-py 8 fills ~170 response callbacks for each
    (a third of a cache read's CPU; the map reads the data version hint on every
    request). A ``redis.Redis`` is thread-safe: each command takes a connection
    from the pool, which redis-py renews in a forked process."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:  # two threads may both make one: either will do
            if index not in self._pools:  # as Django's _get_connection_pool
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            pool = self._pools[index]
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Reads miss, writes are dropped, ``add`` succeeds while Redis is unreachable."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

    def _is_down(self) -> bool:
        return _down_until.get(self._server_key, 0.0) > time.monotonic()

    @property
    def _server_key(self) -> str:
        return ",".join(self._servers)

    def _failed(self, operation: str, error: Exception) -> None:
        if not self._is_down():
            logger.warning(
                "cache unavailable (%s: %s): serving without it for %.0f s "
                "(no API rate limiting meanwhile)",
                operation,
                error,
                RETRY_AFTER,
            )
        _down_until[self._server_key] = time.monotonic() + RETRY_AFTER

    def _guard(self, operation: str, fallback: Any, call, *args, **kwargs) -> Any:
        if self._is_down():
            return fallback
        try:
            return call(*args, **kwargs)
        except ERRORS as error:
            self._failed(operation, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            "set_many", list(data), super().set_many, data, timeout, version
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """True while Redis is down: a caller using ``add`` as a lock goes ahead."""
        return self._guard("add", True, super().add, key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        """``delta`` while Redis is down: a counter (the site-wide export slots)
        reads as if only this call held it; per-process limits still apply."""
        return self._guard("incr", delta, super().incr, key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._guard("decr", -delta, super().decr, key, delta, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._guard("clear", None, super().clear)


def reset() -> None:
    """Forget every outage seen (tests)."""
    _down_until.clear()

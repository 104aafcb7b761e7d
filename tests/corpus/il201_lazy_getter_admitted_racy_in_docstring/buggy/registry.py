"""Reported: the docstring admits that the lazy getters race ("not thread-safe for first use, but
..."); that says nothing of the registry's objects staying in one thread, so the registry is not
confined and the request threads' check-then-build of `_users` is still a race."""
import threading


class Store:
    def __init__(self, name: str) -> None:
        self.name = name


class Registry:
    """Builds and caches one store per kind.

    Thread Safety:
        Lazy getters are not thread-safe for first use, but since the stores are normally built
        at start-up (before requests run), this does not matter in practice.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users: Store | None = None
        self._orders: Store | None = None

    @property
    def users(self) -> Store:
        if self._users is None:
            self._users = Store("users")
        return self._users

    def orders(self) -> Store:
        with self._lock:
            if self._orders is None:
                self._orders = Store("orders")
            return self._orders

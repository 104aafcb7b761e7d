"""Silent: both lazy getters build their store under the registry's lock, so two threads never
both see `None` and build two stores."""
import threading


class Store:
    def __init__(self, name: str) -> None:
        self.name = name


class Registry:
    """Builds and caches one store per kind.

    Thread Safety:
        The lazy getters build each store once, under the registry's lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users: Store | None = None
        self._orders: Store | None = None

    @property
    def users(self) -> Store:
        with self._lock:
            if self._users is None:
                self._users = Store("users")
            return self._users

    def orders(self) -> Store:
        with self._lock:
            if self._orders is None:
                self._orders = Store("orders")
            return self._orders

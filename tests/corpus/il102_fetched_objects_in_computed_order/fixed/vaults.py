"""Coin vaults handed out by a registry; moves lock both vaults in name order."""
import threading


class Vault:
    def __init__(self, name: str) -> None:
        self.name = name
        self.coins = 0
        self.guard = threading.Lock()


class Registry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._vaults: dict[str, Vault] = {}

    def vault(self, name: str) -> Vault:
        with self._lock:
            return self._vaults.setdefault(name, Vault(name))

    def move(self, a: str, b: str, n: int) -> None:
        src, dst = self.vault(a), self.vault(b)
        if src is dst:
            return
        lo, hi = sorted((src, dst), key=lambda v: v.name)
        with lo.guard:
            with hi.guard:
                src.coins -= n
                dst.coins += n

    def count(self, name: str) -> int:
        v = self.vault(name)
        with v.guard:
            return v.coins * 2 + v.coins % 7

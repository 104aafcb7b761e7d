"""Accounts kept in arrays, with one lock per account, always locked in index order."""
import threading

N_ACCOUNTS = 64
_ROW_LOCKS = [threading.Lock() for _ in range(N_ACCOUNTS)]
_ROWS = [0] * N_ACCOUNTS


class Bank:
    def __init__(self, n):
        self._balances = [100] * n
        self._locks = [threading.Lock() for _ in range(n)]

    def transfer(self, src, dst, amount):
        if src == dst:
            return
        lo, hi = sorted((src, dst))
        with self._locks[lo]:
            with self._locks[hi]:
                if self._balances[src] >= amount:
                    self._balances[src] -= amount
                    self._balances[dst] += amount

    def swap(self, a, b):
        if a == b:
            return
        if a < b:
            with self._locks[a]:
                with self._locks[b]:
                    self._balances[a], self._balances[b] = self._balances[b], self._balances[a]
        else:
            with self._locks[b]:
                with self._locks[a]:
                    self._balances[a], self._balances[b] = self._balances[b], self._balances[a]

    def balance(self, i):
        with self._locks[i]:
            return self._balances[i]


def move_row(a, b, n):
    first = min(a, b)
    second = max(a, b)
    lock_a = _ROW_LOCKS[first]
    lock_b = _ROW_LOCKS[second]
    with lock_a:
        with lock_b:
            _ROWS[a] -= n
            _ROWS[b] += n


def settle(bank: Bank, pairs):
    threads = [threading.Thread(target=bank.transfer, args=(s, d, 10)) for s, d in pairs]
    threads += [threading.Thread(target=bank.swap, args=(s, d)) for s, d in pairs]
    threads += [threading.Thread(target=move_row, args=(s, d, 1)) for s, d in pairs if s != d]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

"""Accounts kept in arrays, with one lock per account (lock striping)."""
import threading

N_ACCOUNTS = 64
_ROW_LOCKS = [threading.Lock() for _ in range(N_ACCOUNTS)]
_ROWS = [0] * N_ACCOUNTS


class Bank:
    def __init__(self, n):
        self._balances = [100] * n
        self._locks = [threading.Lock() for _ in range(n)]

    def transfer(self, src, dst, amount):
        with self._locks[src]:
            with self._locks[dst]:
                if self._balances[src] >= amount:
                    self._balances[src] -= amount
                    self._balances[dst] += amount

    def balance(self, i):
        with self._locks[i]:
            return self._balances[i]


def move_row(a, b, n):
    lock_a = _ROW_LOCKS[a]
    lock_b = _ROW_LOCKS[b]
    with lock_a:
        with lock_b:
            _ROWS[a] -= n
            _ROWS[b] += n


def settle(bank: Bank, pairs):
    threads = [threading.Thread(target=bank.transfer, args=(s, d, 10)) for s, d in pairs]
    threads += [threading.Thread(target=move_row, args=(s, d, 1)) for s, d in pairs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

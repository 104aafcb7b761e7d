"""Fixed twin: `pay` takes the two wallets' locks in one global order (by id), whichever way
its caller passed the names."""
import threading


class Ledger:
    def __init__(self, wallets):
        self._wallets = {w.owner: w for w in wallets}
        self._log_lock = threading.Lock()
        self.payments = []

    def pay(self, payer, payee, n):
        src = self._wallets[payer]
        dst = self._wallets.get(payee)
        if dst is None or src is dst:
            return False
        first, second = sorted((src, dst), key=id)
        with first.lock:
            with second.lock:
                if src.coins < n:
                    return False
                src.coins -= n
                dst.coins += n
        with self._log_lock:
            self.payments.append((payer, payee, n))
        return True

"""IL301 on `Wallet.lock`: the ledger keeps its wallets in a table it builds from the list its
constructor is handed (`{w.owner: w for w in wallets}`, no annotation; every construction passes
`[Wallet(...), ...]`). `pay` looks up the payer's and the payee's wallets by the names its caller
passes and locks them in that order: `pay("ann", "bo")` on one thread and `pay("bo", "ann")` on
another each hold one wallet's lock and wait for the other's."""
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
        with src.lock:
            with dst.lock:
                if src.coins < n:
                    return False
                src.coins -= n
                dst.coins += n
        with self._log_lock:
            self.payments.append((payer, payee, n))
        return True

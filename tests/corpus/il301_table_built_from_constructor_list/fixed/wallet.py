"""A wallet with its own lock."""
import threading


class Wallet:
    def __init__(self, owner, coins=0):
        self.owner = owner
        self.lock = threading.Lock()
        self.coins = coins

    def top_up(self, n):
        with self.lock:
            self.coins += n

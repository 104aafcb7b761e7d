"""API tokens lent to request threads; a borrower polls until one is back."""
import threading
import time


class TokenRack:
    def __init__(self, tokens: list[str]) -> None:
        self._lock = threading.Lock()
        self._spare = list(tokens)

    def _any_spare(self) -> bool:
        with self._lock:
            return bool(self._spare)

    def borrow(self) -> str:
        while True:
            while not self._any_spare():    # cheap wait, then re-check where it pops
                time.sleep(0.05)
            with self._lock:
                if self._spare:
                    token = self._spare.pop()
                    break
        return token

    def give_back(self, token: str) -> None:
        with self._lock:
            self._spare.append(token)


def call_api(rack: TokenRack, n: int) -> None:
    token = rack.borrow()
    try:
        print("request", n, "with", token)
    finally:
        rack.give_back(token)


def burst(rack: TokenRack, count: int) -> None:
    threads = [threading.Thread(target=call_api, args=(rack, n)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

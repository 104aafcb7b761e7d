"""Fixed twin: `swap` takes the lockers through the order helper `in_lock_order`, which sorts
them by number: every swap locks the lower-numbered locker first, whichever way it was called."""
import threading


def in_lock_order(a, b):
    """The two lockers, lowest number first."""
    return sorted((a, b), key=lambda locker: locker.number)


class Locker:
    def __init__(self, number: int) -> None:
        self.number = number
        self.lock = threading.Lock()
        self.items: list[str] = []


class Vault:
    def __init__(self) -> None:
        self.lockers: dict[int, Locker] = {n: Locker(n) for n in range(1, 9)}

    def swap(self, left_no: int, right_no: int) -> None:
        left = self.lockers[left_no]
        right = self.lockers[right_no]
        if left is right:
            return
        first, second = in_lock_order(left, right)
        with first.lock:
            with second.lock:
                left.items, right.items = right.items, left.items

    def stow(self, no: int, item: str) -> None:
        locker = self.lockers[no]
        with locker.lock:
            locker.items.append(item)


def main() -> None:
    vault = Vault()
    workers = [threading.Thread(target=vault.swap, args=(1, 2)),
               threading.Thread(target=vault.swap, args=(2, 1)),
               threading.Thread(target=vault.stow, args=(1, "keys"))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    main()

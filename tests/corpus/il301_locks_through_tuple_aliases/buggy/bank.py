import threading


class Vault:
    def __init__(self, label, gold):
        self.lock = threading.Lock()
        self.label = label
        self.gold = gold

    def balance(self):
        with self.lock:
            return self.gold


def move(src: Vault, dst: Vault, amount):
    first, second = src, dst
    with first.lock:
        with second.lock:
            src.gold -= amount
            dst.gold += amount


def main():
    a = Vault("a", 100)
    b = Vault("b", 100)
    there = threading.Thread(target=move, args=(a, b, 5))
    back = threading.Thread(target=move, args=(b, a, 7))
    there.start()
    back.start()
    there.join()
    back.join()


if __name__ == "__main__":
    main()

import threading


class Mailbox:
    def __init__(self, address: str):
        self.mutex = threading.Lock()
        self.address = address
        self.messages = []

    def count(self):
        with self.mutex:
            return len(self.messages)


def forward_all(src: Mailbox, dst: Mailbox):
    first, second = sorted((src, dst), key=lambda m: m.address)
    with first.mutex:
        with second.mutex:
            dst.messages.extend(src.messages)
            src.messages.clear()


def sync_pair(home: Mailbox, work: Mailbox):
    jobs = [
        threading.Thread(target=forward_all, args=(home, work)),
        threading.Thread(target=forward_all, args=(work, home)),
    ]
    for j in jobs:
        j.start()
    for j in jobs:
        j.join()


if __name__ == "__main__":
    sync_pair(Mailbox("home"), Mailbox("work"))

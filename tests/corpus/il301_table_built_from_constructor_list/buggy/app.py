import threading

from ledger import Ledger
from wallet import Wallet


def run():
    ledger = Ledger([Wallet("ann", 10), Wallet("bo", 10), Wallet("cy", 10)])
    workers = [threading.Thread(target=ledger.pay, args=("ann", "bo", 1)),
               threading.Thread(target=ledger.pay, args=("bo", "ann", 1))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    run()

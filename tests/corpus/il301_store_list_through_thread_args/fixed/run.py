import threading

from stock import Store, Warehouse


def restocker(store, warehouse, items):
    for item in items:
        store.restock(item, warehouse)


def auditor(warehouse, stores, rounds):
    for _ in range(rounds):
        warehouse.audit(stores)


def main():
    depot = Warehouse()
    corner = Store("corner")
    workers = [
        threading.Thread(target=restocker, args=(corner, depot, ["tea", "rice"])),
        threading.Thread(target=auditor, args=(depot, [corner], 10)),
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    main()

import threading

from spool import PrintSpool


def printer(spool: PrintSpool, name):
    while True:
        doc = spool.next_doc()
        if doc is None:
            return
        print(name, "prints", doc)


def run(docs):
    spool = PrintSpool()
    workers = [threading.Thread(target=printer, args=(spool, f"p{i}")) for i in range(3)]
    for w in workers:
        w.start()
    for d in docs:
        spool.submit(d)
    for _ in workers:
        spool.submit(None)
    for w in workers:
        w.join()


if __name__ == "__main__":
    run(["a.pdf", "b.pdf", "c.pdf"])

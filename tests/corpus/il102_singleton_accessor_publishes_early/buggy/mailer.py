import threading

from templates import get_engine


def send_welcome(user, outbox):
    body = get_engine().render("welcome.txt", user=user)
    outbox.append((user, body))


def main():
    outbox = []
    users = ["ann", "bob", "cid", "dee"]
    threads = [threading.Thread(target=send_welcome, args=(u, outbox)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(len(outbox))


if __name__ == "__main__":
    main()

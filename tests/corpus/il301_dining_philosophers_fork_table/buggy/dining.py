"""Dining philosophers: every philosopher takes the left fork, then the right one, and so do the
cook's helpers with their knives: all five can hold one and wait for the next."""
import threading
import time

N = 5
forks = [threading.Lock() for _ in range(N)]
knives = [threading.Lock() for _ in range(N)]
meals = [0] * N
chops = [0] * N


def philosopher(i):
    left = forks[i]
    right = forks[(i + 1) % N]
    for _ in range(100):
        with left:
            with right:
                meals[i] += 1
        time.sleep(0.001)


def helper(i):
    for _ in range(100):
        with knives[i]:
            with knives[(i + 1) % N]:
                chops[i] += 1


def dinner():
    diners = [threading.Thread(target=philosopher, args=(i,)) for i in range(N)]
    diners += [threading.Thread(target=helper, args=(i,)) for i in range(N)]
    for d in diners:
        d.start()
    for d in diners:
        d.join()

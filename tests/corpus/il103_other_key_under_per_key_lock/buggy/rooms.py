"""IL103 on `Rooms._occupancy`: each user's moves are serialised by that user's lock (a
`defaultdict(threading.Lock)` keyed by user); the occupancy of a room is updated under it too,
but it is indexed by room, not by user: two users joining one room hold different locks, both
read the same count and one of the two joins is lost."""
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor


class Rooms:
    def __init__(self):
        self._user_locks = defaultdict(threading.Lock)
        self._where = {}
        self._occupancy = {}

    def join(self, user, room):
        with self._user_locks[user]:
            self._where[user] = room
            self._occupancy[room] = self._occupancy.get(room, 0) + 1

    def room_of(self, user):
        with self._user_locks[user]:
            return self._where.get(user)


def admit(rooms: Rooms, arrivals):
    with ThreadPoolExecutor(max_workers=8) as pool:
        for user, room in arrivals:
            pool.submit(rooms.join, user, room)

"""Fixed twin: `count_ballot` adds to the tally inside `tally_locked()` (imported by name here),
which holds the lock of the `locks` module."""
from concurrent.futures import ThreadPoolExecutor

from locks import tally_locked

_tally: dict = {}


def count_ballot(choice: str) -> None:
    with tally_locked():
        _tally[choice] = _tally.get(choice, 0) + 1


def results() -> dict:
    with tally_locked():
        return dict(_tally)


def count_all(ballots: list) -> dict:
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(count_ballot, ballots))
    return results()

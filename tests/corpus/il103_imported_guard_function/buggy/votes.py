"""IL103: ballots are counted on pool threads; `count_ballot` adds to the tally outside
`tally_locked()`, so two threads can both read the old total."""
from concurrent.futures import ThreadPoolExecutor

import locks

_tally: dict = {}


def count_ballot(choice: str) -> None:
    _tally[choice] = _tally.get(choice, 0) + 1


def results() -> dict:
    with locks.tally_locked():
        return dict(_tally)


def count_all(ballots: list) -> dict:
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(count_ballot, ballots))
    return results()

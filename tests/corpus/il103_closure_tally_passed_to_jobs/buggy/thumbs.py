"""IL103: `make_tally` returns a closure whose `nonlocal` counters are one cell shared by every
pool job that receives it; `converted += 1` from two jobs at once loses an update. `preview`
builds its own tally per call and uses it on its own thread only: nothing shared there."""
from concurrent.futures import ThreadPoolExecutor


def make_tally():
    converted = 0
    pixels = 0

    def record(count: int) -> int:
        nonlocal converted, pixels
        converted += 1
        pixels += count
        return converted

    return record


def shrink(image: str, tally) -> None:
    width, height = len(image), 2 * len(image)
    tally(width * height)


def preview(images: list[str]) -> int:
    tally = make_tally()
    for image in images:
        tally(len(image))
    return 0


def shrink_all(images: list[str]) -> None:
    tally = make_tally()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for image in images:
            pool.submit(shrink, image, tally)
        for image in images:
            pool.submit(preview, [image])

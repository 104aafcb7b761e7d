"""Fixed twin: the tally's counters are updated under a lock the factory makes along with them."""
import threading
from concurrent.futures import ThreadPoolExecutor


def make_tally():
    converted = 0
    pixels = 0
    guard = threading.Lock()

    def record(count: int) -> int:
        nonlocal converted, pixels
        with guard:
            converted += 1
            pixels += count
            done = converted
        return done

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

"""Cover art helpers (sync)."""
import requests


def _download(url):
    response = requests.get(url, timeout=5)
    response.raise_for_status()
    return response.content


def fetch_cover(url):
    data = _download(url)
    return data[:1024 * 1024]

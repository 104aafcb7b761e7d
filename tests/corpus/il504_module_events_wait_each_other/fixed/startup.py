"""Fixed twin: the config loader needs nothing from the cache; it announces the config first."""
import threading

config_ready = threading.Event()
cache_ready = threading.Event()
settings = {}
cache = {}


def load_config():
    settings["region"] = "eu"
    config_ready.set()


def warm_cache():
    config_ready.wait()
    cache["region"] = settings.get("region")
    cache_ready.set()


def main():
    threads = [threading.Thread(target=load_config), threading.Thread(target=warm_cache)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cache_ready.wait()


if __name__ == "__main__":
    main()

"""IL504 on module-level events: the config loader waits for the cache before it announces the
config, and the cache warmer waits for the config before it announces the cache. Each event is
set only after the other thread's wait returns: both threads block forever."""
import threading

config_ready = threading.Event()
cache_ready = threading.Event()
settings = {}
cache = {}


def load_config():
    cache_ready.wait()
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


if __name__ == "__main__":
    main()

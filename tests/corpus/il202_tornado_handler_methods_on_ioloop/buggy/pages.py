"""Tornado pages with a "recently visited" header. The handler class keeps its templates in a
class-wide cache under a class-wide lock (several IOLoop threads may share it), but the IOLoop
runs each request's handler (`prepare`, `get`), so these never race each other on
the recent paths. The pruner thread trims the list from its own thread, while they use it."""
import threading
import time

import tornado.ioloop
import tornado.template
import tornado.web


class Recent:
    def __init__(self):
        self.paths = []


class PageHandler(tornado.web.RequestHandler):
    _templates_lock = threading.Lock()
    _templates = {}

    def initialize(self, recent: Recent):
        self.recent = recent

    def prepare(self):
        self.recent.paths.append(self.request.path)

    def template(self, name):
        with PageHandler._templates_lock:
            if name not in PageHandler._templates:
                PageHandler._templates[name] = tornado.template.Template("<p>{{ name }}</p>")
            return PageHandler._templates[name]

    def get(self):
        self.set_header("X-Recent", ",".join(path for path in self.recent.paths))
        self.finish(self.template("page").generate(name=self.request.path))


class Pruner:
    def __init__(self, recent: Recent, io_loop):
        self.recent = recent
        self.io_loop = io_loop
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def _run(self):
        while True:
            time.sleep(60)
            self._prune()

    def _prune(self):
        self.recent.paths.clear()


def main():
    recent = Recent()
    io_loop = tornado.ioloop.IOLoop.current()
    Pruner(recent, io_loop).start()
    tornado.web.Application([(r"/.*", PageHandler, dict(recent=recent))]).listen(8893)
    io_loop.start()


if __name__ == "__main__":
    main()

"""Tornado notes API. The application hands each handler its store through the route's keyword
arguments, which the IOLoop passes to `initialize` on every new handler: `self.store` is that
`NoteStore`, and its file read blocks the loop."""
import tornado.ioloop
import tornado.web


class NoteStore:
    def __init__(self, folder):
        self.folder = folder

    def load(self, name):
        with open(f"{self.folder}/{name}.txt") as fh:
            return fh.read()


class NoteHandler(tornado.web.RequestHandler):
    def initialize(self, store):
        self.store = store

    async def get(self, name):
        text = self.store.load(name)
        self.write({"name": name, "text": text})


def make_app():
    store = NoteStore("/srv/notes")
    return tornado.web.Application([
        (r"/notes/(\w+)", NoteHandler, dict(store=store)),
    ])


if __name__ == "__main__":
    make_app().listen(8084)
    tornado.ioloop.IOLoop.current().start()

import threading

from catalog import Library, Playlists


def build():
    library = Library()
    playlists = Playlists()
    library.attach(playlists)
    playlists.attach(library)
    return library, playlists


def serve():
    library, playlists = build()
    threading.Thread(target=library.remove_track, args=(1,)).start()
    threading.Thread(target=playlists.describe, args=("road trip",)).start()

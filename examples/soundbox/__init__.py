"""soundbox: a small audio player with a DSP chain, a FastAPI streaming backend and a library.

This is interlock's bundled example application. It is read, never imported, by the
verifier; EXPECTED.toml lists the concurrency bugs planted in it.
"""

__version__ = "0.3.1"

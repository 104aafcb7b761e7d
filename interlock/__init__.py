"""interlock: a formal concurrency verifier for Python code."""

__version__ = "0.1.0"

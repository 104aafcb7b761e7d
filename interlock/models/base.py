"""The base of interlock's pydantic models."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A pydantic model whose validator and serialiser are built on first use, not at import.

    A warm `interlock verify` (result served from the cache) only unpickles a result and prints
    it; building the schemas of the ~40 model classes it never validates was about a third of
    its import time. Subclasses add their own config (`frozen=True`, ...), merged with this one.
    """

    model_config = ConfigDict(defer_build=True)

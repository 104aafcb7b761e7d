"""What extracting one file yields, before linking across files (internal to the extractor).

Per file, classes carry only their OWN attributes and methods, `ancestors` is empty and call
events are resolved only as far as the file knows (module functions, imports); `link.py` merges
files, linearises MROs, merges mixin attributes and finishes call resolution.
"""
from __future__ import annotations

from pydantic import ConfigDict, Field

from interlock.models.base import Model
from interlock.models.program import ClassInfo, Diagnostic, FunctionInfo, ModuleInfo


class FileExtract(Model):
    model_config = ConfigDict(frozen=True)

    module: ModuleInfo
    classes: dict[str, ClassInfo] = Field(default_factory=dict)
    functions: dict[str, FunctionInfo] = Field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

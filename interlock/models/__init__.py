"""Data only: the program model, the spec, findings and results. Imports nothing else from interlock."""
from interlock.models.location import Location
from interlock.models.program import (
    AttrKind,
    AttributeInfo,
    Branch,
    ClassInfo,
    Context,
    ContextKind,
    Diagnostic,
    Event,
    EventKind,
    FunctionInfo,
    Loop,
    ModuleInfo,
    Node,
    ProgramModel,
    Spawn,
    Try,
    iter_events,
)
from interlock.models.graphs import LockEdge, LockGraph, StateMachine, Transition
from interlock.models.finding import Finding, FindingLocation, TraceStep, fingerprint
from interlock.models.result import VerifyResult
from interlock.models.spec import ComponentSpec, SpecError

__all__ = [
    "AttrKind", "AttributeInfo", "Branch", "ClassInfo", "ComponentSpec", "Context", "ContextKind",
    "Diagnostic", "Event", "EventKind", "Finding", "FindingLocation", "FunctionInfo", "Location",
    "LockEdge", "LockGraph", "Loop", "ModuleInfo", "Node", "ProgramModel", "Spawn", "SpecError",
    "StateMachine", "TraceStep", "Transition", "Try", "VerifyResult", "fingerprint", "iter_events",
]

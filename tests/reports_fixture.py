"""A hand-built VerifyResult + ProgramModel for the report tests (independent of the rules).

`build(root)` writes tiny source files and a spec under `root` so code frames and declared
state machines are real, and returns (result, model). Paths in the result are relative.
"""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from interlock.models.finding import Finding, FindingLocation, TraceStep
from interlock.models.graphs import LockEdge, LockGraph, StateMachine, Transition
from interlock.models.location import Location
from interlock.models.program import ClassInfo, Context, ContextKind, ModuleInfo, ProgramModel
from interlock.models.result import ComponentResult, VerifyResult

CONTROLLER = '''\
"""Playback controller (fixture)."""
import threading


class PlaybackController:
    def __init__(self):
        self._lock = threading.Lock()
        self.position = 0
        self.duration = 100
        self.state = "STOPPED"

    def seek(self, pos):
        if pos <= self.duration:
            self.position = pos

    def _playback_loop(self):
        while self.state == "PLAYING":
            with self._lock:
                self.position += 1

    def stop(self):
        self.state = "STOPPED"
        self.duration = 0

    def finish(self):
        self.state = "FINISHED"
'''

ENGINE = '''\
"""Gapless engine (fixture)."""
import threading


class GaplessEngine:
    def __init__(self, controller):
        self.controller = controller
        self._audio_lock = threading.Lock()
        self.update_lock = threading.Lock()

    def advance(self):
        with self._audio_lock:
            with self.update_lock:
                self.controller.position = 0

    def refresh(self):
        with self.update_lock:
            with self._audio_lock:
                pass
'''

SPEC = '''\
[component]
name = "player"
paths = ["player"]
dimension = "Player Thread Safety"

[[state_machine]]
class = "PlaybackController"
field = "state"
initial = "STOPPED"
transitions = [["STOPPED", "PLAYING"], ["PLAYING", "PAUSED"], ["PAUSED", "PLAYING"],
               ["PLAYING", "STOPPED"], ["PAUSED", "STOPPED"]]
'''

CTRL, ENG = "player/controller.py", "player/engine.py"
PC, GE = "player.controller.PlaybackController", "player.engine.GaplessEngine"


def _loc(path: str, line: int, end: int | None = None, cls: str | None = None,
         fn: str | None = None, col: int | None = None, note: str | None = None) -> FindingLocation:
    return FindingLocation(path=path, line=line, end_line=end or line, class_=cls, function=fn,
                           column=col, note=note)


def _findings() -> list[Finding]:
    race = Finding(
        id="C-01", code="IL103", rule="lost-update", severity="high", dimension="Player Thread Safety",
        title="Lost update of `PlaybackController.position`",
        message="`PlaybackController.position` is incremented by `playback-thread` in `_playback_loop` "
                "under `_lock` and written by `api` in `seek` with no lock",
        location=_loc(CTRL, 14, 14, "PlaybackController", "seek", 12),
        related=(_loc(CTRL, 19, 19, "PlaybackController", "_playback_loop", 16,
                      "read-modify-write by playback-thread under _lock"),),
        symbols=("PlaybackController.position",), contexts=("playback-thread", "api"),
        trace=(TraceStep(context="playback-thread", path=CTRL, line=18, action="acquire self._lock"),
               TraceStep(context="playback-thread", path=CTRL, line=19, action="read self.position -> 41"),
               TraceStep(context="api", path=CTRL, line=13, action="branch pos <= self.duration: True"),
               TraceStep(context="api", path=CTRL, line=14, action="write self.position = 90"),
               TraceStep(context="playback-thread", path=CTRL, line=19, action="write self.position = 42")),
        trigger="A seek from the API while the playback loop is between its read and its write.",
        evidence="`seek` writes `position` without `_lock`; `_playback_loop` increments it under `_lock`.",
        impact="The seek is lost: playback continues from the old position.",
        fix="Take `self._lock` in `seek` around the check and the write.",
        values={"pos": "90", "self.position": "41"},
    )
    invariant = Finding(
        id="C-02", code="IL501", rule="invariant-violation", severity="critical",
        dimension="Player Thread Safety", title="Invariant `position-within-duration` can be violated",
        message="`self.position <= self.duration` is false after `api` runs `seek` while `api-2` runs `stop`",
        location=_loc(CTRL, 13, 14, "PlaybackController", "seek", 8),
        related=(_loc(CTRL, 23, 23, "PlaybackController", "stop", 8, "stop sets duration to 0"),),
        symbols=("PlaybackController.duration", "PlaybackController.position"),
        contexts=("api", "api-2"),
        trace=(TraceStep(context="api", path=CTRL, line=13, action="branch pos <= self.duration: True"),
               TraceStep(context="api-2", path=CTRL, line=22, action="write self.state = STOPPED"),
               TraceStep(context="api-2", path=CTRL, line=23, action="write self.duration = 0"),
               TraceStep(context="api", path=CTRL, line=14, action="write self.position = 50")),
        trigger="`seek(50)` checks the duration, then `stop()` sets it to 0 before the write.",
        impact="`position > duration`: progress bars and gapless handover compute negative remaining time.",
        fix="Hold one lock across the check and the write in `seek`, and in `stop`.",
        values={"pos": "50", "self.duration": "0", "self.position": "50"},
    )
    deadlock = Finding(
        id="C-03", code="IL301", rule="lock-order-deadlock", severity="high",
        dimension="Player Thread Safety",
        title="Lock-order inversion between `GaplessEngine._audio_lock` and `GaplessEngine.update_lock`",
        message="`advance` takes `_audio_lock` then `update_lock`; `refresh` takes them in the other order",
        location=_loc(ENG, 13, 13, "GaplessEngine", "advance", 12),
        related=(_loc(ENG, 18, 18, "GaplessEngine", "refresh", 12,
                      "refresh takes _audio_lock while holding update_lock"),),
        symbols=("GaplessEngine._audio_lock", "GaplessEngine.update_lock"),
        contexts=("playback-thread", "api"),
        trace=(TraceStep(context="playback-thread", path=ENG, line=12, action="acquire self._audio_lock"),
               TraceStep(context="api", path=ENG, line=17, action="acquire self.update_lock"),
               TraceStep(context="playback-thread", path=ENG, line=13, action="blocked on self.update_lock"),
               TraceStep(context="api", path=ENG, line=18, action="blocked on self._audio_lock")),
        fix="Take the two locks in one global order.", status="existing", issue=12,
    )
    transition = Finding(
        id="C-04", code="IL502", rule="illegal-transition", severity="medium",
        dimension="Player Thread Safety", title="Illegal transition PLAYING -> FINISHED",
        message="`finish` sets `PlaybackController.state` to `FINISHED`, which the spec does not declare",
        location=_loc(CTRL, 26, 26, "PlaybackController", "finish", 8),
        symbols=("PlaybackController.state",), contexts=("playback-thread",),
        fix="Declare the transition in the spec or go through STOPPED.", status="regression", issue=7,
    )
    return [race, invariant, deadlock, transition]


def build_model() -> ProgramModel:
    sm = StateMachine(cls=PC, field="state", states=("STOPPED", "PLAYING", "FINISHED"), initial="STOPPED",
                      transitions=(
                          Transition(source="*", target="STOPPED", method=PC + ".stop", loc=Location(path=CTRL, line=22)),
                          Transition(source="PLAYING", target="FINISHED", method=PC + ".finish", guard=None,
                                     loc=Location(path=CTRL, line=26)),
                          Transition(source="STOPPED", target="PLAYING", method=PC + ".play",
                                     guard="self.state == 'STOPPED'", loc=Location(path=CTRL, line=10))))
    lg = LockGraph(locks={PC + "._lock": "lock", GE + "._audio_lock": "lock", GE + ".update_lock": "lock"},
                   edges=(LockEdge(source=GE + "._audio_lock", target=GE + ".update_lock", function=GE + ".advance",
                                   witness=(Location(path=ENG, line=12), Location(path=ENG, line=13))),
                          LockEdge(source=GE + ".update_lock", target=GE + "._audio_lock", function=GE + ".refresh",
                                   witness=(Location(path=ENG, line=17), Location(path=ENG, line=18)))))
    mods = {"player.controller": ModuleInfo(name="player.controller", path=CTRL, classes=(PC,)),
            "player.engine": ModuleInfo(name="player.engine", path=ENG, classes=(GE,))}
    classes = {PC: ClassInfo(qualname=PC, name="PlaybackController", module="player.controller", path=CTRL,
                             loc=Location(path=CTRL, line=5)),
               GE: ClassInfo(qualname=GE, name="GaplessEngine", module="player.engine", path=ENG,
                             loc=Location(path=ENG, line=5))}
    contexts = (Context(name="playback-thread", kind=ContextKind.THREAD, entries=(PC + "._playback_loop",)),
                Context(name="api", kind=ContextKind.HTTP, entries=(PC + ".seek", PC + ".stop"), multiplicity="many"))
    return ProgramModel(root=".", modules=mods, classes=classes, contexts=contexts, lock_graph=lg,
                        state_machines=(sm,))


def build(root: Path) -> tuple[VerifyResult, ProgramModel]:
    (root / "player").mkdir(parents=True, exist_ok=True)
    (root / CTRL).write_text(CONTROLLER)
    (root / ENG).write_text(ENGINE)
    (root / "specs").mkdir(exist_ok=True)
    (root / "specs" / "player.toml").write_text(SPEC)
    comp = ComponentResult(name="player", dimension="Player Thread Safety", paths=("player",),
                           contexts=("playback-thread", "api", "api-2"), complete=False, bounded_by="preemptions",
                           spec=str(root / "specs" / "player.toml"))
    findings = sorted(_findings(), key=lambda f: f.sort_key())
    result = VerifyResult(tool={"name": "interlock", "version": "0.1.0"}, root=str(root), components=(comp,),
                          findings=tuple(findings), stats={"files": 2, "contexts": 3, "states": 118})
    return result, build_model()

"""The `interlock` command: parse options, call each stage once, write output, pick the exit code.

Exit codes: 0 nothing to report, 1 findings (verify) or new findings (gate), 2 usage/spec/config error,
an internal error, or an incomplete run (a file that could not be analysed, a rule that raised).
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from interlock import __version__
from interlock.config import Config, ConfigError, load_config
from interlock.models.spec import SpecError, load_specs

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="interlock: a formal concurrency verifier for Python.")
export_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Export models for other tools.")
app.add_typer(export_app, name="export")


class UsageError(Exception):
    """A bad option or input: one line, exit 2."""


def _fail(message: str) -> None:
    typer.echo(f"interlock: error: {message}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"interlock {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    pass


# ----------------------------------------------------------------------------- shared steps

def _config(root: Optional[Path], spec: Optional[Path], **overrides) -> Config:
    if root is not None and not root.exists():
        raise UsageError(f"root {root} does not exist")
    cfg = load_config(root=root, **overrides)
    if spec is not None:
        if not spec.exists():
            raise UsageError(f"spec {spec} does not exist")
        cfg.specs = spec.resolve()
    if not cfg.root.is_dir():
        hint = (" (the whole program is analysed, a race spans files: pass the folder, and narrow it with "
                "`extend-exclude` or a spec's `paths`)" if cfg.root.is_file() else "")
        raise UsageError(f"root {cfg.root} is not a folder{hint}")
    return cfg


def _specs(cfg: Config, from_option: bool = False):
    if cfg.specs is None:
        return []
    if not Path(cfg.specs).exists():
        raise UsageError(f"specs folder {cfg.specs} (from {cfg.source}) does not exist")
    specs = load_specs(cfg.specs)
    if not specs:              # a wrong folder would verify the whole root instead, silently
        given = "--spec" if from_option else f"`specs` in {cfg.source}"
        raise UsageError(f"{cfg.specs}: no spec files (*.toml) in this folder (from {given}; "
                         f"`interlock init` writes starter specs)")
    return specs


def _nothing_to_analyse(root, model) -> str:
    """One line: no Python files, or none that could be analysed (and the first reason)."""
    failed = [d for d in model.diagnostics if d.severity == "error"]
    if not failed:
        return f"no Python files under {root}"
    first = failed[0]
    return (f"none of the {len(failed)} Python file(s) under {root} could be analysed; "
            f"first: {first.path}:{first.line}: {first.message}")


def _extract(cfg: Config, quiet: bool = False):
    from interlock.extractor import extract

    progress = _progress_bar("extracting", quiet)
    model = extract(cfg.root, exclude=cfg.excluded(), progress=progress)
    if progress is not None:
        progress.stop()
    if not model.modules:
        raise UsageError(_nothing_to_analyse(cfg.root, model))
    return model


class _ProgressBar:
    """A transient rich progress bar on stderr (never stdout: `--format json` output stays clean).

    Starts on the first update, so runs that finish at once (a warm cache) draw nothing.
    """

    def __init__(self, label: str) -> None:
        self.label, self.bar, self.task = label, None, None

    def __call__(self, done: int, total: int, detail: str = "") -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        if self.bar is None:
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TextColumn("[dim]{task.fields[detail]}"),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total, detail="")
        self.bar.update(self.task, completed=done, total=total, detail=detail)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _progress_bar(label: str, quiet: bool) -> _ProgressBar | None:
    """A progress bar only for an interactive stderr, and not with --quiet."""
    if quiet or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return None
    return _ProgressBar(label)


def _codes(values: list[str], where: str) -> list[str]:
    """Rule codes or prefixes, repeated or comma-separated (`--select IL5,IL101`), each checked:
    a code that matches no rule would select nothing, silently."""
    from interlock.checker.rules import RULE_CODES

    out = [c.strip().upper() for v in values for c in str(v).split(",") if c.strip()]
    for code in out:
        if not any(known.startswith(code) for known in RULE_CODES):
            raise UsageError(f"{where}: {code!r} is not a rule code or prefix (codes: IL101 .. IL703; "
                             f"`interlock rules` lists them)")
    return out


def _components(specs, names: list[str]):
    """The components to run; without specs the whole root is the one component `all`, and any
    other name was meant for a spec that was not found (it would silently verify everything)."""
    from interlock.checker import components_for

    paths = [n for n in names if n.endswith(".py") or "/" in n or os.sep in n
             or (not specs and n != "all" and Path(n).exists())]
    if paths and not any(c.name == paths[0] for c in specs):    # `interlock verify src/` as ruff takes it
        folder = paths[0] if Path(paths[0]).is_dir() or not paths[0].endswith(".py") else str(Path(paths[0]).parent)
        raise UsageError(f"{paths[0]!r} is a path, but the arguments name spec components: pass a folder "
                         f"as --root {folder} (the whole program is analysed: a race spans files)")
    if not specs:
        other = [n for n in names if n != "all"]
        if other:
            raise UsageError(f"no component named {other[0]!r}: no spec was found (pass --spec, or set "
                             f"`specs` in [tool.interlock]); without specs the whole root is the component `all`")
        names = []
    return components_for(specs, names)


def _verify(components: list[str], root: Optional[Path], spec: Optional[Path], select: list[str],
            ignore: list[str], bounds_opts: dict, quiet: bool = False, no_cache: bool = False):
    from interlock.checker import Bounds
    from interlock.pipeline import verify_tree

    cfg = _config(root, spec)
    specs = _specs(cfg, spec is not None)
    comps = _components(specs, components)
    bounds = Bounds(**{k: v for k, v in bounds_opts.items() if v is not None})
    select, ignore = _codes(select, "--select"), _codes(ignore, "--ignore")
    where = f"{cfg.source}: tool.interlock" if cfg.source else "config"
    cfg.select, cfg.ignore = _codes(cfg.select, f"{where}.select"), _codes(cfg.ignore, f"{where}.ignore")
    cfg.per_path_ignores = {glob: _codes(codes, f"{where}.per-path-ignores.{glob!r}")
                            for glob, codes in cfg.per_path_ignores.items()}
    bars = _progress_bar("extracting", quiet), _progress_bar("checking", quiet)

    def checking(done: int, total: int, detail: str = "") -> None:
        bars[0].stop()                    # one live display at a time
        bars[1](done, total, detail)

    try:
        run = verify_tree(cfg.root, comps, exclude=cfg.excluded(), bounds=bounds, select=select or cfg.select,
                          ignore=ignore or cfg.ignore, per_path=cfg.per_path_ignores, use_cache=not no_cache,
                          extract_progress=bars[0], check_progress=checking if bars[1] else None,
                          confined=cfg.confined, config_source=cfg.source)
    finally:
        for bar in bars:
            if bar is not None:
                bar.stop()
    if run.result is None:
        raise UsageError(_nothing_to_analyse(cfg.root, run.model()))
    return cfg, _LazyModel(run), run.result


class _LazyModel:
    """The program model, extracted (from the cache) only when a report or diagram reads it:
    a cached verification result needs no model for text, JSON, SARIF or Markdown."""

    def __init__(self, run) -> None:
        self._run = run

    def __getattr__(self, name: str):
        return getattr(self._run.model(), name)


def _with_status(cfg: Config, result, baseline: Optional[Path] = None):
    """Mark findings existing/regression (publish record in the root) or baseline (the baseline file)."""
    from interlock.reports.baseline import BaselineError, load_baseline
    from interlock.reports.issue_record import RECORD_PATH, RecordError, load_record, with_status

    path = baseline or cfg.baseline          # an explicit --baseline must exist; the config's may not yet
    use_baseline = path is not None and (baseline is not None or Path(path).exists())
    record_path = cfg.root / RECORD_PATH
    if not use_baseline and not record_path.exists():
        return result
    try:
        base = load_baseline(path) if use_baseline else None
        record = load_record(record_path) if record_path.exists() else None
    except (BaselineError, RecordError) as exc:
        raise UsageError(str(exc)) from None
    return with_status(result, base, record)


def _writable(output: Optional[Path], what: str = "--output") -> None:
    """Refuse an output file that cannot be written before the analysis, not after it: a folder,
    a path under a file, or a folder without write permission."""
    if output is None:
        return
    if output.is_dir():
        raise UsageError(f"{what} {output} is a folder, not a file")
    if output.exists():
        if not os.access(output, os.W_OK):
            raise UsageError(f"{what} {output} is not writable")
        return
    parent = output.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise UsageError(f"{what} {output}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {output}: cannot write in {parent}")


def _readable_baseline(baseline: Optional[Path]) -> None:
    """An explicit --baseline that cannot be used fails before the analysis, not after it."""
    from interlock.reports.baseline import BaselineError, load_baseline

    if baseline is not None:
        try:
            load_baseline(baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None


def _write(output: Optional[Path], text: str | bytes) -> None:
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        elif text:               # nothing to say (`-q`, no findings) prints nothing, not an empty line
            typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            output.write_bytes(text)
        else:
            output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def _guard(fn):
    """Turn stage errors into one line and exit code 2; so is a bug of interlock's own (exit 1
    means findings, so a crash must never look like one), with the traceback on request."""
    import functools

    import click

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (SpecError, ConfigError, UsageError) as exc:
            _fail(str(exc))
        except _stage_errors() as exc:
            _fail(str(exc))
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.ClickException, click.exceptions.Abort,
                BrokenPipeError):
            raise
        except Exception as exc:   # noqa: BLE001 - the one place a crash becomes an exit code
            if os.environ.get("INTERLOCK_DEBUG"):
                raise
            first = (str(exc).strip().splitlines() or [""])[0]
            typer.echo(f"interlock: internal error: {type(exc).__name__}: {first} "
                       f"(a bug in interlock: please report it; INTERLOCK_DEBUG=1 shows the traceback)", err=True)
            raise typer.Exit(2) from None
    return wrapper


def _stage_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = []
    try:
        from interlock.extractor import ExtractError
        errors.append(ExtractError)
    except ImportError:
        pass
    return tuple(errors) or (UsageError,)


ROOT = typer.Option(None, "--root", help="Folder to analyse (default: config root, else cwd).")
SPEC = typer.Option(None, "--spec", help="A spec file or a folder of them.")
SELECT = typer.Option([], "--select", help="Only these codes or prefixes (repeat, or comma-separate: IL5,IL101).")
IGNORE = typer.Option([], "--ignore", help="Not these codes or prefixes (repeat, or comma-separate).")
STEPS = typer.Option(None, "--max-steps", help="Exploration bound: steps per execution.")
PREEMPT = typer.Option(None, "--max-preemptions", help="Exploration bound: preemptions.")
SECONDS = typer.Option(None, "--timeout", help="Exploration bound: seconds per component.")
STATES = typer.Option(None, "--max-states", help="Exploration bound: explored states per component.")
DEPTH = typer.Option(None, "--depth", help="Contexts per scenario (2 = pairs, 3 = triples).")
NO_CACHE = typer.Option(False, "--no-cache", help="Neither read nor write the cache (.interlock_cache).")
BASELINE = typer.Option(None, "--baseline", "-b",
                        help="Baseline file: its findings are reported as existing (default: config `baseline`).")


def _bounds(steps, preemptions, seconds, depth, states=None) -> dict:
    """The exploration bounds given, each checked before the analysis: a zero or negative bound
    (`--max-states 0`) explores nothing and drops the model-checked findings, silently."""
    for option, value, low in (("--max-steps", steps, 1), ("--max-preemptions", preemptions, 0),
                               ("--max-states", states, 1)):
        if value is not None and value < low:
            raise UsageError(f"{option} must be at least {low} (got {value})")
    if seconds is not None and not seconds > 0:
        raise UsageError(f"--timeout must be a number of seconds above 0 (got {seconds})")
    if depth is not None and depth not in (2, 3):
        raise UsageError(f"--depth must be 2 (pairs of contexts) or 3 (also triples) (got {depth})")
    return {"steps": steps, "preemptions": preemptions, "seconds": seconds, "depth": depth, "states": states}


def _render(result, fmt: str, model, color: bool, verbose: bool, quiet: bool, date: str | None = None):
    from interlock.checker.rules import all_rules
    from interlock.reports import render

    return render(result, fmt, model=model, color=color, verbose=verbose, quiet=quiet, date=date,
                  rules=all_rules())




def _exit(result, failing: bool, shown: bool = False) -> None:
    """Exit 1 when `failing` (findings, or new ones for the gate), else 0; but 2 when the run is
    incomplete, as neither a pass nor plain findings may be read from it: a rule raised (the report
    is written without its findings), or a file could not be analysed (as ruff and mypy fail on a
    file they cannot parse; exclude such files in the config to pass). Each skipped file is one line
    on stderr (`path:line: error: reason`) unless `shown` (the terminal report already listed it)."""
    broken = result.stats.get("rule_errors", 0)
    if broken:
        typer.echo(f"interlock: internal error: {broken} rule run(s) raised; the output was written without "
                   f"their findings (see its diagnostics; INTERLOCK_DEBUG=1 shows the traceback)", err=True)
        raise typer.Exit(2)
    skipped = result.skipped_files()
    if skipped:
        if not shown:
            for d in skipped:
                typer.echo(f"{d.path}" + (f":{d.line}" if d.line else "") + f": error: {d.message}", err=True)
        files = len({d.path for d in skipped})
        typer.echo(f"interlock: error: {files} file(s) could not be analysed: the run is incomplete, so it "
                   f"exits 2, not {1 if failing else 0} (the output was written); fix them, or exclude them "
                   f"(`extend-exclude` in [tool.interlock])", err=True)
        raise typer.Exit(2)
    raise typer.Exit(1 if failing else 0)


def _check_format(fmt: str) -> None:
    if fmt not in ("text", "json", "sarif", "md", "html"):
        raise UsageError(f"--format must be one of text, json, sarif, md, html (got {fmt!r})")


def _use_color(output: Optional[Path]) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


# ----------------------------------------------------------------------------- commands

@app.command()
@_guard
def verify(
    components: List[str] = typer.Argument(None, help="Components of the spec to verify (default: all)."),
    root: Optional[Path] = ROOT, spec: Optional[Path] = SPEC,
    format: str = typer.Option("text", "--format", "-f", help="text|json|sarif|md|html"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file."),
    select: List[str] = SELECT, ignore: List[str] = IGNORE,
    max_steps: Optional[int] = STEPS, max_preemptions: Optional[int] = PREEMPT,
    timeout: Optional[float] = SECONDS, depth: Optional[int] = DEPTH, max_states: Optional[int] = STATES,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the findings, no frames or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also evidence, impact and stats."),
    baseline: Optional[Path] = BASELINE, no_cache: bool = NO_CACHE,
) -> None:
    """Verify components: static rules and interleaving exploration; exit 1 on findings."""
    _check_format(format)
    _writable(output)
    _readable_baseline(baseline)
    cfg, model, result = _verify(components or [], root, spec, select, ignore,
                                 _bounds(max_steps, max_preemptions, timeout, depth, max_states), quiet, no_cache)
    result = _with_status(cfg, result, baseline)
    _write(output, _render(result, format, model, _use_color(output), verbose, quiet))
    if quiet and format == "text":             # the summary that lists them is off: still say them
        from interlock.reports.text import diagnostic_lines

        if text := diagnostic_lines(result):
            typer.echo(text, err=True, nl=False)
    _exit(result, bool(result.findings), shown=format == "text" and (quiet or output is None))


@app.command()
@_guard
def audit(
    components: List[str] = typer.Argument(None),
    root: Optional[Path] = ROOT, spec: Optional[Path] = SPEC,
    date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Default: docs/audits/AUDIT_CONCURRENCY_<date>.md in the root."),
    select: List[str] = SELECT, ignore: List[str] = IGNORE,
    max_steps: Optional[int] = STEPS, max_preemptions: Optional[int] = PREEMPT,
    timeout: Optional[float] = SECONDS, depth: Optional[int] = DEPTH, max_states: Optional[int] = STATES,
    baseline: Optional[Path] = BASELINE, no_cache: bool = NO_CACHE,
) -> None:
    """Write the audit report in the maintainers' format."""
    day = date or _dt.date.today().isoformat()
    try:
        _dt.date.fromisoformat(day)
    except ValueError:
        raise UsageError(f"--date must be YYYY-MM-DD (got {day!r})") from None
    _writable(output)
    _readable_baseline(baseline)
    cfg, model, result = _verify(components or [], root, spec, select, ignore,
                                 _bounds(max_steps, max_preemptions, timeout, depth, max_states), no_cache=no_cache)
    result = _with_status(cfg, result, baseline)
    out = output or cfg.root / "docs" / "audits" / f"AUDIT_CONCURRENCY_{day}.md"
    _writable(out)
    _write(out, _render(result, "md", model, False, False, False, date=day))
    typer.echo(f"wrote {out} ({len(result.findings)} findings)", err=True)
    _exit(result, bool(result.findings))


@app.command()
@_guard
def diagram(
    component: str = typer.Argument(..., help="Component (or 'all' without specs)."),
    root: Optional[Path] = ROOT, spec: Optional[Path] = SPEC,
    kind: str = typer.Option("state", "--kind", help="state|locks|trace"),
    finding: Optional[str] = typer.Option(None, "--finding", help="Finding ID for --kind trace."),
    format: str = typer.Option("svg", "--format", "-f", help="svg|png|dot|mermaid"),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
) -> None:
    """Draw a component's state machine, lock graph, or a finding's counterexample."""
    from interlock.reports.diagrams import DiagramError, render_diagram, require_dot

    if kind not in ("state", "locks", "trace"):
        raise UsageError(f"--kind must be state, locks or trace (got {kind!r})")
    if format not in ("svg", "png", "dot", "mermaid"):
        raise UsageError(f"--format must be svg, png, dot or mermaid (got {format!r})")
    if finding is not None and kind != "trace":
        raise UsageError(f"--finding draws a finding's counterexample: use it with --kind trace (got --kind {kind})")
    _writable(output)
    if format in ("svg", "png"):
        try:
            require_dot()          # before the analysis, not after it
        except DiagramError as exc:
            raise UsageError(str(exc)) from None
    cfg, model, result = _verify([component] if component != "all" else [], root, spec, [], [], {})
    try:
        out = render_diagram(kind, model, result, component=component, finding_id=finding, fmt=format)
    except DiagramError as exc:
        raise UsageError(str(exc)) from None
    _write(output, out)


@app.command()
@_guard
def baseline(
    output: Path = typer.Option(..., "--output", "-o", help="Baseline file to write."),
    components: List[str] = typer.Argument(None),
    root: Optional[Path] = ROOT, spec: Optional[Path] = SPEC,
    select: List[str] = SELECT, ignore: List[str] = IGNORE,
    max_steps: Optional[int] = STEPS, max_preemptions: Optional[int] = PREEMPT,
    timeout: Optional[float] = SECONDS, depth: Optional[int] = DEPTH, max_states: Optional[int] = STATES,
    no_cache: bool = NO_CACHE,
) -> None:
    """Record the current findings as the accepted baseline."""
    from interlock.reports.baseline import render_baseline

    _writable(output)
    cfg, model, result = _verify(components or [], root, spec, select, ignore,
                                 _bounds(max_steps, max_preemptions, timeout, depth, max_states), no_cache=no_cache)
    _write(output, render_baseline(result))
    typer.echo(f"wrote {output} ({len(result.findings)} findings)", err=True)
    _exit(result, False)


@app.command()
@_guard
def gate(
    baseline: Optional[Path] = typer.Option(None, "--baseline", "-b", help="Default: config `baseline`."),
    components: List[str] = typer.Argument(None),
    root: Optional[Path] = ROOT, spec: Optional[Path] = SPEC,
    format: str = typer.Option("text", "--format", "-f", help="text|json|sarif|md|html"),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
    select: List[str] = SELECT, ignore: List[str] = IGNORE,
    max_steps: Optional[int] = STEPS, max_preemptions: Optional[int] = PREEMPT,
    timeout: Optional[float] = SECONDS, depth: Optional[int] = DEPTH, max_states: Optional[int] = STATES,
    no_cache: bool = NO_CACHE,
) -> None:
    """Fail (exit 1) on any finding that is not in the baseline; list the ones that are gone."""
    from interlock.reports.baseline import BaselineError, compare, load_baseline, render_gate

    _check_format(format)
    _writable(output)
    bounds = _bounds(max_steps, max_preemptions, timeout, depth, max_states)
    path = baseline or _config(root, spec).baseline       # a bad baseline fails before the analysis
    if path is None:
        raise UsageError("no baseline: pass --baseline FILE or set `baseline` in [tool.interlock]")
    try:
        base = load_baseline(path)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    cfg, model, result = _verify(components or [], root, spec, select, ignore, bounds, no_cache=no_cache)
    gated = compare(result, base)
    new = [f for f in gated.result.findings if f.status == "new"]
    if format == "text":
        _write(output, render_gate(gated, color=_use_color(output)))
    else:
        only_new = gated.result.model_copy(update={"findings": tuple(new)})
        _write(output, _render(only_new, format, model, False, False, False))
    _exit(result, bool(new), shown=format == "text" and output is None)


@app.command()
@_guard
def publish(
    repo: str = typer.Option(..., "--repo", help="OWNER/NAME"),
    from_: Optional[Path] = typer.Option(None, "--from", help="A report.json from `verify --format json`."),
    components: List[str] = typer.Argument(None),
    root: Optional[Path] = ROOT, spec: Optional[Path] = SPEC,
    base_url: Optional[str] = typer.Option(None, "--base-url", help="GitHub API URL (Enterprise, tests)."),
    token_env: str = typer.Option("GITHUB_TOKEN", "--token-env", help="Environment variable holding the token."),
    yes: bool = typer.Option(False, "--yes", help="Really create issues (default: dry run)."),
    date: Optional[str] = typer.Option(None, "--date", help="Date in titles (default: today)."),
    select: List[str] = SELECT, ignore: List[str] = IGNORE,
    max_steps: Optional[int] = STEPS, max_preemptions: Optional[int] = PREEMPT,
    timeout: Optional[float] = SECONDS, depth: Optional[int] = DEPTH, max_states: Optional[int] = STATES,
    no_cache: bool = NO_CACHE,
) -> None:
    """File a GitHub issue per new finding, deduplicated against existing issues."""
    from interlock.reports.github import PublishError, publish as do_publish

    if "/" not in repo:
        raise UsageError(f"--repo must be OWNER/NAME (got {repo!r})")
    if date is not None:                  # it goes into every issue title
        try:
            _dt.date.fromisoformat(date)
        except ValueError:
            raise UsageError(f"--date must be YYYY-MM-DD (got {date!r})") from None
    bounds = _bounds(max_steps, max_preemptions, timeout, depth, max_states)
    if yes and not os.environ.get(token_env):      # before the analysis, not after it
        raise UsageError(f"no GitHub token: set the {token_env} environment variable (or pass --token-env NAME)")
    if from_ is not None:
        from interlock.models.result import VerifyResult
        try:
            result = VerifyResult.model_validate_json(from_.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{from_}: not a report from `interlock verify --format json` ({str(exc).splitlines()[0]})") from None
    else:
        _, _, result = _verify(components or [], root, spec, select, ignore, bounds, no_cache=no_cache)
    from interlock.reports.issue_record import RECORD_PATH

    record_path = Path(result.root) / RECORD_PATH

    def write_record(text: str) -> None:
        # a report's root is where `verify` ran; a relative one names no folder we can trust
        if Path(result.root).is_absolute() and Path(result.root).is_dir():
            _write(record_path, text)
            typer.echo(f"wrote {record_path} (finding -> issue, read by `verify` and `audit`)", err=True)
        else:
            typer.echo(f"publish record not written: the report's root {result.root!r} is not a folder here", err=True)

    known = None
    # the dry run's only state (it never contacts GitHub); a relative root (a report from elsewhere) names no folder
    if not yes and Path(result.root).is_absolute() and record_path.is_file():
        from interlock.reports.issue_record import RecordError, load_record
        try:
            known = load_record(record_path)
        except RecordError as exc:
            raise UsageError(str(exc)) from None
    try:
        code = do_publish(result, repo=repo, base_url=base_url, token_env=token_env, apply_changes=yes,
                          date=date or _dt.date.today().isoformat(), echo=typer.echo, record=write_record,
                          known=known, known_from=str(record_path))
    except PublishError as exc:
        raise UsageError(str(exc)) from None
    raise typer.Exit(code)


@app.command()
@_guard
def extract(
    root: Optional[Path] = ROOT,
    format: str = typer.Option("text", "--format", "-f", help="json|text"),
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
) -> None:
    """Dump the program model: classes, locks, contexts, lock graph, state machines."""
    if format not in ("text", "json"):
        raise UsageError(f"--format must be json or text (got {format!r})")
    _writable(output)
    cfg = _config(root, None)
    model = _extract(cfg)
    if format == "json":
        _write(output, model.model_dump_json(indent=1, by_alias=True))
    else:
        from interlock.reports.model_text import render_model

        _write(output, render_model(model))


@app.command()
@_guard
def init(
    root: Optional[Path] = ROOT,
    project: Optional[str] = typer.Option(None, "--project", help="Spec folder name (default: root folder name)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Spec folder (default: specs/<project>)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing spec files."),
) -> None:
    """Write starter specs inferred from the code (components, contexts, state fields)."""
    from interlock.reports.starter import starter_specs

    cfg = _config(root, None)
    model = _extract(cfg)
    name = project or cfg.root.name
    folder = output or Path("specs") / name
    written = 0
    for filename, text in starter_specs(model, project=name).items():
        path = folder / filename
        if path.exists() and not force:
            typer.echo(f"kept {path} (exists; --force to overwrite)", err=True)
            continue
        _write(path, text)
        written += 1
        typer.echo(f"wrote {path}", err=True)
    if not written:
        typer.echo("no new spec files written", err=True)
    if cfg.specs is None or Path(cfg.specs).resolve() != folder.resolve():
        # `verify` reads the config's `specs` folder, else none: say how to use these
        at = f" --root {root}" if root is not None else ""
        typer.echo(f"use them: interlock verify{at} --spec {folder}, or set `specs = \"{folder}\"` "
                   f"under [tool.interlock] in the config", err=True)


@app.command()
@_guard
def rules(code: Optional[str] = typer.Argument(None, help="A rule code (IL101) or name.")) -> None:
    """List the rules, or explain one."""
    from interlock.checker.rules import all_rules
    from interlock.reports.rules_text import render_rule, render_rules

    mods = all_rules()
    if code is None:
        typer.echo(render_rules(mods))
        return
    match = [m for m in mods if code.upper() == m.RULE.code or code == m.RULE.name]
    if not match:
        raise UsageError(f"no rule {code!r}; `interlock rules` lists them")
    typer.echo(render_rule(match[0]))


@app.command()
def schema() -> None:
    """Print the JSON Schema of `verify --format json`."""
    from interlock.models.result import VerifyResult

    typer.echo(json.dumps(VerifyResult.model_json_schema(by_alias=True), indent=2))


@export_app.command("promela")
@_guard
def export_promela(
    component: str = typer.Argument(...),
    root: Optional[Path] = ROOT, spec: Optional[Path] = SPEC,
    output: Optional[Path] = typer.Option(None, "--output", "-o"),
) -> None:
    """Write the component's scenario model in Promela for SPIN."""
    from interlock.checker import contexts_for
    from interlock.checker.explorer.promela import ExportError, export

    _writable(output)
    cfg = _config(root, spec)
    comps = _components(_specs(cfg, spec is not None), [component])
    model = _extract(cfg)
    try:
        text = export(model, comps[0], contexts_for(model, comps[0]))
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    _write(output, text)


def main() -> None:
    from interlock.pipeline import stop_children_on_sigterm

    stop_children_on_sigterm()
    app()


if __name__ == "__main__":
    main()

"""The pipeline is visible in the imports: models ← extractor, checker, reports ← cli."""
import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "interlock"
ALLOWED = {
    "models": {"models"},
    "extractor": {"models", "extractor", "__init__"},
    "checker": {"models", "checker", "__init__"},
    "reports": {"models", "reports", "__init__"},
}


def _interlock_imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("interlock"):
            parts = node.module.split(".")
            out.add(parts[1] if len(parts) > 1 else "__init__")
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("interlock."):
                    out.add(a.name.split(".")[1])
    return out


def test_stages_import_only_models_and_themselves():
    bad = []
    for stage, allowed in ALLOWED.items():
        for path in (PKG / stage).rglob("*.py"):
            extra = _interlock_imports(path) - allowed
            if extra:
                bad.append(f"{path.relative_to(PKG)} imports {sorted(extra)}")
    assert bad == []

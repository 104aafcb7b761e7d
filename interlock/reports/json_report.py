"""The JSON report: the contract object of DESIGN.md (`interlock schema` prints its JSON Schema)."""
from __future__ import annotations

import json

from interlock.models.result import VerifyResult
from interlock.reports.frames import sorted_findings


def render_json(result: VerifyResult) -> str:
    """`{"tool", "root", "components", "findings", "stats", ...}`, findings in contract order."""
    ordered = result.model_copy(update={"findings": tuple(sorted_findings(result.findings))})
    return json.dumps(ordered.to_json(), indent=2, sort_keys=False) + "\n"

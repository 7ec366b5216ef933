"""axe-core (vendored, tests/e2e/vendor/) run in a page; its findings grouped by impact."""

from tests.e2e.conftest import AXE_JS

FAILING_IMPACTS = ("critical", "serious", "moderate")


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['impact']}: {violation['id']} ({len(violation['nodes'])}) {targets}")
    return "\n".join(lines)


def failing(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in FAILING_IMPACTS]

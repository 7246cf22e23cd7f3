"""Write docs/questions.md from the headers of graph/questions/*.rq (``make docs``)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.questions import all_questions  # noqa: E402

DOC = ROOT / "docs" / "questions.md"


def render() -> str:
    lines = [
        "# Named questions",
        "",
        "Generated from the headers of `graph/questions/*.rq` by `make docs`; do not edit.",
        "Ask them with `nhskg ask SLUG [--param NAME=VALUE]` or `GET /api/questions/SLUG`.",
        "Slugs are a public interface: they never change once published.",
        "",
    ]
    for q in all_questions().values():
        lines += [f"## `{q.slug}`", "", f"**{q.title}.** {q.description}", ""]
        if q.params:
            lines += ["| parameter | type | default | meaning |", "| --- | --- | --- | --- |"]
            for p in q.params:
                lines.append(f"| `{p.name}` | {p.type} | {p.default or ''} | {p.description} |")
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")

"""`make soak`'s summary: the cases FsCheck ran per property, from the report PropertyCases.cs writes.

    soak_summary.py REPORT REQUIRED_CASES ELAPSED_MS SOURCE_DIR

Fails (exit 1) when a property ran fewer than REQUIRED_CASES cases or did not pass, when nothing was
reported, or when a source under SOURCE_DIR runs FsCheck itself (Check.One, QuickCheck..., bypassing
PropertyCases and so the one setting and this report).
"""

from __future__ import annotations

import pathlib
import re
import sys


def main(report: str, required: str, elapsed_ms: str, sources: str) -> int:
    need = int(required)
    path = pathlib.Path(report)
    rows = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, cases, outcome, ms = line.split("\t")
            rows.append((name, int(cases), outcome, int(ms)))
    bypass = re.compile(r"\bCheck\.(One|Quick|Verbose|All|Method)\w*\(|\.(Quick|Verbose)Check\w*\(")
    bypassing = sorted(
        f"{f}:{n}"
        for f in pathlib.Path(sources).rglob("*.cs")
        if "/obj/" not in f.as_posix() and "/bin/" not in f.as_posix() and f.name != "PropertyCases.cs"
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if bypass.search(line)
    )

    width = max([len(r[0]) for r in rows] + [8])
    print(f"\n{'property':<{width}}  {'cases':>7}  {'outcome':<9}  {'seconds':>7}")
    for name, cases, outcome, ms in sorted(rows):
        print(f"{name:<{width}}  {cases:>7}  {outcome:<9}  {ms / 1000:>7.1f}")
    short = [r for r in rows if r[1] < need or r[2] != "Passed"]
    print(f"{len(rows)} properties, each needing >= {need} cases: {sum(r[1] for r in rows)} cases in all; "
          f"wall time of the test run {int(elapsed_ms) / 1000:.1f} s")

    problems = []
    if not rows:
        problems.append("no property reported (PROPERTY_TEST_REPORT not honoured, or the tests did not run)")
    if short:
        problems.append("short or failed: " + ", ".join(f"{n} ({c} cases, {o})" for n, c, o, _ in short))
    if bypassing:
        problems.append("FsCheck run outside PropertyCases.Check / ForAll at " + ", ".join(bypassing))
    for problem in problems:
        print(f"soak: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

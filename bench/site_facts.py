"""How cross-page fact checks scale with the number of pages.

    python bench/site_facts.py [--pages 100,200,400,800] [--records 10000,40000,160000]

Two measurements:

1. a whole run (read, parse, check, compare) over generated sites of N pages,
   with only the `site` pack selected, so the time is the fact machinery's;
2. the comparison step alone (``Engine.finish_run``) over N pages' worth of
   fact records, where an all-pairs comparison would show up as quadratic.

Each row prints seconds and seconds per page; the per-page figure should stay
flat as N doubles. Nothing here is a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from medlint.checks.facts import FactRecord
from medlint.config import Config
from medlint.engine import DocumentResult, Engine
from medlint.rule_loader import builtin_rules_dir
from medlint.runner import build_ruleset, check_paths

PRICES = ["$1,500", "$1,800", "$2,000"]
SESSIONS = ["one session", "one to three sessions", "three sessions"]
RECOVERY = ["back to work in 2 days", "a week of downtime", "back to work in 3 days"]
FILLER = (
    "Our physicians review your history and imaging before recommending any treatment. "
    "Physiotherapy remains an important part of recovery, and your plan is agreed with you. "
)


def write_site(folder: Path, pages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for index in range(pages):
        body = [f"# Stem cell injections, page {index}", "", FILLER * 6, ""]
        body.append(f"- Price: {rng.choice(PRICES)} per injection.")
        body.append(f"- Sessions: most patients need {rng.choice(SESSIONS)}.")
        body.append(f"- Recovery: most patients are {rng.choice(RECOVERY)}.")
        body += ["", FILLER * 4, ""]
        (folder / f"page-{index:05d}.md").write_text("\n".join(body), encoding="utf-8")


def whole_runs(sizes: list[int]) -> None:
    config = Config(rules=(builtin_rules_dir(),), builtin_rules=False, select=("site",))
    engine = Engine.build(build_ruleset(config))
    print("whole run (site pack only)")
    print(f"{'pages':>8} {'seconds':>9} {'ms/page':>9} {'findings':>9}")
    for pages in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write_site(Path(tmp), pages)
            start = time.perf_counter()
            result = check_paths([tmp], config, engine)
            elapsed = time.perf_counter() - start
        print(f"{pages:>8} {elapsed:>9.3f} {1000 * elapsed / pages:>9.3f} {len(result.findings):>9}")


def comparisons(sizes: list[int]) -> None:
    config = Config(rules=(builtin_rules_dir(),), builtin_rules=False, select=("price-per-treatment",))
    engine = Engine.build(build_ruleset(config))
    rng = random.Random(11)
    print("comparison step alone (price-per-treatment, 3 values)")
    print(f"{'pages':>8} {'seconds':>9} {'us/page':>9} {'findings':>9}")
    for pages in sizes:
        results = []
        for index in range(pages):
            value = rng.choice(["$1500", "$1800", "$2000"])
            record = FactRecord("injection", "stem cells", value, f"page-{index}.md", 0, 20, 3, 1, 3, 21, value)
            results.append((DocumentResult(record.path, (), {"price-per-treatment": [record]}), True))
        start = time.perf_counter()
        findings = engine.finish_run(results)
        elapsed = time.perf_counter() - start
        print(f"{pages:>8} {elapsed:>9.3f} {1e6 * elapsed / pages:>9.2f} {len(findings):>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="100,200,400,800")
    parser.add_argument("--records", default="10000,40000,160000")
    args = parser.parse_args()
    whole_runs([int(n) for n in args.pages.split(",")])
    print()
    comparisons([int(n) for n in args.records.split(",")])


if __name__ == "__main__":
    main()

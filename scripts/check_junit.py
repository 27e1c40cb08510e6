"""Fail a CI step whose pytest run passed by skipping: check a JUnit XML report."""

import argparse
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", help="pytest --junitxml file")
    parser.add_argument("--min-passed", type=int, default=1)
    parser.add_argument("--no-skips", action="store_true", help="any skip fails")
    parser.add_argument(
        "--forbid-skip",
        action="append",
        default=[],
        metavar="TEXT",
        help="fail when a skip reason contains TEXT (repeatable)",
    )
    args = parser.parse_args()

    cases = ET.parse(args.report).getroot().iter("testcase")
    passed, skipped, failed = 0, [], 0
    for case in cases:
        name = f"{case.get('classname')}::{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif (skip := case.find("skipped")) is not None:
            skipped.append((name, skip.get("message", "")))
        else:
            passed += 1
    sys.stdout.write(
        f"{args.report}: {passed} passed, {len(skipped)} skipped, {failed} failed\n"
    )

    problems = []
    if failed:
        problems.append(f"{failed} failed")
    if passed < args.min_passed:
        problems.append(f"only {passed} passed (at least {args.min_passed} required)")
    for name, reason in skipped:
        if args.no_skips or any(text in reason for text in args.forbid_skip):
            problems.append(f"skipped here but must run: {name}: {reason}")
    for problem in problems:
        sys.stderr.write(f"ERROR: {problem}\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Check the log of Odoo's own test runner (``--test-tags``): it must report
its tests, none failed or in error, no test's "FAIL:" or "ERROR:" and no
CRITICAL record (a registry that did not load). Odoo's exit status alone is
not enough: some versions exit 0 whatever the result. Other ERROR records are
not failures: an error logged within a test fails that test already, and one
logged by another thread (a concurrency test's refused transaction) is the
test's expected outcome.

    python3 tests/odoo_test_log.py /tmp/auto_crm_test-odoo-tests.log
"""

import re
import sys

from install_log import records

# odoo.tests.result: "2 failed, 1 error(s) of 141 tests when loading database
# 'x'" (ERROR) or "0 failed, 0 error(s) of 159 tests ..." (INFO).
SUMMARY = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests"
)


# odoo.tests.result / unittest: "FAIL: TestX.test_y" and "ERROR: TestX.test_y".
TEST_FAILED = re.compile(r"(FAIL|ERROR): ")


def problems(log_text):
    """What makes the run a failure: each failed test's and each CRITICAL
    record (with its traceback), and a missing summary or one with no test
    run; and the summary's counts."""
    reports, summary = [], None
    for match, text in records(log_text):
        if match["logger"] == "odoo.tests.result" and (
            counts := SUMMARY.search(match["message"])
        ):
            summary = counts
        if match["level"] == "CRITICAL" or (
            match["level"] == "ERROR" and TEST_FAILED.match(match["message"])
        ):
            reports.append(text)
    if summary is None:
        reports.append("Odoo's runner reported no test result.")
    elif int(summary["run"]) == 0:
        reports.append("Odoo's runner ran no test: check the tags.")
    return reports, summary


def main(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        reports, summary = problems(log.read())
    if summary is not None:
        print(
            f"Odoo's runner: {summary['run']} tests, {summary['failed']} failed, "
            f"{summary['errors']} in error."
        )
    if reports:
        print(f"Odoo's own tests failed ({path}):", file=sys.stderr)
        for report in reports:
            print(report, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

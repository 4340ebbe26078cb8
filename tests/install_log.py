"""Check an Odoo install log: no ERROR or CRITICAL at all, and no WARNING that
names one of our addons (their modules, models, fields and views are all
prefixed ``auto_``).

    python3 tests/install_log.py /tmp/auto_crm_test-install.log
"""

import re
import sys

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
OURS = re.compile(r"\bauto_|odoo\.addons\.auto_")


def records(log_text):
    """Each log record as (its LINE match, its text with what follows it: a
    traceback or the rest of a multi-line message)."""
    match, lines = None, []
    for line in log_text.splitlines():
        if start := LINE.match(line):
            if match:
                yield match, "\n".join(lines)
            match, lines = start, []
        if match:
            lines.append(line)
    if match:
        yield match, "\n".join(lines)


def problems(log_text):
    """The log records that make an install unclean."""
    return [
        text
        for match, text in records(log_text)
        if match["level"] in ("ERROR", "CRITICAL")
        or (
            match["level"] == "WARNING"
            and OURS.search(match["logger"] + " " + match["message"])
        )
    ]


def main(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        found = problems(log.read())
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s) in the install log {path}", file=sys.stderr)
        return 1
    print(f"Install log clean: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

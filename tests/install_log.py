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


def problems(log_text):
    """The log lines that make an install unclean, each with what follows it
    (a traceback or the rest of a multi-line message)."""
    found = []
    current = None
    for line in log_text.splitlines():
        match = LINE.match(line)
        if not match:
            if current is not None:
                current.append(line)
            continue
        current = None
        level = match["level"]
        if level in ("ERROR", "CRITICAL") or (
            level == "WARNING" and OURS.search(match["logger"] + " " + match["message"])
        ):
            current = [line]
            found.append(current)
    return ["\n".join(lines) for lines in found]


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

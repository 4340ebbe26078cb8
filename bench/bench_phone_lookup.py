"""Benchmark: identifying a caller by phone number among N customers.

Run by hand against a database where auto_crm_leads is installed with its demo
data (bin/serve's auto_crm_demo will do); everything it creates is rolled back:

    python3 bench/bench_phone_lookup.py -d auto_crm_demo --customers 1000000 \\
        --lookups 1000 --old-lookups 10

It clones one demo customer N times with SQL, each with a mobile of its own
(+8613..., +8615..., +8618...) and every third with a landline in Beijing or
Hangzhou (+8610..., +86571..., a quarter of them with an extension), their
caller keys as the ORM computes them, then analyses res_partner. Then, as the
demo call agent, it looks up L numbers, half of them a clone's and half of them
nobody's, written as callers and agents write them (138 0013 8000, +86-138...,
0086..., 010-..., (0571) ..., 转 801), one call at a time with the ORM cache
invalidated before each: through res.partner._auto_find_by_phone (the E.164
keys' indexes), and the first O of them with the lookup it replaced (the last
11 digits of phone and mobile compared by a regular expression on every row).
It prints the table's rows, the per-lookup median and 95th percentile of both
lookups (and the new one's queries) and their ratio, whether every clone's
number found that clone and nobody else and nobody's found nobody, and the
plans of both queries (the new one's with ANALYZE). The numbers are drawn at
random from --seed. Target: 10 ms a lookup.
"""

import random
import re
import statistics
import time
from unittest.mock import patch

from benchlib import analyze, bench_env, clone_rows

from odoo.tools import SQL

TARGET_MS = 10
# Copy n's numbers: n times this (prime to 10) modulo 10^9 or 8 * 10^7 is a
# different number for every n, spread over the whole range.
SPREAD = 387_420_489
# What follows the number when a call has an extension (as written below).
EXTENSION = re.compile(r"(转|分机|ext|#).*$")
MOBILE_PREFIXES = ["3", "5", "8"]  # 13x, 15x, 18x
AREAS = ("10", "571")  # Beijing, Hangzhou
OLD_LOOKUP = (
    "SELECT id FROM res_partner WHERE active AND ("
    "right(regexp_replace(phone, '\\D', '', 'g'), 11) = %(key)s"
    " OR right(regexp_replace(mobile, '\\D', '', 'g'), 11) = %(key)s)"
)


def generate(env, count):
    """Clone a demo customer ``count`` times with numbers of their own."""
    source = env.ref("auto_crm_leads.partner_customer_01_demo")
    mobile = SQL(
        "'+861' || (%s::text[])[1 + mod(n, 3)]"
        " || lpad(mod(n::bigint * %s, 1000000000)::text, 9, '0')",
        MOBILE_PREFIXES,
        SPREAD,
    )
    # Every third copy: a Beijing (n divisible by 6) or Hangzhou landline of 8
    # digits, not starting with 0 or 1; every twelfth, with an extension.
    landline = SQL(
        "CASE WHEN mod(n, 3) = 0 THEN"
        " CASE WHEN mod(n, 6) = 0 THEN '+8610' ELSE '+86571' END"
        " || (20000000 + mod(n::bigint * %s, 80000000))::text END",
        SPREAD,
    )
    phone = SQL(
        "%s || CASE WHEN mod(n, 12) = 0"
        " THEN ';ext=' || (800 + mod(n, 200))::text ELSE '' END",
        landline,
    )
    return clone_rows(
        env.cr,
        "res_partner",
        source.id,
        count,
        {
            "id_number": SQL("NULL"),
            "mobile": mobile,
            "auto_mobile_key": mobile,
            "phone_sanitized": mobile,
            "phone": phone,
            "auto_phone_key": landline,
        },
    )


def spaced(digits, *sizes):
    """``digits`` cut in groups of ``sizes``, the rest in the last group."""
    groups, start = [], 0
    for size in sizes:
        groups.append(digits[start : start + size])
        start += size
    groups.append(digits[start:])
    return [group for group in groups if group]


def write_mobile(rng, national):
    """A mobile (13800138000) as a caller or an agent may write it."""
    parts = spaced(national, 3, 4)
    return rng.choice(
        [
            " ".join(parts),
            national,
            "+86 " + " ".join(parts),
            "+86-" + "-".join(parts),
            "+86" + national,
            "0086 " + national,
            "0086-" + "-".join(parts),
            "86 " + national,
        ]
    )


def write_landline(rng, area, local, extension=None):
    """A landline (area 10, local 65529988) as a caller or an agent may write
    it, with its extension (or, one call in five, another one) if it has one."""
    grouped = " ".join(spaced(local, 4))
    number = rng.choice(
        [
            f"0{area}-{local}",
            f"0{area}-{grouped}",
            f"(0{area}) {grouped}",
            f"0{area}{local}",
            f"+86 {area} {grouped}",
            f"+86-{area}-{local}",
            f"0086 {area} {local}",
        ]
    )
    if extension or rng.random() < 0.2:
        extension = extension or str(rng.randint(100, 999))
        number += rng.choice([" 转 ", "转", " ext. ", " 分机", "#"]) + extension
    return number


def random_number(rng):
    """A mobile or landline written out, its E.164 key, in the clones' ranges."""
    if rng.random() < 0.5:
        national = "1" + rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**9):09d}"
        return write_mobile(rng, national), "+86" + national
    area = rng.choice(AREAS)
    local = str(rng.randint(20_000_000, 99_999_999))
    return write_landline(rng, area, local), f"+86{area}{local}"


def lookups(env, rng, clone_ids, count):
    """``count`` (number as written, expected customer id or None), shuffled:
    half of them a random clone's mobile or landline, half nobody's number."""
    cr = env.cr
    cr.execute(
        SQL(
            "SELECT id, mobile, phone FROM res_partner WHERE id = ANY(%s)",
            rng.sample(clone_ids, count // 2),
        )
    )
    calls = []
    for partner_id, mobile, phone in cr.fetchall():
        if phone and rng.random() < 0.5:
            e164, _, extension = phone.partition(";ext=")
            area = "10" if e164.startswith("+8610") else "571"
            local = e164[3 + len(area) :]
            calls.append((write_landline(rng, area, local, extension), partner_id))
        else:
            calls.append((write_mobile(rng, mobile[3:]), partner_id))
    missing = {}
    while len(missing) < count - len(calls):
        candidates = dict(random_number(rng)[::-1] for _ in range(count))
        cr.execute(
            SQL(
                "SELECT auto_mobile_key FROM res_partner"
                " WHERE auto_mobile_key = ANY(%s)"
                " UNION SELECT auto_phone_key FROM res_partner"
                " WHERE auto_phone_key = ANY(%s)",
                list(candidates),
                list(candidates),
            )
        )
        for (taken,) in cr.fetchall():
            del candidates[taken]
        missing.update(list(candidates.items())[: count - len(calls) - len(missing)])
    calls += [(number, None) for number in missing.values()]
    rng.shuffle(calls)
    return calls


def lookup_query(Partner, number):
    """The SELECT that ``_auto_find_by_phone(number)`` sends."""
    queries = []
    search = type(Partner)._search

    def spy(self, *args, **kwargs):
        query = search(self, *args, **kwargs)
        queries.append(query)
        return query

    with patch.object(type(Partner), "_search", spy):
        Partner._auto_find_by_phone(number)
    # The lookup's own search returns last, after those of its record rules.
    return queries[-1].select()


def old_key(number):
    """The old lookup's key: the last 11 digits of the number, its extension
    left out."""
    return re.sub(r"\D", "", EXTENSION.sub("", number))[-11:]


def milliseconds(timings):
    """Median and 95th percentile, in ms, of timings in seconds."""
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    return 1000 * statistics.median(timings), 1000 * p95


def explain(cr, query, analyse=False):
    options = SQL("(ANALYZE, BUFFERS)") if analyse else SQL("")
    cr.execute(SQL("EXPLAIN %s %s", options, query))
    for (line,) in cr.fetchall():
        print("   ", line)


def main():
    with bench_env(
        __doc__, customers=1_000_000, lookups=1000, old_lookups=10, seed=42
    ) as (args, env):
        cr = env.cr
        rng = random.Random(args.seed)
        started = time.perf_counter()
        clone_ids = generate(env, args.customers)
        analyze(cr, "res_partner")
        cr.execute(
            SQL(
                "SELECT count(*), count(auto_mobile_key), count(auto_phone_key),"
                " count(*) FILTER (WHERE phone LIKE %s) FROM res_partner",
                "%;ext=%",
            )
        )
        rows, mobiles, landlines, extensions = cr.fetchone()
        print(
            f"generated {len(clone_ids)} customers in "
            f"{time.perf_counter() - started:.1f} s: res_partner has {rows} rows, "
            f"{mobiles} mobile keys, {landlines} landline keys ({extensions} "
            "phones with an extension)"
        )

        calls = lookups(env, rng, clone_ids, args.lookups)
        Partner = env["res.partner"].with_user(
            env.ref("auto_crm_leads.user_call_agent_demo")
        )
        for number, _expected in calls[:10]:  # warm-up, as a running server is
            Partner._auto_find_by_phone(number)
        timings, wrong = [], []
        queries = cr.sql_log_count
        for number, expected in calls:
            env.invalidate_all()
            start = time.perf_counter()
            found = Partner._auto_find_by_phone(number)
            timings.append(time.perf_counter() - start)
            if found.ids != ([expected] if expected else []):
                wrong.append((number, expected, found.ids))
        queries = (cr.sql_log_count - queries) / len(calls)
        median, p95 = milliseconds(timings)
        existing = sum(1 for _number, expected in calls if expected)
        print(
            f"new lookup (_auto_find_by_phone, as the call agent), {len(calls)} "
            f"numbers ({existing} customers', {len(calls) - existing} nobody's): "
            f"median {median:.2f} ms, p95 {p95:.2f} ms, max "
            f"{1000 * max(timings):.2f} ms, {queries:.1f} queries; target "
            f"{TARGET_MS} ms: "
            f"{'met' if p95 < TARGET_MS else 'NOT MET'}"
        )
        print(
            f"correct: {len(calls) - len(wrong)} of {len(calls)} (every customer's "
            "number finds that customer and nobody else, nobody's finds nobody)"
        )
        for number, expected, found_ids in wrong[:10]:
            print(f"    WRONG: {number!r} expected {expected}, found {found_ids}")
        print("numbers written as, e.g.:", ", ".join(n for n, _e in calls[:8]))

        sample = calls[: args.old_lookups]
        cr.execute(SQL(OLD_LOOKUP, key=old_key(sample[0][0])))  # warm-up
        old_timings, old_found = [], 0
        for number, expected in sample:
            start = time.perf_counter()
            cr.execute(SQL(OLD_LOOKUP, key=old_key(number)))
            ids = [row[0] for row in cr.fetchall()]
            old_timings.append(time.perf_counter() - start)
            old_found += bool(expected) and expected in ids
        old_median, old_p95 = milliseconds(old_timings)
        print(
            f"old lookup (last 11 digits by regular expression), the first "
            f"{len(sample)} numbers: median {old_median:.1f} ms, p95 "
            f"{old_p95:.1f} ms; found {old_found} of the "
            f"{sum(1 for _n, expected in sample if expected)} customers' numbers"
        )
        print(
            f"old / new: {old_median / median:.0f}x (median), "
            f"{old_p95 / p95:.0f}x (p95)"
        )

        hit = next(number for number, expected in calls if expected)
        print(f"plan of the new lookup of {hit!r}:")
        explain(cr, lookup_query(Partner, hit), analyse=True)
        print("plan of the old lookup:")
        explain(cr, SQL(OLD_LOOKUP, key=old_key(hit)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Print, as rows of generator/when_zone_table.c, the IANA zones of
Africa, the Americas, Antarctica, Asia, Australia and the oceans that the
table does not name yet, each checked day by day for 2025 and 2026 against
the system's tzdata (Python's zoneinfo), so that a place that moved for
good before (Almaty, in March 2024) has the offset it keeps now: a zone
whose clocks do not change gets its one offset; one whose clocks change on the days a summer time
rule of the table does (the EU's, the US's, Australia's, New Zealand's,
Chile's, Egypt's) gets its standard offset and that rule; any other is
printed to stderr and left out.

usage: python3 generator/tools/iana_zones.py
Paste the rows into the table, then run zone_index.py.
"""
import datetime
import os
import re
import sys
import zoneinfo

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "when_zone_table.c"), encoding="utf-8") as f:
    known = set(re.findall(r'\{\s*"([^"]+)"', f.read()))

AREAS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
         "Australia", "Indian", "Pacific")
RULES = {"E": "Europe/Paris", "U": "America/New_York",
         "A": "Australia/Sydney", "N": "Pacific/Auckland",
         "C": "America/Santiago", "G": "Africa/Cairo"}


def changes(name):
    """The days of 2025 and 2026 on which the offset at noon UTC changes,
    and the offsets seen, in minutes."""
    zone = zoneinfo.ZoneInfo(name)
    day0 = datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.timezone.utc)
    days, offsets, prev = [], set(), None
    for k in range(2 * 365):
        off = (day0 + datetime.timedelta(days=k)).astimezone(zone)
        off = int(off.utcoffset().total_seconds() // 60)
        offsets.add(off)
        if prev is not None and off != prev:
            days.append(k)
        prev = off
    return tuple(days), offsets


rule_days = {rule: changes(zone)[0] for rule, zone in RULES.items()}
rows = []
for name in sorted(zoneinfo.available_timezones()):
    if name.split("/")[0] not in AREAS or name in known:
        continue
    days, offsets = changes(name)
    if not days:
        rows.append('{ "%s", %d, 0 }' % (name, min(offsets)))
        continue
    rule = [r for r, d in rule_days.items() if d == days]
    if rule and len(offsets) == 2 and max(offsets) - min(offsets) == 60:
        rows.append("{ \"%s\", %d, '%s' }" % (name, min(offsets), rule[0]))
    else:
        print("left out: %s (offsets %s)" % (name, sorted(offsets)),
              file=sys.stderr)

line = "\t"
for row in rows:
    piece = row + ","
    if len(line.expandtabs()) + len(piece) + 1 > 79 and line.strip():
        print(line.rstrip())
        line = "\t"
    line += piece + " "
if line.strip():
    print(line.rstrip())

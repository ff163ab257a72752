#!/usr/bin/env python3
"""Score pmsite's extractor on a folder of NAME.md + NAME.expect.yml.

usage: score.py PMSITE DIR [-v]

Runs `pmsite inspect` on every postmortem of DIR and compares each field
that the expectation file states with the record: exact for times, counts
and category; case-insensitive for the time zone; within 0.5 for the
impact share.  Prints the accuracy per field; -v lists every miss.  The
expectation files use a flat subset of YAML (key: value), read here
without a YAML library so the scorer needs only python3.
"""
import json
import os
import subprocess
import sys

FIELDS = ["title", "start", "end", "timezone", "duration_minutes",
          "impact_percent", "category", "timeline_count",
          "action_items_count"]


def strip_comment(line):
    """The line without its YAML comment: a " #" outside quotes."""
    quote = None
    skip = False
    for i, c in enumerate(line):
        if skip:
            skip = False
        elif quote:
            if c == "\\" and quote == '"':
                skip = True
            elif c == quote and quote == "'" and line[i + 1:i + 2] == "'":
                skip = True
            elif c == quote:
                quote = None
        elif c in "\"'" and (i == 0 or line[i - 1] in " :"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] == " "):
            return line[:i].rstrip()
    return line.rstrip()


def parse_expect(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = strip_comment(line)
            if not line or line.startswith("#") or ":" not in line:
                continue
            key, _, val = line.partition(":")
            val = val.strip()
            if val in ("null", "~", ""):
                out[key.strip()] = None
            elif val[0] == '"':
                # YAML double quotes: \" and \\ are escapes
                out[key.strip()] = (val[1:-1].replace('\\"', '"')
                                    .replace("\\\\", "\\"))
            elif val[0] == "'":
                out[key.strip()] = val[1:-1].replace("''", "'")
            else:
                try:
                    out[key.strip()] = float(val) if "." in val else int(val)
                except ValueError:
                    out[key.strip()] = val
    return out


def actual(rec, key):
    if key == "timeline_count":
        return len(rec["timeline"])
    if key == "action_items_count":
        return len(rec["action_items"])
    return rec.get(key)


def same(key, want, got):
    if want is None or got is None:
        return want is None and got is None
    if key == "impact_percent":
        return abs(float(want) - float(got)) <= 0.5
    if key == "timezone":
        return str(want).lower() == str(got).lower()
    if key == "title":
        return " ".join(str(want).split()) == " ".join(str(got).split())
    return want == got


def main():
    pmsite, folder = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv[3:]
    names = sorted(n[:-3] for n in os.listdir(folder) if n.endswith(".md")
                   and os.path.exists(os.path.join(folder, n[:-3] +
                                                   ".expect.yml")))
    right = {f: 0 for f in FIELDS}
    total = {f: 0 for f in FIELDS}
    for name in names:
        md = os.path.join(folder, name + ".md")
        res = subprocess.run([pmsite, "inspect", md], capture_output=True,
                             text=True)
        if res.returncode != 0:
            print(f"{name}: inspect failed: {res.stderr.strip()}")
            continue
        rec = json.loads(res.stdout)[0]
        want = parse_expect(os.path.join(folder, name + ".expect.yml"))
        for f in FIELDS:
            if f not in want:
                continue
            total[f] += 1
            got = actual(rec, f)
            if same(f, want[f], got):
                right[f] += 1
            elif verbose:
                print(f"{name}: {f}: want {want[f]!r}, got {got!r}")
    print(", ".join(f"{f} {right[f]}/{total[f]}" for f in FIELDS
                    if total[f]))


if __name__ == "__main__":
    main()

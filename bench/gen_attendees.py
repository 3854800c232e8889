#!/usr/bin/env python3
"""Writes a deterministic Attendees (6001) report in Kaltura's exact CSV format
(docs/kaltura-wire-format.md §6: UTF-8 BOM, raw header, no quoting, commas inside values turned
into spaces, \\n endings, PHP float formatting) for benchmarks. Realistic cardinalities: ~50k
users, ~20k sessions in ~2k rooms, ~50 attendees per session. It does not write anything but the
CSV. With SHAPE "high-cardinality", nearly every row is a session of its own (about a million
distinct room+session pairs in a million rows, rooms of two sessions), the hardest case for the
summaries' hash tables.

usage: gen_attendees.py OUT.csv [ROWS] [SEED] [SHAPE]     (SHAPE: realistic | high-cardinality)
"""
import random
import sys

HEADER = "entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio"
FIRST = ["Ada", "Zoë", "Mehmet", "Siobhán", "Wei", "Ngozi", "José", "Anna-Lena", "Øystein", "Priya",
         "Kwame", "Léa", "Dmitri", "Aiko", "Fatima", "Björn", "Chloé", "Rahul", "Ingrid", "Tomás"]
LAST = ["Lovelace", "Müller", "O'Brien", "García", "Nguyen", "Okafor", "Kowalski", "Smith, Jr.",
        "Yamamoto", "Haddad", "Larsen", "Dubois", "Ivanova", "Rossi", "Chen", "Papadopoulos"]
ROLES = ["Attendee"] * 17 + ["Host", "Co-host", "Presenter"]
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def kaltura_id(rng):
    return "1_" + "".join(rng.choice(ALPHABET) for _ in range(8))


def php_float(x):
    """PHP's float to string: up to 14 significant digits, whole numbers without a point."""
    s = "%.14G" % x
    if "E" in s:
        mantissa, exponent = s.split("E")
        return f"{mantissa}E{int(exponent):+d}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def cell(text):
    return text.replace(",", " ")


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 6001
    shape = sys.argv[4] if len(sys.argv) > 4 else "realistic"
    if shape not in ("realistic", "high-cardinality"):
        sys.exit(f"unknown shape {shape!r}: realistic or high-cardinality")
    high = shape == "high-cardinality"
    rng = random.Random(seed)
    n_users = max(1, rows // 20)
    n_sessions = max(1, rows // 50)
    n_rooms = max(1, rows // 2) if high else max(1, n_sessions // 10)
    rooms = [kaltura_id(rng) for _ in range(n_rooms)]
    users = []
    for i in range(n_users):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first.lower()}.{last.split(',')[0].lower().replace(chr(39), '')}{i}@example.org"
        # One user in ten has no user ID (guests): the summary falls back to the e-mail.
        user_id = "" if i % 10 == 9 else email
        users.append((user_id, f"{first} {last}", email, rng.choice(ROLES)))
    written = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\ufeff" + HEADER + "\n")
        session = 0
        while written < rows:
            room = rooms[session % n_rooms]
            cue_point = kaltura_id(rng)
            length = rng.randint(20, 120)
            size = 1 if high else min(rows - written, max(1, int(rng.expovariate(1 / 50))))
            lines = []
            for user in rng.sample(users, min(size, n_users)):
                minutes = round(rng.uniform(0.5, length), rng.choice([0, 1, 2]))
                ratio = rng.random() if rng.random() > 0.02 else 0.0
                lines.append(",".join([room, cue_point, cell(user[0]), cell(user[1]), cell(user[2]), user[3],
                                       php_float(minutes), php_float(ratio)]))
            f.write("\n".join(lines) + "\n")
            written += len(lines)
            session += 1
    print(f"{out}: {written} rows, {n_users} users, {session} sessions, {n_rooms} rooms", file=sys.stderr)


if __name__ == "__main__":
    main()

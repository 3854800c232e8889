#!/usr/bin/env python3
"""Writes the Room data (6000) report that matches an Attendees CSV made by gen_attendees.py, in
Kaltura's exact CSV format (docs/kaltura-wire-format.md §6: UTF-8 BOM, raw header, no quoting,
commas inside values turned into spaces, \\n endings, PHP float formatting), for benchmarks.
One row per distinct room+session of the attendees file, in the order they first appear: the
room's name, no main room (every session is a main-room session), a start spread over the 52
weeks from Monday 2025-01-06 (deterministic, seed 6000), an end from the longest attendance,
a host, the session's distinct people, and the session's engagement weighted by minutes (as the
attendees file has it). It does not write anything but the CSV.

usage: gen_room_data.py ATTENDEES.csv OUT.csv [SEED]
"""
import random
import sys

HEADER = ("entry_id,entry_name,parent_entry_id,cue_point_id,session_start_time,session_end_time,"
          "session_host_user_id,meeting_view_period_unique_users,meeting_engaged_play_time_ratio")
ROOM_WORDS = ["Town hall", "Stand-up", "Sales, EMEA", "Onboarding", "Café chat", "Übung",
              "Q&A <live>", "Board", "Lab", "Reading group"]
# 2025-01-06 00:00 UTC, a Monday.
FIRST_MONDAY = 1_736_121_600
DAY = 86_400


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


def person_key(user_id, email, name):
    """analytics::key_of: user ID, else e-mail, else name."""
    if user_id:
        return user_id
    if email.strip():
        return "email:" + email.strip().lower()
    if name.strip():
        return "name:" + name.strip()
    return ""


def main():
    source, out = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 6000
    rng = random.Random(seed)
    sessions = {}
    with open(source, encoding="utf-8-sig", newline="\n") as f:
        header = f.readline().rstrip("\n").split(",")
        at = {name: i for i, name in enumerate(header)}
        for line in f:
            fields = line.rstrip("\n").split(",")
            key = (fields[at["entry_id"]], fields[at["cue_point_id"]])
            s = sessions.get(key)
            if s is None:
                # people, longest minutes, weighted ratio sum, weight sum, first host candidate
                s = sessions[key] = [set(), 0.0, 0.0, 0.0, fields[at["user_id"]]]
            s[0].add(person_key(fields[at["user_id"]], fields[at["user_email"]], fields[at["user_name"]]))
            minutes = float(fields[at["meeting_view_time"]] or 0)
            ratio = float(fields[at["meeting_engaged_play_time_ratio"]] or 0)
            s[1] = max(s[1], minutes)
            if minutes > 0:
                s[2] += ratio * minutes
                s[3] += minutes
    room_names = {}
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\ufeff" + HEADER + "\n")
        for (room, cue_point), (people, longest, weighted, weight, host) in sessions.items():
            name = room_names.setdefault(
                room, f"{ROOM_WORDS[len(room_names) % len(ROOM_WORDS)]} {len(room_names) + 1}")
            # Working hours, Monday to Friday, anywhere in the 52 weeks.
            day = rng.randrange(52) * 7 + rng.randrange(5)
            start = FIRST_MONDAY + day * DAY + rng.randrange(7 * 3600, 18 * 3600, 300)
            end = start + int(longest * 60) + rng.randrange(0, 600)
            ratio = weighted / weight if weight > 0 else 0.0
            f.write(",".join([room, cell(name), "", cue_point, str(start), str(end), cell(host),
                              str(len(people)), php_float(ratio)]) + "\n")
    print(f"{out}: {len(sessions)} sessions in {len(room_names)} rooms", file=sys.stderr)


if __name__ == "__main__":
    main()

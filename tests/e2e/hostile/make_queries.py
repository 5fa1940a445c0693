#!/usr/bin/env python3
"""Writes tests/e2e/hostile/queries.tsv: nasty queries for `searcher` over corpus/, each with its
expected outcome: exit code (0 hits, 1 none; never 2) and whether a note explains a reparse.
Lines are `exit<TAB>note<TAB>query`; the query is raw bytes to the end of the line."""
import pathlib

SPACES = "".join(chr(c) for c in [0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000])

CASES = [
    # (exit, note, query)
    (0, "no", "oil"),                                   # the baseline
    (0, "yes", '"unbalanced quote oil'),
    (1, "yes", "AND"),
    (1, "yes", "OR OR OR"),
    (1, "yes", "*"),
    (0, "yes", "((((oil"),
    (0, "yes", "oil)))"),
    (1, "yes", "NEAR"),
    (0, "yes", "oil NEAR"),
    (1, "no", "-"),
    (0, "no", "-oil"),                                  # everything but oil
    (0, "no", "NOT oil"),
    (1, "yes", "title:"),
    (1, "yes", "nosuchfield:oil"),                     # an unknown field: words, and a note
    (0, "no", "oil gas " * 1000),
    (1, "no", "x" * 10000),
    (0, "no", "oil\x01\x02\x7f gas"),
    (0, "yes", b"oil caf\xc3 \xff\xfe".decode("latin-1")),  # invalid UTF-8: repaired, noted
    (1, "yes", "(" * 5000),
    (0, "yes", ")" * 5000 + "oil"),                    # reparsed: oil
    (2, "no", "date:0000-00-00"),                      # an unreadable filter is an error
    (2, "no", "date:99999-01-01"),
    (2, "no", "date:2024..1987"),                      # a range that ends before it starts
    (0, "no", "date:..9999 oil"),
    (0, "no", "o*"),                                    # a prefix of thousands of words
    (0, "no", "a* OR b* OR c* OR d* OR e*"),
    (1, "no", '""'),
    (0, "no", "oil" + SPACES + "prices"),
    (0, "no", "\u202eoil\u202c prices"),                # RTL override around a word
    (0, "no", "o\u0301\u0302\u0303il"),                   # combining marks on a word
    (1, "no", "\u0301\u0302\u0303"),                    # combining marks alone
    (0, "no", "ＯＩＬ"),                                 # full-width letters fold to oil
    (1, "no", "\U0001F600\U0001F4A9"),                  # emoji only
    (1, "no", "\ufeff\ufeff"),                          # byte order marks only
    (0, "no", "title:oil AND NOT (gas OR \"crude oil\") AND date:1987"),
]

with open(pathlib.Path(__file__).with_name("queries.tsv"), "wb") as out:
    for exit_code, note, query in CASES:
        raw = query.encode("latin-1") if "caf\xc3" in query else query.encode("utf-8")
        out.write(f"{exit_code}\t{note}\t".encode() + raw + b"\n")

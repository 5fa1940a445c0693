#!/usr/bin/env python3
"""Writes tests/e2e/hostile/articles.jsonl: one nasty record per line, each named by its id (or,
for records without a usable id, by the comment in CASES). tests/e2e/hostile/expected.tsv says what
the indexer must do with each line. Run again after changing CASES; review the diff."""
import json
import pathlib

SPACES = "".join(chr(c) for c in [0x09, 0x0B, 0x0C, 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
                                  0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
COMBINING = "".join(chr(c) for c in range(0x0300, 0x0370))


def record(**fields):
    return json.dumps(fields, ensure_ascii=False).encode()


CASES = [
    # (bytes of the line, what it is)
    (record(id="good-1", title="Harbour ferry resumes", body="The ferry resumed service."), "baseline"),
    (b'{"id":"bad-utf8","title":"x","body":"caf\xe9 au lait"}', "Latin-1 byte, invalid UTF-8"),
    (b'{"id":"overlong","title":"x","body":"slash \xc0\xaf here"}', "overlong encoding of /"),
    (b'{"id":"surrogate","title":"x","body":"\xed\xa0\x80"}', "UTF-8 encoded surrogate"),
    (b'{"id":"raw-nul","title":"x","body":"a\x00b"}', "raw NUL byte"),
    (record(id="escaped-nul", title="nul", body="before\u0000after words"), "escaped NUL"),
    (b'{"id":"lone-surrogate","title":"x","body":"\\ud800 alone"}', "escaped lone surrogate"),
    (b'{"id":"deep","title":"x","body":"y","tags":' + b"[" * 5000 + b"]" * 5000 + b"}", "deeply nested"),
    (b'{"id":17,"title":42,"body":"numbers where strings belong","author":7}', "numbers as strings"),
    (b'\xef\xbb\xbf{"id":"bom","title":"BOM line","body":"a byte order mark starts this line"}',
     "BOM in the middle of a file"),
    (record(id="crlf", title="CRLF", body="windows line end") + b"\r", "CRLF line end"),
    (record(id="spaces", title="every" + SPACES + "space",
            body="alpha" + SPACES.replace(" ", "") + "omega"), "every Unicode space"),
    (record(id="combining", title="Zalgo", body="z" + COMBINING * 20 + "algo text"), "combining marks"),
    (record(id="rtl", title="\u202egnissim\u202c override", body="\u202eright-to-left\u202c override \u2066isolate\u2069"),
     "RTL overrides and isolates"),
    (record(id="long-title", title=" ".join(f"word{i}" for i in range(10000)), body="long title"),
     "10,000-word title"),
    (record(id="date-zero", title="zero date", body="x", date="0000-00-00"), "date 0000-00-00"),
    (record(id="date-far", title="far date", body="x", date="99999-01-01"), "date 99999-01-01"),
    (record(id="date-number", title="number date", body="x", date=1e300), "date as a huge number"),
    (b"{}", "empty object"),
    (b"[1, 2, 3]", "an array"),
    (b'{"id":"truncated","title":"half', "truncated JSON"),
    (b'{"id":"dup","title":"first","title":"second","body":"duplicate keys"}', "duplicate keys"),
    (record(id="nulls", title="nulls", body="null fields", date=None, author=None, tags=None),
     "null fields"),
    (record(id="controls", title="bell\u0007", body="esc\u001b[31m red \u0008 back"), "control characters"),
    (record(id="x" * 10000, title="long id", body="a ten-thousand-character id"), "10,000-character id"),
    (record(id="blank", title="   ", body="\t\n  "), "blank title and body"),
    (b'{"id":"trailing","title":"x","body":"y"} garbage', "garbage after the object"),
    (b"   ", "a line of spaces"),
    (record(id="good-2", title="Bakery wins prize", body="The bakery on the quay won."), "baseline after all"),
]

out = pathlib.Path(__file__).with_name("articles.jsonl")
out.write_bytes(b"\n".join(line for line, _ in CASES) + b"\n")
for number, (_, what) in enumerate(CASES, 1):
    print(f"{number}\t{what}")

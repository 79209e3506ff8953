#!/usr/bin/env python3
"""Sums a `perf record` profile of `bench spin` into the parts of a call.

    perf report -i perf.data --stdio --no-children --sort dso,symbol \\
        | tools/perf-summary.py

Samples of Cranelift compiling the component (at start-up) are left out;
the rest is shared among the parts below, in percent of what is left.
"""

import re
import sys

# (part, dso pattern, symbol pattern), first match wins.
PARTS = [
    ("(compiling: left out)", r"", r"cranelift|regalloc2|wasmtime_environ|wasmparser|ScopedHashMap|BTreeMap|smallvec|gimli|object::"),
    ("guest: JSON parsing (serde_json, field matching)", r"JIT", r"serde_json|serde_core|IgnoredAny|Deserialize|Scalar|FieldVisitor|MapAccess|SeqAccess|PartialEq|memcmp|from_utf8|json\.\.|json::"),
    ("guest: allocation (dlmalloc)", r"JIT", r"dlmalloc|dlfree|dlrealloc|__rust_alloc|__rdl_|__rust_dealloc|__rust_realloc|RawVec|raw_vec|malloc|free|realloc|chunk|to_vec"),
    ("guest: formatting (core::fmt, format!)", r"JIT", r"fmt|format|Display|pad_integral|write_str|write_char"),
    ("guest: times to UTC (datetime)", r"JIT", r"datetime"),
    ("guest: URL and request building", r"JIT", r"url|percent_encoding|form_urlencoded|idna|request|base64"),
    ("guest: other code", r"JIT", r""),
    ("host: fuel, lifting and lowering (wasmtime)", r"bench", r"wasmtime|Lift|Lower|lift|lower|typed|component"),
    ("host: the http import and the bench's canned answers", r"bench", r"bench::|pinterest_connector_host|Answers|canned|ConnectorHttp"),
    ("host: copies (memmove) and host allocation", r"libc", r"memmove|memcpy|memset|malloc|free|realloc|_int_|unlink_chunk|consolidate"),
    ("host: other", r"bench|libc", r""),
    ("kernel (page faults, memory setup)", r"kernel", r""),
    ("other", r"", r""),
]

LINE = re.compile(r"^\s*([\d.]+)%\s+(\S+(?: tid \d+)?)\s+\[[.k]\]\s+(.*)$")


def main():
    totals = {part: 0.0 for part, _, _ in PARTS}
    for line in sys.stdin:
        m = LINE.match(line)
        if not m:
            continue
        share, dso, symbol = float(m.group(1)), m.group(2), m.group(3)
        for part, dso_pattern, symbol_pattern in PARTS:
            if re.search(dso_pattern, dso) and re.search(symbol_pattern, symbol):
                totals[part] += share
                break
    left = 100.0 - totals["(compiling: left out)"]
    for part, _, _ in PARTS:
        if part.startswith("(") or totals[part] == 0:
            continue
        print(f"| {part} | {100 * totals[part] / left:.0f} % |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Where a component's bytes go: the sections of the component and of each
core module inside it, and the code of each core module by function,
grouped by crate (from the `name` section, so give it a build linked with
`CARGO_PROFILE_RELEASE_STRIP=none`).

    tools/wasm-size.py COMPONENT.wasm [--top N] [--grep TEXT]

Standard library only; reads the binary format directly.
"""

import argparse
import collections
import re
import sys

COMPONENT_SECTIONS = {
    0: "custom", 1: "core module", 2: "core instance", 3: "core type",
    4: "component", 5: "instance", 6: "alias", 7: "type", 8: "canon",
    9: "start", 10: "import", 11: "export", 12: "value",
}
CORE_SECTIONS = {
    0: "custom", 1: "type", 2: "import", 3: "function", 4: "table",
    5: "memory", 6: "global", 7: "export", 8: "start", 9: "element",
    10: "code", 11: "data", 12: "data count", 13: "tag",
}


def leb(data, pos):
    """An unsigned LEB128 at `pos`: (value, next position)."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def name(data, pos):
    length, pos = leb(data, pos)
    return data[pos:pos + length].decode("utf-8", "replace"), pos + length


def sections(data, pos, end):
    """(id, payload start, payload end) of each section in data[pos:end]."""
    while pos < end:
        kind = data[pos]
        size, start = leb(data, pos + 1)
        yield kind, start, start + size
        pos = start + size


def core_module(data, start, end):
    """Section sizes, function body sizes by index, names by index."""
    assert data[start:start + 4] == b"\0asm", "not a core module"
    sizes = collections.Counter()
    bodies = {}
    names = {}
    imported = 0
    for kind, s, e in sections(data, start + 8, end):
        label = CORE_SECTIONS.get(kind, str(kind))
        if kind == 0:
            custom, _ = name(data, s)
            label = f"custom {custom}"
            if custom == "name":
                names = function_names(data, s, e)
        sizes[label] += e - s
        if kind == 2:
            count, p = leb(data, s)
            for _ in range(count):
                _, p = name(data, p)
                _, p = name(data, p)
                desc = data[p]
                p += 1
                if desc == 0:
                    _, p = leb(data, p)
                    imported += 1
                elif desc == 1:
                    p += 1
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif desc == 2:
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif desc == 3:
                    p += 2
                else:
                    raise ValueError(f"import kind {desc}")
        if kind == 10:
            count, p = leb(data, s)
            for i in range(count):
                size, body = leb(data, p)
                bodies[imported + i] = body + size - p
                p = body + size
    return sizes, bodies, names


def function_names(data, start, end):
    _, pos = name(data, start)
    names = {}
    while pos < end:
        sub = data[pos]
        size, p = leb(data, pos + 1)
        if sub == 1:
            count, q = leb(data, p)
            for _ in range(count):
                index, q = leb(data, q)
                names[index], q = name(data, q)
        pos = p + size
    return names


def demangle(symbol):
    """A Rust symbol's path, roughly: legacy (`_ZN…E`) and v0 (`_R…`)
    manglings are unpacked far enough to name the crate."""
    if symbol.startswith("_ZN"):
        parts, pos = [], 3
        while pos < len(symbol) and symbol[pos].isdigit():
            end = pos
            while symbol[end].isdigit():
                end += 1
            length = int(symbol[pos:end])
            parts.append(symbol[end:end + length])
            pos = end + length
        path = "::".join(parts[:-1] if parts and parts[-1].startswith("h") else parts)
        for escape, text in (("$LT$", "<"), ("$GT$", ">"), ("$RF$", "&"), ("$u20$", " "),
                             ("$C$", ","), ("..", "::"), ("$BP$", "*"), ("$u7b$", "{"),
                             ("$u7d$", "}"), ("$u5b$", "["), ("$u5d$", "]")):
            path = path.replace(escape, text)
        return path
    if symbol.startswith("_R"):
        match = re.search(r"C(?:s[0-9a-zA-Z]*_)?(\d+)([A-Za-z_])", symbol)
        if match:
            length = int(match.group(1))
            start = match.start(2)
            return symbol[start:start + length] + "::…"
    return symbol


def crate_of(symbol):
    """The crate a Rust symbol belongs to, roughly; exports by their role."""
    if symbol.startswith("cabi_post_"):
        return "(export post-return glue)"
    if "#" in symbol and ":" in symbol:
        return "(export glue: lifting, lowering)"
    s = demangle(symbol).lstrip("<&*( ")
    for prefix in ("mut ", "dyn ", "const "):
        if s.startswith(prefix):
            s = s[len(prefix):]
    head = re.split(r"::|<| as |\[", s, maxsplit=1)[0]
    return head or symbol[:30]


def walk(data, top, grep):
    assert data[:4] == b"\0asm"
    component_sizes = collections.Counter()
    modules = []
    for kind, s, e in sections(data, 8, len(data)):
        label = COMPONENT_SECTIONS.get(kind, str(kind))
        if kind == 0:
            custom, _ = name(data, s)
            label = f"custom {custom}"
        component_sizes[label] += e - s
        if kind == 1:
            modules.append(core_module(data, s, e))
    print(f"component: {len(data):,} B")
    for label, size in component_sizes.most_common():
        print(f"  {label:<24} {size:>9,}")
    for number, (sizes, bodies, names) in enumerate(modules):
        total = sum(sizes.values())
        print(f"\ncore module {number}: {total:,} B, {len(bodies)} functions")
        for label, size in sizes.most_common():
            print(f"  {label:<24} {size:>9,}")
        if not bodies or total < 20_000:
            continue
        code = sum(bodies.values())
        crates = collections.Counter()
        for index, size in bodies.items():
            crates[crate_of(names.get(index, "?"))] += size
        print(f"  code by crate (of {code:,} B):")
        for crate, size in crates.most_common(25):
            print(f"    {crate:<40} {size:>9,}  {100 * size / code:5.1f} %")
        print(f"  largest functions:")
        ranked = sorted(bodies.items(), key=lambda item: -item[1])
        if grep:
            ranked = [(i, s) for i, s in ranked if grep in names.get(i, "")]
            print(f"    matching {grep!r}: {sum(s for _, s in ranked):,} B in {len(ranked)}")
        for index, size in ranked[:top]:
            print(f"    {size:>8,}  {demangle(names.get(index, '?'))[:150]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wasm")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--grep", default="")
    args = parser.parse_args()
    with open(args.wasm, "rb") as f:
        walk(f.read(), args.top, args.grep)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""What a ranged reader (the Lambda's S3 source) can do with a file's reads.

    cargo run --release --example read_trace -- FILE > trace.txt
    benches/ranged-frontier.py trace.txt...

For each trace (`examples/read_trace.rs`: the reads one analysis makes, in order) it prints:

- `RangedSource` as it works (64 KiB blocks, two open responses, a forward jump of at most
  SKIP read through), simulated for several SKIP values: requests and bytes received;
- the best any reader of single-range GETs could do, knowing every read in advance (S3 serves
  one range per GET): with N requests, the fewest bytes are the reads' span minus the N-1
  largest gaps between them.

The second table bounds every strategy, read-ahead, parallel GETs or hints alike: when it says
that 50 GETs cannot cost less than 32 MB, no tuning of the reader will do better.
"""
import sys

BLOCK = 64 << 10


def load(path):
    with open(path) as f:
        lines = f.read().split("\n")
    length = int(lines[0].split()[1])
    reads = [tuple(map(int, l.split())) for l in lines[1:] if l.strip()]
    return length, [(o, n) for o, n in reads if n > 0]


def ranged_source(length, reads, skip, streams=2, cache=32 << 20):
    """Requests and bytes of RangedSource's streaming reads (src/source/ranged.rs)."""
    cached, open_, clock, requests, received = {}, [[0, 0]], 0, 1, 0
    for offset, n in reads:
        for b in range(offset // BLOCK, (offset + n - 1) // BLOCK + 1):
            clock += 1
            if b in cached:
                cached[b] = clock
                continue
            usable = [s for s in open_ if s[0] <= b and (b - s[0]) * BLOCK <= skip]
            if usable:
                s = max(usable, key=lambda s: s[0])
            else:
                if len(open_) >= streams:
                    open_.remove(min(open_, key=lambda s: s[1]))
                s = [b, 0]
                open_.append(s)
                requests += 1
            while s[0] <= b:
                clock += 1
                cached[s[0]] = clock
                received += min(BLOCK, length - s[0] * BLOCK)
                s[0] += 1
                while len(cached) * BLOCK > cache:
                    del cached[min((k for k in cached if k != s[0] - 1), key=cached.get)]
            s[1] = clock
    return requests, received


def best(reads, counts):
    """The fewest bytes N single-range requests can cover the reads with, for each N."""
    merged = []
    for a, b in sorted((o, o + n) for o, n in reads):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    gaps = sorted((merged[i + 1][0] - merged[i][1] for i in range(len(merged) - 1)),
                  reverse=True)
    span = merged[-1][1] - merged[0][0]
    needed = sum(b - a for a, b in merged)
    rows = [(n, span - sum(gaps[: n - 1])) for n in counts if n - 1 <= len(gaps)]
    return len(merged), needed, rows


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        length, reads = load(path)
        pieces, needed, rows = best(reads, [1, 2, 3, 5, 10, 20, 50, 100, 200, 400])
        print(f"{path}: {length:,} bytes, {len(reads)} reads, {pieces} distinct ranges, "
              f"{needed:,} bytes read")
        print("  RangedSource   SKIP  requests        bytes")
        for skip in (1 << 20, 512 << 10, 256 << 10, 64 << 10, 0):
            r, b = ranged_source(length, reads, skip)
            print(f"             {skip >> 10:5} KiB  {r:6}  {b:13,}")
        print("  best possible  requests  fewest bytes")
        for n, b in rows:
            print(f"                {n:6}  {b:13,}")


if __name__ == "__main__":
    main()

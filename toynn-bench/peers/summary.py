"""Summarises side-by-side.sh's raw.jsonl: per protocol row, ToyNN and the best peer of each round,
and the ratio ToyNN / best peer (for latency: best peer / ToyNN, so above 1 means ToyNN is faster)."""
import json
import statistics
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
rounds = sorted({r["round"] for r in rows})


def pick(rnd, label, **match):
    for r in rows:
        if r["round"] == rnd and r["label"] == label and all(r.get(k) == v for k, v in match.items()):
            return r
    return None


def get(r, key):
    return None if r is None else r.get(key)


# (row name, toynn selector, toynn key, [(peer label, peer key)] — the first is the peer the issue's
# target names —, higher is better)
ROWS = [
    ("T1 samples/s", dict(task="t1"), "samples_per_s",
     [("t1-numpy-f32", "samples_per_s"), ("t1-numpy-f64", "samples_per_s"), ("t1-torch", "samples_per_s")], True),
    ("T2 b32 samples/s", dict(task="t2", batch=32), "samples_per_s",
     [("t2-torch-b32", "samples_per_s"), ("t2-sklearn-b32", "samples_per_s")], True),
    ("T2 b256 samples/s", dict(task="t2", batch=256), "samples_per_s",
     [("t2-torch-b256", "samples_per_s"), ("t2-sklearn-b256", "samples_per_s")], True),
    ("T3 latency µs", dict(task="t3"), "latency_us",
     [("t3-numpy", "latency_us_median"), ("t3-torch", "latency_us_median")], False),
    ("T3 batch samples/s", dict(task="t3"), "batch_samples_per_s",
     [("t3-numpy", "batch10k_samples_per_s"), ("t3-torch", "batch10k_samples_per_s")], True),
    ("T4 forwards/s", dict(task="t4"), "forwards_per_s",
     [("t4-numpy-batched", "forwards_per_s"), ("t4-torch-batched", "forwards_per_s"),
      ("t4-numpy-loop", "forwards_per_s")], True),
    ("GEMM 1024² GFLOP/s", dict(task="gemm"), "gflops",
     [("mm-numpy-1024", "gflops_best"), ("mm-torch-1024", "gflops_best")], True),
]

def fmt(v):
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def busy(rnd):
    """The most cores other processes kept busy during a peer run of this round (the peers' own probe)."""
    vals = [r["contention"]["other_cores"] for r in rows
            if r["round"] == rnd and isinstance(r.get("contention"), dict) and "other_cores" in r["contention"]]
    return max(vals) if vals else float("nan")


print("Rounds: " + "; ".join(f"{rnd}: other work up to {busy(rnd):.2f} cores" for rnd in rounds))
print()
print("| row | round | ToyNN | peers | ToyNN ÷ first peer | ToyNN ÷ best peer |")
print("|---|---|---|---|---|---|")
for name, sel, key, peers, higher in ROWS:
    ratios = []
    firsts = []
    for rnd in rounds:
        mine = get(pick(rnd, "toynn", **sel), key)
        vals = [(label, get(pick(rnd, label), k)) for label, k in peers]
        vals = [(label, v) for label, v in vals if v]
        if mine is None or not vals:
            continue
        best = max(v for _, v in vals) if higher else min(v for _, v in vals)
        ratio = mine / best if higher else best / mine
        first = vals[0][1]
        first_ratio = mine / first if higher else first / mine
        ratios.append(ratio)
        firsts.append(first_ratio)
        peer_text = "; ".join(f"{label} {fmt(v)}" for label, v in vals)
        print(f"| {name} | {rnd} | {fmt(mine)} | {peer_text} | {first_ratio:.2f}× | {ratio:.2f}× |")
    if len(ratios) > 1:
        print(f"| {name} | median | | | {statistics.median(firsts):.2f}× | {statistics.median(ratios):.2f}× |")

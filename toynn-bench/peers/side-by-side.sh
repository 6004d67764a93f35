#!/bin/bash
# ToyNN beside its Python peers, in the same run (README "Performance"): each round runs the peer
# protocol rows of ../shared/bench-peers and then `toynn bench --task all --json`, back to back, and
# appends every JSON line to $OUT/raw.jsonl; summary.py turns them into the README's table.
#   toynn-bench/peers/side-by-side.sh [ROUNDS]      (needs python3-numpy, python3-torch, python3-sklearn)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
PEERS=${PEERS:-$repo/../shared/bench-peers}
OUT=${OUT:-/tmp/toynn-side-by-side}
ROUNDS=${1:-1}
mkdir -p "$OUT"
export RESULTS_DIR="$OUT"
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3"
peer() { # label, script and flags
  local label=$1; shift
  echo "[$(date +%T)] round $round peer $label" >&2
  (cd "$PEERS" && $PY "$@" 2>>"$OUT/stderr.log") | sed "s/^{/{\"label\": \"$label\", \"round\": $round, /" >> "$OUT/raw.jsonl" || true
}
for round in $(seq 1 "$ROUNDS"); do
  peer t2-torch-b32 t2_torch.py --batch 32 --save "$OUT/t2_torch_sgd_b32.npz"
  peer t2-torch-b256 t2_torch.py --batch 256
  peer t2-sklearn-b32 t2_sklearn.py --batch 32 --alpha 0
  peer t2-sklearn-b256 t2_sklearn.py --batch 256 --alpha 0
  peer t1-numpy-f32 t1_numpy_rashid.py --dtype float32
  peer t1-numpy-f64 t1_numpy_rashid.py
  peer t1-torch t1_torch.py
  peer t3-torch t3_inference.py --peer torch --weights "$OUT/t2_torch_sgd_b32.npz"
  peer t3-numpy t3_inference.py --peer numpy --weights "$OUT/t2_torch_sgd_b32.npz"
  peer t4-numpy-batched t4_neuroevo.py --peer numpy --mode batched
  peer t4-torch-batched t4_neuroevo.py --peer torch --mode batched
  peer t4-numpy-loop t4_neuroevo.py --peer numpy --mode loop
  peer mm-numpy-1024 matmul.py --peer numpy --n 1024
  peer mm-torch-1024 matmul.py --peer torch --n 1024
  echo "[$(date +%T)] round $round toynn bench" >&2
  "$repo/toynn" bench --task all --json 2>>"$OUT/stderr.log" \
    | sed "s/^{/{\"label\": \"toynn\", \"round\": $round, /" >> "$OUT/raw.jsonl"
done
/usr/bin/python3 "$here/summary.py" "$OUT/raw.jsonl"

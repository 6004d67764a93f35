#!/usr/bin/env python3
"""Writes toynn-core/src/test/resources/reference/torch_fit.json: whole `fit` runs computed by PyTorch,
which toynn.train.TorchReferenceTest replays in ToyNN and compares weight by weight.

How to run (needs PyTorch >= 1.10 and NumPy; CI has neither, so the OUTPUT IS COMMITTED and the Java
test only reads it — rerun this script and commit its output whenever a case changes):

    /usr/bin/python3 toynn-core/src/test/python/torch_reference.py

The output is deterministic: initial weights and data come from a fixed NumPy seed and are written into
the JSON as float32 values, so ToyNN starts from exactly the same numbers.

Every case trains a small network for a few epochs on 24 examples of 4 inputs, WITHOUT shuffling, at
batch size 5 (so each epoch's last batch has 4 rows), and records the initial weights, the weights after
training and each epoch's mean training loss. The reference run is computed in float64 from the float32
starting values (the exact result of the definitions up to float64 rounding); the same run in float32 is
made too and its largest difference from the float64 run is recorded ("torchFloat32MaxDiff") as a
measure of how far an honest float32 implementation of the same arithmetic drifts.

ToyNN conventions and how torch is made to compute them (read from toynn-core's Loss, Trainer and
optimizer classes):
  * fit's gradient is the MEAN over the batch of the per-sample loss's gradient (Trainer: dW = dZᵀ·A/n,
    db = ΣdZ/n); the last, short batch is averaged over its own 4 rows. Here: loss = per-sample sum / n.
  * Loss.MSE is ½·Σ_j (t_j − a_j)² PER SAMPLE, summed over outputs (not averaged over them), then
    averaged over the batch. torch's MSELoss(mean) has no ½ and divides by n·outputs, so:
    0.5 · mse_loss(a, t, reduction='sum') / n.
  * Loss.CROSS_ENTROPY is softmax fused with −Σ t log a per sample, batch mean: cross_entropy(z, label,
    reduction='sum') / n (the same as torch's default 'mean' for class-index targets).
  * Loss.BINARY_CROSS_ENTROPY is sigmoid fused with −Σ_j [t log a + (1−t) log(1−a)] per sample, SUMMED
    over outputs, batch mean. torch's default mean divides by n·outputs, so:
    binary_cross_entropy_with_logits(z, t, reduction='sum') / n.
  * The epoch loss ToyNN reports (EpochEvent.trainLoss) is the per-sample loss summed over the epoch's
    batches, each taken before that batch's step, divided by the number of samples; weight decay's
    (λ/2)·ΣW² is not part of it. The same is recorded here.
  * Activations: leaky ReLU slope 0.01 and ELU α = 1 are torch's defaults (ActivationFunction); sigmoid,
    tanh, ReLU, linear as in torch.
  * Sgd: w ← w − lr·g = torch.optim.SGD(lr).
  * Momentum: v ← μ·v + g (v starts at 0, so v₁ = g), w ← w − lr·v = SGD(lr, momentum=μ, dampening=0),
    whose buffer starts as g.
  * Nesterov: v ← μ·v + g, w ← w − lr·(g + μ·v) = SGD(lr, momentum=μ, nesterov=True).
  * Adam: m̂/(√v̂ + ε) with bias correction, β₁ 0.9, β₂ 0.999, ε 1e-8 = torch.optim.Adam defaults (torch
    computes lr/(1−β₁ᵗ)·m/(√v/√(1−β₂ᵗ) + ε), the same quantity).
  * AdamW: w ← w − lr·(m̂/(√v̂+ε) + λ·w) with w before the step, on every array, biases included =
    torch.optim.AdamW(weight_decay=λ), which first multiplies w by (1 − lr·λ) then takes the Adam step.
  * RmsProp: s ← ρ·s + (1−ρ)·g², w ← w − lr·g/(√s + ε), ρ default 0.9 (torch's default alpha is 0.99),
    ε 1e-8 outside the root = RMSprop(lr, alpha=ρ, eps=1e-8, centered=False, momentum=0).
  * NetworkBuilder.weightDecay(λ): L2, loss + (λ/2)·ΣW² over the WEIGHTS ONLY (not biases), i.e. λ·W
    added to the gradient before the optimizer sees it. torch's SGD/Adam weight_decay=λ adds λ·w to the
    gradient of every parameter in its group, so weights and biases go in two parameter groups, the
    biases with weight_decay=0.
Nothing ToyNN has was left out for lack of a torch equivalent, except: MSE after softmax and the
unfused cross-entropies (ToyNN clamps outputs to [1e-7, 1 − 1e-7] inside the log there, as Keras does;
torch has no such clamp) and dropout (random masks from ToyNN's own generator).
"""

import json
import os

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20240611
N, INPUTS = 24, 4
BATCH = 5
EPOCHS = 5
KINK_MARGIN = 1e-5   # |z| at ReLU/leaky-ReLU kinks stays above this (float32 rounding of z is ~1e-7), so no branch flips

OUT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "reference", "torch_fit.json")

ACT = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "elu": lambda z: F.elu(z, 1.0),
    "linear": lambda z: z,
}
KINKED = {"relu", "leaky_relu"}

# name, hidden layers [(units, activation)], output (units, activation), loss, targets, optimizer, weightDecay
CASES = [
    ("sgd_mse_sigmoid", [(6, "sigmoid")], (2, "sigmoid"), "mse", "regression2",
     {"name": "sgd", "learningRate": 0.5}, 0.0),
    ("sgd_cross_entropy_relu_relu", [(8, "relu"), (6, "relu")], (3, "softmax"), "cross_entropy", "onehot3",
     {"name": "sgd", "learningRate": 0.2}, 0.0),
    ("adam_mse_tanh_linear", [(6, "tanh")], (2, "linear"), "mse", "regression2",
     {"name": "adam", "learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}, 0.0),
    ("nesterov_cross_entropy_relu", [(6, "relu")], (3, "softmax"), "cross_entropy", "onehot3",
     {"name": "nesterov", "learningRate": 0.05, "momentum": 0.9}, 0.0),
    # BCE with a plain-gradient optimizer: Adam and RMSProp hardly see a constant factor in the loss
    ("momentum_bce_leaky_relu_elu", [(6, "leaky_relu"), (5, "elu")], (2, "sigmoid"), "binary_cross_entropy",
     "binary2", {"name": "momentum", "learningRate": 0.05, "momentum": 0.9}, 0.0),
    ("adamw_cross_entropy_elu", [(6, "elu")], (3, "softmax"), "cross_entropy", "onehot3",
     {"name": "adamw", "learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "decay": 0.1}, 0.0),
    ("rmsprop_mse_sigmoid_linear", [(6, "sigmoid")], (1, "linear"), "mse", "regression1",
     {"name": "rmsprop", "learningRate": 0.005, "rho": 0.9, "epsilon": 1e-8}, 0.0),
    ("sgd_l2_cross_entropy_tanh", [(6, "tanh")], (3, "softmax"), "cross_entropy", "onehot3",
     {"name": "sgd", "learningRate": 0.2}, 0.05),
    # ε large enough next to √v̂ (gradients ~0.01–0.1) that its place (outside the root) and the betas matter
    ("adam_l2_eps_mse_tanh_sigmoid", [(6, "tanh")], (2, "sigmoid"), "mse", "regression2",
     {"name": "adam", "learningRate": 0.02, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-3}, 0.05),
    ("rmsprop_eps_cross_entropy_tanh", [(6, "tanh")], (3, "softmax"), "cross_entropy", "onehot3",
     {"name": "rmsprop", "learningRate": 0.01, "rho": 0.8, "epsilon": 1e-3}, 0.0),
]


def f32(x):
    """The shortest decimal that reads back as the same float32 (as Float.parseFloat reads it)."""
    return float(np.format_float_positional(np.float32(x), unique=True, trim="-"))


def f32list(a):
    return [f32(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def make_data(rng):
    x = rng.normal(0.0, 1.0, (N, INPUTS)).astype(np.float32)
    a = rng.normal(0.0, 1.0, (INPUTS, 3))
    scores = x.astype(np.float64) @ a
    labels = scores.argmax(axis=1)
    onehot = np.eye(3, dtype=np.float32)[labels]
    regression2 = np.stack([(np.tanh(scores[:, 0] * 0.5) + 1) / 2, 1 / (1 + np.exp(-scores[:, 1]))], axis=1)
    regression2 = (regression2 * 0.8 + 0.1).astype(np.float32)     # inside (0, 1): also a sigmoid target
    regression1 = (scores[:, 2:3] * 0.7 + 0.3).astype(np.float32)
    binary2 = np.stack([scores[:, 0] > 0, scores[:, 1] > scores[:, 2]], axis=1).astype(np.float32)
    return x, {"regression2": regression2, "regression1": regression1, "onehot3": onehot, "binary2": binary2}


def init_layers(rng, sizes):
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))                    # Glorot uniform
        w = rng.uniform(-limit, limit, (fan_out, fan_in)).astype(np.float32)
        b = rng.uniform(-0.1, 0.1, fan_out).astype(np.float32)
        layers.append((w, b))
    return layers


def make_optimizer(spec, weights, biases, weight_decay):
    groups = [{"params": weights, "weight_decay": weight_decay}, {"params": biases, "weight_decay": 0.0}]
    lr = spec["learningRate"]
    name = spec["name"]
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(groups, lr=lr, momentum=spec["momentum"], dampening=0.0)
    if name == "nesterov":
        return torch.optim.SGD(groups, lr=lr, momentum=spec["momentum"], dampening=0.0, nesterov=True)
    if name == "adam":
        return torch.optim.Adam(groups, lr=lr, betas=(spec["beta1"], spec["beta2"]), eps=spec["epsilon"])
    if name == "adamw":
        assert weight_decay == 0.0, "AdamW's decay is its own; no L2 on top in these cases"
        for g in groups:
            g["weight_decay"] = spec["decay"]                          # decoupled, biases included
        return torch.optim.AdamW(groups, lr=lr, betas=(spec["beta1"], spec["beta2"]), eps=spec["epsilon"])
    if name == "rmsprop":
        return torch.optim.RMSprop(groups, lr=lr, alpha=spec["rho"], eps=spec["epsilon"], momentum=0.0,
                                   centered=False)
    raise ValueError(name)


def loss_sum(loss, z, t):
    """The per-sample loss summed over the rows of z (ToyNN's Loss.sum)."""
    if loss == "mse":
        return 0.5 * F.mse_loss(z, t, reduction="sum")
    if loss == "cross_entropy":
        return F.cross_entropy(z, t.argmax(dim=1), reduction="sum")
    if loss == "binary_cross_entropy":
        return F.binary_cross_entropy_with_logits(z, t, reduction="sum")
    raise ValueError(loss)


def train(layers, acts, out_act, loss, x, t, spec, weight_decay, dtype):
    """Runs fit; returns the final (w, b) per layer, the epoch losses and the smallest |z| at a kink."""
    ws = [torch.tensor(w, dtype=dtype, requires_grad=True) for w, _ in layers]
    bs = [torch.tensor(b, dtype=dtype, requires_grad=True) for _, b in layers]
    opt = make_optimizer(spec, ws, bs, weight_decay)
    xs = torch.tensor(x, dtype=dtype)
    ts = torch.tensor(t, dtype=dtype)
    margin = float("inf")
    epoch_losses = []
    for _ in range(EPOCHS):
        total = 0.0
        for start in range(0, N, BATCH):
            xb, tb = xs[start:start + BATCH], ts[start:start + BATCH]
            n = xb.shape[0]
            a = xb
            for l, (w, b) in enumerate(zip(ws, bs)):
                z = a @ w.T + b
                if l < len(ws) - 1:
                    if acts[l] in KINKED:
                        margin = min(margin, z.detach().abs().min().item())
                    a = ACT[acts[l]](z)
            if loss == "mse" and out_act != "linear":
                z = ACT[out_act](z)                                   # MSE on the activated output
            s = loss_sum(loss, z, tb)
            total += s.item()
            opt.zero_grad()
            (s / n).backward()                                        # the batch mean
            opt.step()
        epoch_losses.append(total / N)
    final = [(w.detach().numpy(), b.detach().numpy()) for w, b in zip(ws, bs)]
    return final, epoch_losses, margin


def main():
    rng = np.random.default_rng(SEED)
    x, targets = make_data(rng)
    cases = []
    for name, hidden, (out_units, out_act), loss, target_name, spec, weight_decay in CASES:
        t = targets[target_name]
        assert t.shape[1] == out_units, name
        sizes = [INPUTS] + [u for u, _ in hidden] + [out_units]
        acts = [a for _, a in hidden] + [out_act]
        layers = init_layers(rng, sizes)
        final, losses, margin = train(layers, acts, out_act, loss, x, t, spec, weight_decay, torch.float64)
        final32, _, _ = train(layers, acts, out_act, loss, x, t, spec, weight_decay, torch.float32)
        if margin < KINK_MARGIN:
            raise SystemExit(f"{name}: a pre-activation came within {margin} of a ReLU kink; change the seed")
        diff32 = max(float(np.max(np.abs(a64 - a32.astype(np.float64))))
                     for (w64, b64), (w32, b32) in zip(final, final32) for a64, a32 in ((w64, w32), (b64, b32)))
        moved = max(float(np.max(np.abs(w1 - w0))) for (w0, _), (w1, _) in zip(layers, final))
        cases.append({
            "name": name,
            "loss": loss,
            "targets": target_name,
            "optimizer": spec,
            "weightDecay": weight_decay,
            "epochs": EPOCHS,
            "batchSize": BATCH,
            "layers": [{"units": int(w.shape[0]), "activation": a, "weights": f32list(w), "bias": f32list(b)}
                       for (w, b), a in zip(layers, acts)],
            "final": [{"weights": f32list(w), "bias": f32list(b)} for w, b in final],
            "epochLoss": [float(v) for v in losses],
            "torchFloat32MaxDiff": diff32,
        })
        print(f"{name:32s} loss {losses[0]:.5f} -> {losses[-1]:.5f}  max|Δw| {moved:.3f}  "
              f"float32 vs float64 {diff32:.2e}  kink margin {margin:.2e}")
    out = {
        "generator": "toynn-core/src/test/python/torch_reference.py",
        "torch": torch.__version__.split("+")[0],
        "seed": SEED,
        "inputs": [f32list(row) for row in x],
        "targets": {k: [f32list(row) for row in v] for k, v in targets.items()},
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w") as fh:                                   # one line per key and per case
        head = ",\n".join(json.dumps({k: v})[1:-1] for k, v in out.items() if k != "cases")
        fh.write("{" + head + ',\n"cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "\n]}\n")
    print(f"wrote {os.path.normpath(OUT_PATH)} ({os.path.getsize(OUT_PATH)} bytes)")


if __name__ == "__main__":
    main()

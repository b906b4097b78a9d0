"""Times Python micrograd on the moons demo's training step, for jgrad.bench.SameRunRace.

Usage: MICROGRAD_PATH=/path/to/micrograd python3 micrograd_moons.py DATA WARMUP STEPS

DATA is jgrad-bench's moons_demo.txt (sections "name count", then rows of numbers): the inputs,
labels, initial parameters and reference losses. This script only drives micrograd, imported from
MICROGRAD_PATH; it builds the step as micrograd's demo.ipynb does (MLP(2, [16, 16, 1]), max-margin
loss plus 1e-4 * sum(p*p), SGD with lr = 1 - 0.9 k / 100), checks every loss against the reference
to 1e-9, and prints one line per step: "step K WALL_MS LOSS CPU_MS" (CPU_MS: this thread's CPU time).
"""
import os
import sys
import time


def read_sections(path):
    sections, name, left, rows = {}, None, 0, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if left == 0:
                name, count = line.split()
                left, rows = int(count), []
                sections[name] = rows
            else:
                rows.append([float(t) for t in line.split()])
                left -= 1
    return sections


def main():
    path, warmup, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sys.path.insert(0, os.environ["MICROGRAD_PATH"])
    from micrograd.engine import Value
    from micrograd.nn import MLP

    data = read_sections(path)
    X = data["X"]
    y = [r[0] for r in data["y"]]
    initial = [r[0] for r in data["initial_parameters"]]
    reference = [r[0] for r in data["loss"]]

    model = MLP(2, [16, 16, 1])
    parameters = model.parameters()
    if len(parameters) != len(initial):
        sys.exit(f"micrograd's MLP has {len(parameters)} parameters, the data file {len(initial)}")
    for p, v in zip(parameters, initial):
        p.data = v

    def loss():
        inputs = [list(map(Value, row)) for row in X]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = 1e-4 * sum((p * p for p in model.parameters()))
        return data_loss + reg_loss

    for k in range(warmup + steps):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        total = loss()
        model.zero_grad()
        total.backward()
        rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= rate * p.grad
        ms = (time.perf_counter() - t0) * 1e3
        cpu = (time.thread_time() - c0) * 1e3
        if abs(total.data - reference[k]) > 1e-9 * max(1.0, abs(reference[k])):
            sys.exit(f"micrograd step {k}: loss {total.data!r} differs from the reference {reference[k]!r}")
        print(f"step {k} {ms:.3f} {total.data!r} {cpu:.3f}", flush=True)


if __name__ == "__main__":
    main()

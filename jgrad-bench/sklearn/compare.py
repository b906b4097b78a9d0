#!/usr/bin/python3
"""jgrad train against scikit-learn's MLPClassifier/MLPRegressor on the same splits (issue 13).

Run from the repository root with Debian's scikit-learn 1.2.1 (not a test; takes a few minutes):

    /usr/bin/python3 jgrad-bench/sklearn/compare.py [--only iris,diabetes] [--repeat 3]

For each table it writes train.csv and test.csv (80/20, shuffled with seed 0) under
jgrad-out/sklearn-bench/, then runs, as separate processes and timed from outside:
  * ./jgrad train --csv train.csv ... --val-split 0, then ./jgrad predict on test.csv (the score);
  * this script's "fit" mode: read the same CSVs, StandardScaler on the features (and, for
    regression, on the target, as jgrad standardises both), MLP fit, score on test.csv.
Same hidden layers, epochs, batch size, Adam with the same learning rate and betas, no L2
(--l2 0, alpha=0), no early stopping (n_iter_no_change = epochs). Reported: held-out accuracy or
R², jgrad's whole `train` command time, scikit-learn's fit time and its whole command time.
"""
import argparse
import csv
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "jgrad-out", "sklearn-bench")

# name: (task, hidden layers, epochs, batch)
TABLES = {
    "iris": ("classification", "64", 200, 32),
    "wine": ("classification", "64", 200, 32),
    "breast_cancer": ("classification", "64", 100, 32),
    "digits": ("classification", "64", 30, 32),
    "diabetes": ("regression", "64", 200, 32),
    "synthetic_100k": ("classification", "64,64", 10, 256),
}
LR = 0.001


def load(name):
    import numpy as np
    from sklearn import datasets
    if name == "synthetic_100k":
        x, y = datasets.make_classification(n_samples=100_000, n_features=20, n_informative=10, n_redundant=4,
                                            n_classes=3, random_state=0)
    else:
        x, y = getattr(datasets, "load_" + name)(return_X_y=True)
    rng = np.random.RandomState(0)
    order = rng.permutation(len(y))
    cut = int(round(0.8 * len(y)))
    return x[order[:cut]], y[order[:cut]], x[order[cut:]], y[order[cut:]]


def write(path, x, y, task):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["f%d" % j for j in range(x.shape[1])] + ["y"])
        for row, t in zip(x, y):
            w.writerow([repr(float(v)) for v in row] + [int(t) if task == "classification" else repr(float(t))])


def read(path):
    import numpy as np
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1]


def fit_mode(train_csv, test_csv, task, layers, epochs, batch):
    """One scikit-learn run in its own process; prints 'fit_seconds score'."""
    import warnings
    from sklearn.compose import TransformedTargetRegressor
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    warnings.simplefilter("ignore", ConvergenceWarning)
    x, y = read(train_csv)
    tx, ty = read(test_csv)
    sizes = tuple(int(s) for s in layers.split(","))
    common = dict(hidden_layer_sizes=sizes, activation="relu", solver="adam", alpha=0.0, batch_size=batch,
                  learning_rate_init=LR, beta_1=0.9, beta_2=0.999, epsilon=1e-8, max_iter=epochs,
                  n_iter_no_change=epochs + 1, tol=0.0, shuffle=True, random_state=0)
    if task == "classification":
        model = make_pipeline(StandardScaler(), MLPClassifier(**common))
    else:
        model = TransformedTargetRegressor(make_pipeline(StandardScaler(), MLPRegressor(**common)),
                                           transformer=StandardScaler())
    start = time.perf_counter()
    model.fit(x, y)
    fit = time.perf_counter() - start
    print("%.4f %.4f" % (fit, model.score(tx, ty)))


def timed(cmd):
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd), p.stdout, p.stderr))
    return wall, p


def jgrad_run(name, task, layers, epochs, batch, train_csv, test_csv):
    out = os.path.join(OUT, name + "-model")
    cmd = ["./jgrad", "train", "--csv", train_csv, "--label", "y", "--task", task, "--layers", layers,
           "--epochs", str(epochs), "--batch", str(batch), "--optimizer", "adam", "--lr", str(LR), "--l2", "0",
           "--val-split", "0", "--seed", "0", "--quiet", "--force", "--out", out]
    wall, _ = timed(cmd)
    _, p = timed(["./jgrad", "predict", "--model", os.path.join(out, "model.json"), "--label", "y", test_csv,
                  "-o", os.path.join(OUT, name + "-predictions.csv")])
    line = p.stderr.strip().splitlines()[-1]
    if task == "classification":
        right, total = line.split("(")[1].split(")")[0].split("/")   # "accuracy 96.7% (29/30) ..."
        score = int(right) / int(total)
    else:
        score = float(line.split()[1])                     # "R² 0.4712  MAE ..."
    return wall, score, " ".join(cmd[1:]).replace(ROOT + "/", "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default=",".join(TABLES))
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per side; the median is reported")
    ap.add_argument("--fit", nargs=6, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.fit:
        fit_mode(a.fit[0], a.fit[1], a.fit[2], a.fit[3], int(a.fit[4]), int(a.fit[5]))
        return
    os.makedirs(OUT, exist_ok=True)
    subprocess.run(["./jgrad", "--version"], cwd=ROOT, capture_output=True)   # build once, outside the timings
    rows = []
    for name in a.only.split(","):
        task, layers, epochs, batch = TABLES[name]
        x, y, tx, ty = load(name)
        train_csv = os.path.join(OUT, name + "-train.csv")
        test_csv = os.path.join(OUT, name + "-test.csv")
        write(train_csv, x, y, task)
        write(test_csv, tx, ty, task)
        jw, js, sw, sf, ss = [], None, [], [], None
        for _ in range(a.repeat):
            wall, js, jcmd = jgrad_run(name, task, layers, epochs, batch, train_csv, test_csv)
            jw.append(wall)
            wall, p = timed([sys.executable, os.path.abspath(__file__), "--fit", train_csv, test_csv, task, layers,
                             str(epochs), str(batch)])
            fit, ss = (float(v) for v in p.stdout.split())
            sw.append(wall)
            sf.append(fit)
        rows.append((name, "%dx%d" % x.shape, task, layers, epochs, batch, js, ss, statistics.median(jw),
                     statistics.median(sf), statistics.median(sw)))
        print(rows[-1], file=sys.stderr)
    metric = {"classification": "accuracy", "regression": "R²"}
    print("| table | train rows x features | task | layers | epochs | batch | jgrad score | sklearn score | "
          "gap | jgrad train (whole command) s | sklearn fit s | sklearn whole command s | jgrad / sklearn fit |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| %s | %s | %s (%s) | %s | %d | %d | %.4f | %.4f | %+.4f | %.2f | %.2f | %.2f | %.2f |" % (
            r[0], r[1], r[2], metric[r[2]], r[3], r[4], r[5], r[6], r[7], r[6] - r[7], r[8], r[9], r[10],
            r[8] / r[9]))


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Executes docs/lecture/lecture.ipynb on the jgrad kernel with `jupyter nbconvert --execute` and checks
# the lecture's numbers in its outputs; a cell that fails makes nbconvert fail. Skips, saying why,
# when Jupyter (nbconvert with jupyter_client) is not installed. Used by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
jupyter_bin="$(command -v jupyter || true)"
if [ -z "$jupyter_bin" ] || ! "$jupyter_bin" nbconvert --version >/dev/null 2>&1; then
  echo "notebook: skipped: jupyter nbconvert is not installed (Debian: apt-get install jupyter-nbconvert python3-nbclient)"
  exit 0
fi
py="$(head -n 1 "$jupyter_bin" | sed -n 's/^#!//p')"
if ! ${py:-python3} -c 'import jupyter_client, nbclient' 2>/dev/null; then
  echo "notebook: skipped: jupyter_client and nbclient are missing for $py (Debian: python3-jupyter-client python3-nbclient)"
  exit 0
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/jgrad-notebook.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$root/docs/lecture/jupyter/install-kernel.sh" "$work/jupyter" >/dev/null
JUPYTER_PATH="$work/jupyter" "$jupyter_bin" nbconvert --to notebook --execute \
  --ExecutePreprocessor.timeout=300 --output "$work/out.ipynb" "$root/docs/lecture/lecture.ipynb" 2>&1 \
  | grep -v -e 'SLF4J' -e 'Using incubator modules' || true
[ -f "$work/out.ipynb" ] || { echo "notebook: FAILED: nbconvert wrote no notebook"; exit 1; }
for expected in 'f(3) = 20.0, slope ~ 14.003' 'L = -8.0; a.grad = 6.0, b.grad = -4.0, c.grad = -2.0, f.grad = 4.0' \
                'o = 0.7071; x1.grad = -1.5000, w1.grad = 1.0000, x2.grad = 0.5000, w2.grad = 0.0000, b.grad = 0.5000' \
                'parameters: 41, loss after 20 steps: 0.0'; do
  grep -qF "$expected" "$work/out.ipynb" || { echo "notebook: FAILED: no output '$expected'"; exit 1; }
done
if grep -q '"output_type": "error"' "$work/out.ipynb"; then
  echo "notebook: FAILED: a cell raised an error"; exit 1
fi
echo "notebook: docs/lecture/lecture.ipynb executed on the jgrad kernel; the lecture's numbers are in its outputs"

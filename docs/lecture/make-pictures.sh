#!/usr/bin/env bash
# Regenerates the lecture's pictures (docs/lecture/img/NAME.dot and NAME.svg) with jgrad's own
# `graph` command, from the list in pictures.txt. Needs Graphviz's `dot` for the SVGs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
while read -r name args; do
  case "$name" in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086
  "$root/jgrad" graph $args --format dot -o "$here/img/$name.dot" >/dev/null
  # shellcheck disable=SC2086
  "$root/jgrad" graph $args --format svg -o "$here/img/$name.svg"
done < "$here/pictures.txt"

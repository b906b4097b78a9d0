#!/usr/bin/env bash
# Refreshes the vendored front-end libraries of the playground from the npm registry, at the
# versions pinned in package.json and package-lock.json. Not part of the build: the copies it makes
# are committed, so that building jgrad needs no npm and the page fetches nothing off the machine.
#   cd jgrad-playground/frontend && ./refresh-vendor.sh
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
web=../src/main/resources/jgrad/playground/web
cp node_modules/d3/dist/d3.min.js "$web/d3.min.js"
cp node_modules/@viz-js/viz/dist/viz-global.js "$web/viz-standalone.js"
d3v=$(node -p 'require("./node_modules/d3/package.json").version')
vizv=$(node -p 'require("./node_modules/@viz-js/viz/package.json").version')
{
  echo "Third-party software served by the jgrad playground (vendored from the npm registry)"
  echo
  echo "== d3.min.js: d3 $d3v (ISC license) =="
  cat node_modules/d3/LICENSE
  echo
  echo "== viz-standalone.js: @viz-js/viz $vizv (dist/viz-global.js; MIT license) =="
  echo "Copyright (c) Michael Daines. Permission is hereby granted, free of charge, to any person obtaining a copy"
  echo "of this software and associated documentation files (the \"Software\"), to deal in the Software without"
  echo "restriction, under the terms of the MIT license: https://opensource.org/license/mit"
  echo "It contains in object code form Graphviz (Eclipse Public License 1.0, https://www.graphviz.org)"
  echo "and Expat (MIT license, https://libexpat.github.io)."
} > "$web/LICENSES.txt"
echo "vendored d3 $d3v and @viz-js/viz $vizv into $web"

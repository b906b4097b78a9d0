#!/usr/bin/env bash
# Installs the jgrad Jupyter kernel (JShell with jgrad) for this user, or into $1 (a Jupyter data
# folder, e.g. a temporary JUPYTER_PATH entry as .ci/run uses): builds jgrad-jupyter/target/jgrad-kernel.jar
# and writes kernels/jgrad/kernel.json pointing at it. Then: jupyter notebook docs/lecture/lecture.ipynb
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
data="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}"
jar="$root/jgrad-jupyter/target/jgrad-kernel.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -q -B -ntp -DskipTests -pl jgrad-jupyter -am package)
fi
java_bin="$(command -v java)"
mkdir -p "$data/kernels/jgrad"
cat > "$data/kernels/jgrad/kernel.json" <<JSON
{
  "argv": ["$java_bin", "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector", "-jar", "$jar", "{connection_file}"],
  "display_name": "Java (jgrad)",
  "language": "java",
  "interrupt_mode": "message"
}
JSON
echo "installed the jgrad kernel: $data/kernels/jgrad/kernel.json"

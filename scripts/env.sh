# Sourced by the other scripts: puts the temporal CLI that install-deps.sh may have installed on PATH.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -x "$root/.local/tools/venv/bin/temporal" ]; then
  export PATH="$root/.local/tools/venv/bin:$PATH"
fi
export TEMPORAL_CLI=${TEMPORAL_CLI:-$(command -v temporal || true)}

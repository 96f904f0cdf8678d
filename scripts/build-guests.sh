#!/usr/bin/env bash
# Builds the bare-metal test guests of one board: test/guests/<arch>/<name>.{c,S} (each guest is
# the files sharing its name) plus common/{start.S,lib.c} and the shared ../common/print.c →
# test/guests/<arch>/<name>.elf.
#
#   scripts/build-guests.sh mips|ppc [name...]      (default: every guest)
#
# Uses Debian's cross gcc (installed with apt-get when missing; needs root). The toolchain
# versions go to test/guests/<arch>/BUILD-INFO. Flags:
#   mips: MIPS32r2 little-endian, no PIC/abicalls, no libc, linked at 0x80100000
#     (common/guest.ld). -mno-fix-loongson3-llsc keeps gas from inserting a `sync` before every
#     `ll` (Debian's default Loongson-3 erratum workaround), so ll/sc tests run exactly the
#     instructions written. -mno-check-zero-division keeps compiler-inserted `teq` out of the
#     code. -G0: no $gp-relative data, so no $gp set-up.
#   ppc: -mcpu=440, big-endian, no libc, soft float, no small-data area (-msdata=none -G0: no
#     r2/r13 set-up), linked at physical = virtual 0x00100000 (common/guest.ld), inside the
#     initial TLB entry QEMU's bamboo loader creates.
set -euo pipefail
arch=${1:-}
case "$arch" in
  mips)
    triple=mipsel-linux-gnu
    CFLAGS=(-march=mips32r2 -EL -mno-abicalls -fno-pic -G0 -O2 -ffreestanding -fno-builtin
      -fno-stack-protector -fno-asynchronous-unwind-tables -mno-check-zero-division -msoft-float
      -Wa,-mno-fix-loongson3-llsc -Wall -Werror -I.)
    LDFLAGS=(-nostdlib -static -T common/guest.ld -Wl,--build-id=none -Wl,-z,max-page-size=0x1000)
    ;;
  ppc)
    triple=powerpc-linux-gnu
    CFLAGS=(-mcpu=440 -mbig-endian -msoft-float -msdata=none -G0 -O2 -ffreestanding -fno-builtin
      -fno-stack-protector -fno-asynchronous-unwind-tables -fno-pic -Wall -Werror -I.)
    LDFLAGS=(-nostdlib -static -no-pie -T common/guest.ld -Wl,--build-id=none -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments)
    ;;
  *) echo "usage: scripts/build-guests.sh mips|ppc [name...]" >&2; exit 2 ;;
esac
shift
cd "$(dirname "$0")/../test/guests/$arch"

CC=$triple-gcc
if ! command -v "$CC" >/dev/null 2>&1; then
  echo "installing gcc-$triple..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "gcc-$triple" >&2
fi

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
  # <name>.cflags: extra flags for the guest's own sources (gdb: -g -O0, for the GDB tests).
  extra=()
  [ -f "$name.cflags" ] && read -r -a extra < "$name.cflags"
  objs=()
  for src in common/start.S common/lib.c ../common/print.c "${srcs[@]}"; do
    obj="$tmp/$(echo "$src" | tr / _).o"
    flags=("${CFLAGS[@]}")
    case " ${srcs[*]} " in *" $src "*) flags+=("${extra[@]}") ;; esac
    "$CC" "${flags[@]}" -c -o "$obj" "$src"
    objs+=("$obj")
  done
  "$CC" "${CFLAGS[@]}" "${LDFLAGS[@]}" -o "$name.elf" "${objs[@]}" -lgcc
  echo "built $name.elf ($(stat -c %s "$name.elf") bytes)"
done

{
  echo "# Toolchain that built the committed *.elf (scripts/build-guests.sh $arch)"
  "$CC" --version | head -1
  "$triple-as" --version | head -1
  "$triple-ld" --version | head -1
} > BUILD-INFO

#!/usr/bin/env python3
"""QEMU 7.2's answers to the shell test's commands (test/guests/shell/commands.txt), for
test/guests/shell.test.ts: boots each board's shell initrd from ../shared/guests with the command
line `isagen run` uses, sends the commands on QEMU's stdin one at a time, each once the
shell has printed its prompt (QEMU feeds its UART as soon as there is room: input sent during the
boot is lost in the 8250 driver's FIFO resets, and ash takes typed-ahead bytes as the answer to
its cursor query), and writes the console transcript to
test/guests/shell/qemu-<board>.log.

    scripts/qemu-shell.py [bamboo|malta]...   (default: both; needs qemu-system-ppc/-mipsel)
"""
import os, subprocess, sys, time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
G = os.path.join(ROOT, "..", "shared", "guests")
CMDS = os.path.join(ROOT, "test", "guests", "shell", "commands.txt")
BOARDS = {
    "bamboo": (["qemu-system-ppc", "-M", "bamboo", "-m", "256", "-kernel", f"{G}/ppc440-bamboo/vmlinux-6.1.192-bamboo",
                "-initrd", f"{G}/ppc440-bamboo/initrd-shell.gz"], b"System Halted", 60),
    "malta": (["qemu-system-mipsel", "-M", "malta", "-m", "256", "-kernel", f"{G}/mips-malta/vmlinuz-6.1.0-50-4kc-malta",
               "-initrd", f"{G}/mips-malta/initrd-shell.gz"], b"reboot: Power down", 300),
}
COMMON = ["-append", "console=ttyS0 panic=-1", "-nographic", "-no-reboot"]

def run(board):
    cmd, end, limit = BOARDS[board]
    p = subprocess.Popen(cmd + COMMON, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    os.set_blocking(p.stdout.fileno(), False)
    out, t0 = b"", time.time()
    todo = list(open(CMDS, "rb"))
    mark = 0  # where to look for the next prompt
    while time.time() - t0 < limit and p.poll() is None:
        chunk = p.stdout.read() or b""
        out += chunk
        # Like a person: each command once the shell has printed its prompt.
        if todo and b"GUEST-SHELL-READY" in out and b"/ # " in out[mark:]:
            time.sleep(1.0)
            out += p.stdout.read() or b""
            p.stdin.write(todo.pop(0)); p.stdin.flush()
            mark = len(out)
        if end in out:
            time.sleep(0.5); out += p.stdout.read() or b""
            break
        if not chunk: time.sleep(0.05)
    if p.poll() is None: p.kill()
    p.wait()
    path = os.path.join(ROOT, "test", "guests", "shell", f"qemu-{board}.log")
    open(path, "wb").write(out)
    lines = out.count(b"\n")
    print(f"{path}: {lines} lines, {'ended' if end in out else 'TIMED OUT'}")

for b in sys.argv[1:] or ["bamboo", "malta"]:
    run(b)

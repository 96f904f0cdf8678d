#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and plays a script against it, for the console tests.

    pty-run.py SCRIPT_JSON -- command args...

SCRIPT_JSON is a list of steps [wait_for, send]: wait until the output contains wait_for (a
string; "" for none), then write send (a string; may hold control characters) to the terminal.
Prints one JSON object: the exit status, the output, and the terminal's mode (ICANON, ECHO,
ISIG as set) before the run, after the first step's wait (while the command runs) and after it
exits. Times out after 120 s.
"""
import json, os, select, subprocess, sys, termios, time

def mode(fd):
    lflag = termios.tcgetattr(fd)[3]
    return {"icanon": bool(lflag & termios.ICANON), "echo": bool(lflag & termios.ECHO), "isig": bool(lflag & termios.ISIG)}

script = json.loads(sys.argv[1])
cmd = sys.argv[sys.argv.index("--") + 1:]
master, slave = os.openpty()
before = mode(slave)
full_before = termios.tcgetattr(slave)
p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                     preexec_fn=lambda: __import__("fcntl").ioctl(0, termios.TIOCSCTTY, 0))
out = b""
during = None
deadline = time.time() + 120

def pump(timeout):
    global out
    r, _, _ = select.select([master], [], [], timeout)
    if r:
        try:
            out += os.read(master, 65536)
        except OSError:
            pass

for i, (wait_for, send) in enumerate(script):
    while wait_for and wait_for.encode() not in out and time.time() < deadline and p.poll() is None:
        pump(0.1)
    if i == 0:
        time.sleep(0.3)
        during = mode(slave)
    os.write(master, send.encode("latin1"))
    time.sleep(0.2)
while p.poll() is None and time.time() < deadline:
    pump(0.1)
if p.poll() is None:
    p.kill()
pump(0.2)
after = mode(slave)
print(json.dumps({"status": p.wait(), "output": out.decode("latin1"), "before": before, "during": during,
                  "after": after, "restored": termios.tcgetattr(slave) == full_before}))

#!/usr/bin/env python3
"""ontty.py TRANSCRIPT PROMPT ANSWER CMD [ARG...] - run CMD on a terminal.

CMD runs in a new session whose controlling terminal is a fresh
pseudo-terminal; its standard input is /dev/null and its standard output
and error are this script's, so only what CMD writes to /dev/tty reaches
the terminal.  Everything the terminal shows is saved to TRANSCRIPT (what
the line discipline echoes of the typing included).  When the terminal
has shown PROMPT, ANSWER and a newline are typed, once.  Bounded: CMD is
killed after 60 seconds.  Exits with CMD's status (124 when killed, 125
when PROMPT never came).
"""
import fcntl
import os
import select
import subprocess
import sys
import termios
import time

transcript, prompt, answer = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
master, slave = os.openpty()


def own_terminal():
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)


child = subprocess.Popen(sys.argv[4:], stdin=subprocess.DEVNULL, pass_fds=(slave,),
                         preexec_fn=own_terminal)
os.close(slave)
seen, typed, deadline = b"", False, time.monotonic() + 60
while True:
    if time.monotonic() > deadline:
        child.kill()
        break
    ready, _, _ = select.select([master], [], [], 0.2)
    if ready:
        try:
            data = os.read(master, 4096)
        except OSError:     # EIO: the terminal's last holder has gone
            data = b""
        seen += data
        if not typed and prompt in seen:
            os.write(master, answer + b"\n")
            typed = True
        if not data and child.poll() is not None:
            break
    elif child.poll() is not None:
        break
rc = child.wait()
os.close(master)
with open(transcript, "wb") as f:
    f.write(seen)
sys.exit(124 if rc < 0 else 125 if not typed and rc == 0 else rc)

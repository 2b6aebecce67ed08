#!/usr/bin/env python3
"""Names the code a running lbtop has touched, in link order, for lld's --symbol-ordering-file.

Usage: touched-functions.py PID LINK_MAP > link-order.txt

Reads which pages of the executable's mapping are resident (/proc/PID/pagemap) and, from the lld
link map of that same binary, every input .text section lying on one of them. A function section
(`.text.NAME`) is named by its symbol; a whole-file `.text` by the first of its symbols on a
resident page (lld moves the section holding a listed symbol). Only meaningful when the binary's
pages were evicted from the page cache and read-ahead was off before it started (see
link-order.sh): then resident pages are exactly the pages it ran or read.
"""
import os
import re
import struct
import sys

pid, map_path = sys.argv[1], sys.argv[2]
executable = os.path.realpath(f"/proc/{pid}/exe")
mappings = [line.split() for line in open(f"/proc/{pid}/maps") if line.split()[-1] == executable]
if not mappings:
    sys.exit(f"touched-functions: no lbtop mapping in process {pid}")
base = int(mappings[0][0].split("-")[0], 16) - int(mappings[0][2], 16)

resident = set()
with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
    for mapping in mappings:
        low, high = (int(x, 16) for x in mapping[0].split("-"))
        pagemap.seek(low // 4096 * 8)
        entries = pagemap.read((high - low) // 4096 * 8)
        for i in range((high - low) // 4096):
            if struct.unpack_from("<Q", entries, i * 8)[0] >> 63:
                resident.add((low - base) // 4096 + i)

def on_resident_page(address, size):
    return any(page in resident for page in range(address // 4096, (address + max(size, 1) - 1) // 4096 + 1))

section = re.compile(r"^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+\S.*:\((\.text(?:\.\S+)?)\)$")
symbol = re.compile(r"^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+(\S+)$")
names = []
whole_file_text = None   # (address, size, named) of the current `.text` input section
for line in open(map_path):
    if ":(" in line:   # an input section
        whole_file_text = None
        match = section.match(line)
        if not match:
            continue
        address, size, name = int(match.group(1), 16), int(match.group(2), 16), match.group(3)
        if name == ".text":
            whole_file_text = [address, size, False]
        elif on_resident_page(address, size):
            names.append(name[len(".text."):])
    elif whole_file_text and not whole_file_text[2]:
        match = symbol.match(line)
        if match and on_resident_page(int(match.group(1), 16), int(match.group(2), 16)):
            names.append(match.group(3))
            whole_file_text[2] = True
print("\n".join(names))

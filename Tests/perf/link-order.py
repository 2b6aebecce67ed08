#!/usr/bin/env python3
"""Writes lld's --symbol-ordering-file for lbtop from a callgrind run and the link map.

Usage: link-order.py CALLGRIND_OUT EXECUTABLE LINK_MAP > link-order.txt

Every function of EXECUTABLE that callgrind saw run is named, the busiest first, with one
exception. lld moves every input section that defines a listed name, and a local name (merged
helpers like `objectdestroyTm`, thunks, value witnesses of standard types) is defined by many
object files at once. Where one of those is an object file compiled without function sections
(the prebuilt Swift libraries), its whole `.text` would move to the front, hundreds of KB of code
that never runs for one small function. Such a name is kept only when every whole `.text` it
would move is moved anyway, by a name defined nowhere else.
"""
import re
import sys

callgrind_path, executable, map_path = sys.argv[1:4]

# Callgrind's format: `ob=` names the object of the `fn=` lines after it; a cost line after `fn=`
# is that function's own cost, a cost line after `calls=` is a callee's and is skipped.
cost, object_, function, after_call = {}, None, None, False
for line in open(callgrind_path, errors="replace"):
    if line.startswith("ob="):
        object_ = line[3:].strip()
    elif line.startswith("fn="):
        # `name'2` is the same function entered recursively.
        function = line[3:].strip().split("'")[0] if object_ == executable else None
        if function is not None:
            cost.setdefault(function, 0)
    elif line.startswith("calls="):
        after_call = True
    elif line[:1].isdigit() or line[:1] in "+-*":
        if after_call:
            after_call = False
        elif function is not None:
            fields = line.split()
            if len(fields) > 1:
                cost[function] += int(fields[1])

# The link map (written with symbol names as they are, not demangled): every input section of the
# output `.text`, with the symbols it defines.
section = re.compile(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+\d+\s+(\S.*):\((\.text(?:\.\S+)?)\)$")
symbol = re.compile(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+\d+\s+(\S+)$")
definitions = {}   # name -> [(section number, whole .text?)]
current = None
count = 0
for line in open(map_path):
    if ":(" in line:
        match = section.match(line)
        current = None
        if match:
            count += 1
            current = (count, match.group(2) == ".text")
    elif current:
        match = symbol.match(line)
        if match:
            definitions.setdefault(match.group(1), []).append(current)

ran = [name for name, _ in sorted(cost.items(), key=lambda item: -item[1]) if name in definitions]
moved_anyway = {number for name in ran if len(definitions[name]) == 1
                for number, whole in definitions[name] if whole}
def moves_nothing_more(name):
    return all(number in moved_anyway for number, whole in definitions[name] if whole)
print("\n".join(name for name in ran if len(definitions[name]) == 1 or moves_nothing_more(name)))

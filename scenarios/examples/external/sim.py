#!/usr/bin/env python3
"""An external simulator for mc, in Python with its standard library only.

mc starts one such process per worker and talks to it in CSV on its standard
input and output (docs/external-models.md): for each block of samples it
writes a header line (the factor names), one line per sample and an empty
line; the process answers with a header line (the output names), one line
per sample in the same order, and an empty line. At the end of the run mc
closes the input and the process exits.

This one computes the Ishigami function, y = sin x1 + a sin^2 x2 + b x3^4 sin x1
(a = 7, b = 0.1), whose Sobol' indices are known exactly.
"""
import math
import sys

A, B = 7.0, 0.1


def main():
    inp, out = sys.stdin, sys.stdout
    while True:
        header = inp.readline()
        if not header:          # end of input: the run is over
            return
        names = header.strip().split(",")
        col = {n: i for i, n in enumerate(names)}
        out.write("y\n")
        while True:
            line = inp.readline().strip()
            if not line:        # an empty line ends the block
                break
            x = [float(v) for v in line.split(",")]
            x1, x2, x3 = x[col["x1"]], x[col["x2"]], x[col["x3"]]
            y = math.sin(x1) + A * math.sin(x2) ** 2 + B * x3 ** 4 * math.sin(x1)
            out.write(repr(y) + "\n")
        out.write("\n")
        out.flush()             # the answer must reach mc now


if __name__ == "__main__":
    main()

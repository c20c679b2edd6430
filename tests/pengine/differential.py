#!/usr/bin/env python3
"""Randomized differential test: generated CIBs through pacer's and the reference's crm_simulate.

For seeds FIRST..FIRST+COUNT-1, gen_cib.py writes a CIB; both tools run `-x CIB -S`; the
Transition Summary blocks must be identical. Prints the agreement, the differing seeds (each
reproducible with `gen_cib.py SEED`), and exits non-zero below --min-agreement.

Usage: differential.py --sim CRM_SIMULATE --reference-script S --reference-dir D
                       [--first N] [--count N] [--jobs N] [--min-agreement PCT] [--keep DIR]
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def summary(text):
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("Transition Summary:"):
            inside = True
        if inside:
            if line == "" and lines:
                break
            lines.append(line)
    return "\n".join(lines)


def run_case(seed, args, workdir):
    cib = os.path.join(workdir, f"seed-{seed}.xml")
    with open(cib, "w") as out:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_cib.py"), str(seed)], stdout=out, check=True)
    ours = subprocess.run([args.sim, "-x", cib, "-S"], capture_output=True, text=True)
    ref = subprocess.run([args.reference_script, "run", args.reference_dir, "crm_simulate", "-x", cib, "-S"],
                         capture_output=True, text=True)
    mine, theirs = summary(ours.stdout), summary(ref.stdout)
    if ours.returncode != 0:
        mine = f"<pacer failed: {ours.stderr.strip()}>"
    agree = mine == theirs
    if agree or not args.keep:
        os.unlink(cib)
    else:
        os.makedirs(args.keep, exist_ok=True)
        os.replace(cib, os.path.join(args.keep, f"seed-{seed}.xml"))
        with open(os.path.join(args.keep, f"seed-{seed}.diff"), "w") as out:
            out.write(f"--- reference\n{theirs}\n--- pacer\n{mine}\n")
    return seed, agree


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sim", required=True)
    p.add_argument("--reference-script", required=True)
    p.add_argument("--reference-dir", required=True)
    p.add_argument("--first", type=int, default=1)
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 4)
    p.add_argument("--min-agreement", type=float, default=99.0)
    p.add_argument("--keep", help="directory for the CIBs and diffs of differing seeds")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda s: run_case(s, args, workdir),
                                    range(args.first, args.first + args.count)))
    differing = [seed for seed, agree in results if not agree]
    agreement = 100.0 * (len(results) - len(differing)) / len(results)
    print(f"{len(results) - len(differing)}/{len(results)} identical summaries ({agreement:.1f}%)")
    if differing:
        print("differing seeds:", " ".join(map(str, differing)))
    return 0 if agreement >= args.min_agreement else 1


if __name__ == "__main__":
    sys.exit(main())

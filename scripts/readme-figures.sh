#!/usr/bin/env bash
# Regenerates the figures the README shows, from a real notebook run.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
node bin/initlab.js --quiet --out "$tmp/report" > /dev/null
mkdir -p docs/figures
for f in compare-costs compare-boundaries dataset he-initialization-cost layers-histograms; do cp "$tmp/report/$f.png" docs/figures/; done
node bin/initlab.js probe --init xavier --activation tanh --width 400 --samples 200 --depth 15 --bias-std 0.2 --c0 0.5 --backward --out "$tmp/probe" > /dev/null
cp "$tmp/probe/probe-theory.png" docs/figures/probe-theory.png
node bin/initlab.js theory --phase-diagram --activation tanh --out "$tmp/phase" > /dev/null
cp "$tmp/phase/phase-diagram.png" docs/figures/phase-diagram-tanh.png
rm -rf "$tmp"
echo "docs/figures updated"

#!/usr/bin/env bash
# Regenerates the figures the README shows, from a real notebook run.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
node bin/initlab.js --quiet --out "$tmp/report" > /dev/null
mkdir -p docs/figures
for f in compare-costs compare-boundaries dataset he-initialization-cost layers-histograms; do cp "$tmp/report/$f.png" docs/figures/; done
rm -rf "$tmp"
echo "docs/figures updated"

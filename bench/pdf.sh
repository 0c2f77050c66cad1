#!/usr/bin/env bash
# The PDF reading benchmark (issue 10, point 9: reading and extracting a
# 20-page PDF takes at most 300 ms). Makes the PDFs with LibreOffice
# (tests/pdf/make_pdfs.py: a 20-page plan, a 7-page plan with the Decree
# 30 header and an appendix table, the samples of ../shared/samples when
# present; the conversion is timed apart), then runs build/bench/pdf_bench
# (make build/bench/pdf_bench) on them.
#   bench/pdf.sh [BUILD]     (default build/); RUNS=N runs of each file
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
build=${1:-build}
harness=$build/bench/pdf_bench
[ -x "$harness" ] || { echo "build it first: make $harness" >&2; exit 2; }
dir=$(mktemp -d /tmp/phoihop-pdfbench-XXXXXX)
trap 'rm -rf "$dir"' EXIT
start=$(date +%s.%N)
python3 tests/pdf/make_pdfs.py "$dir" ../shared/samples || { echo "no fixtures (LibreOffice?)" >&2; exit 2; }
end=$(date +%s.%N)
echo "LibreOffice conversions (all fixtures, apart): $(echo "$end - $start" | bc) s"
files=("$dir/long.pdf" "$dir/plan.pdf")
for f in "$dir"/sample-*.pdf; do [ -f "$f" ] && files+=("$f"); done
"$harness" "${files[@]}"

#!/usr/bin/env bash
# seeds.sh NAME: the seed files of fuzz target NAME, one path a line, for
# both runners (tools/run-tests.sh and tests/fuzz/libfuzzer.sh): the files
# of its corpus tests/fuzz/corpus/NAME/ (seeds written by hand and inputs
# that once crashed), and for the importer also the demo documents, the
# import test cases, the CLI fixtures and, when present, the real samples
# in ../shared/samples/. Run from the project's root.
set -u
name=$1
shopt -s nullglob
files=(tests/fuzz/corpus/"$name"/*)
if [ "$name" = import ]; then
	files+=(demo/*.txt demo/*.md tests/import/*/input.* tests/cli/fixtures/*.txt)
	[ -d ../shared/samples ] && files+=(../shared/samples/*.txt)
fi
for f in "${files[@]}"; do
	[ -f "$f" ] && printf '%s\n' "$f"
done
exit 0

#!/usr/bin/env bash
# The demo command: installs what is missing, builds, creates a fresh demo
# database (demo.db) from the documents in demo/, and prints the demo plans
# and their tasks.
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
make -j"$(nproc 2>/dev/null || echo 2)" build/phoihop >/dev/null
db=${PHOIHOP_DB:-demo.db}
rm -f "$db" "$db-wal" "$db-shm"
bin=build/phoihop
$bin --db "$db" init
# The demo documents are ours and reviewed: --confirm keeps their review
# items with the documents instead of stopping.
$bin --db "$db" import --confirm demo/2*.txt demo/2*.md
echo
$bin --db "$db" plans
for id in $($bin --db "$db" plans --json | sed -n 's/^    "id": \([0-9]*\),$/\1/p'); do
	echo
	$bin --db "$db" show "$id"
done
echo
echo "Cơ sở dữ liệu demo: $db. Thử: $bin --db $db tasks --overdue"

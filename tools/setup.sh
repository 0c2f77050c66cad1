#!/usr/bin/env bash
# Installs the Debian packages phoihop needs to build and test, when they are
# missing. Safe to run again: it installs nothing that is already there.
# Runs apt-get as root (directly, or through sudo when available).
set -eu
# The web server library; chromium, nodejs and npm for the browser tests
# (tools/browser-test.sh); wrk and curl for the load test (bench/load.sh);
# python3-icalendar parses the calendar feed in the HTTP tests; libcurl
# sends the reminder mail over SMTP; clang and its runtime libraries
# (libFuzzer, the sanitizers: libclang-rt-14-dev, only recommended by clang
# and so not installed with it here) build the fuzz targets (make fuzz).
# Documents: libzip and libxml2 read Word files, poppler-glib PDFs;
# LibreOffice (Writer without a display) converts legacy .doc files and,
# in the tests, writes the Word, .doc and PDF files read back.
# Documents out: libxlsxwriter writes Excel files; in the tests,
# python3-docx and python3-openpyxl read back what phoihop writes and
# pdftoppm (poppler-utils) renders the first page of a converted PDF;
# LibreOffice Calc (libreoffice-calc-nogui) proves an .xlsx opens.
pkgs=(build-essential pkg-config libsqlite3-dev libicu-dev libjansson-dev
      libsodium-dev sqlite3 python3 python3-icalendar libmicrohttpd-dev libcurl4-openssl-dev curl chromium wrk
      nodejs npm clang libclang-rt-14-dev
      libzip-dev libxml2-dev libpoppler-glib-dev libreoffice-writer-nogui libreoffice-calc-nogui
      libxlsxwriter-dev python3-docx python3-openpyxl poppler-utils)
missing=()
for p in "${pkgs[@]}"; do
	# A Node.js installed otherwise, or one that bundles its own npm
	# (NodeSource's nodejs), needs no Debian package, which would conflict.
	[ "$p" = nodejs ] && command -v node >/dev/null 2>&1 && continue
	[ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}" >&2
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs the Debian packages phoihop needs to build and test, when they are
# missing. Safe to run again: it installs nothing that is already there.
# Runs apt-get as root (directly, or through sudo when available).
set -eu
pkgs=(build-essential pkg-config libsqlite3-dev libicu-dev libjansson-dev
      libsodium-dev sqlite3 python3)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}" >&2
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

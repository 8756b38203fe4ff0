#!/usr/bin/env bash
# Installs the Debian packages dss needs to build, run and test, when any is missing.
# As root it runs apt-get; otherwise it prints the exact command to run and fails.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ make pkg-config clang-format
  # libraries
  libboost1.74-dev libpq-dev libssl-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libspdlog-dev libfmt-dev libcurl4-openssl-dev libhiredis-dev libpugixml-dev libzip-dev libre2-dev
  libgumbo-dev libkainjow-mustache-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # services
  postgresql redis-server chromium
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
# Node.js runs the interoperability peers (npm hawk); any install of it will do.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages. Run as root:" >&2
  echo "  apt-get update && $command" >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet; an old list may name versions long gone.
apt-get update -qq
# The postgresql package would start a system cluster on port 5432; dss runs its own.
printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d.dss && chmod +x /usr/sbin/policy-rc.d.dss
if [ ! -e /usr/sbin/policy-rc.d ]; then
  mv /usr/sbin/policy-rc.d.dss /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
else
  rm -f /usr/sbin/policy-rc.d.dss
fi
$command

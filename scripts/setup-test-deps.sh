#!/usr/bin/env bash
# Installs the Debian packages the tests drive: for the kernel-parity suite (DESIGN §8)
# iproute2 (ip, bridge), iptables, tcpdump, conntrack, socat, netcat-openbsd (nc),
# iputils-ping (ping), ipset (labs that match sets, like Calico's natOutgoing), bpftrace (the
# kfree_skb records with the namespace of each packet) and python3 (capture.py: the frames of
# every device of a lab); for the unit tests tshark (test/pcap/tshark.test.ts reads every
# scenario's `podpath pcap` capture with Wireshark's dissectors; its debconf question about
# capture rights is answered by DEBIAN_FRONTEND=noninteractive below); for the e2e suite Chromium (Playwright drives /usr/bin/chromium: its
# own browser download cannot work here) and Noto CJK so 简体中文 renders in screenshots.
# Installs only what is missing; needs root (or sudo) for that. Safe to run repeatedly.
set -euo pipefail

PACKAGES=(iproute2 iptables ipset tcpdump conntrack socat netcat-openbsd iputils-ping bpftrace python3 tshark chromium fonts-noto-cjk)

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-test-deps: this script needs a Debian-like system (dpkg, apt-get); install these yourself: ${PACKAGES[*]}" >&2
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-test-deps: all present: ${PACKAGES[*]}"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo)
else
  echo "setup-test-deps: missing ${missing[*]}; run as root to install them (apt-get install ${missing[*]})" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "setup-test-deps: missing ${missing[*]}"
echo "+ apt-get update"
"${SUDO[@]}" apt-get update -qq
echo "+ apt-get install -y --no-install-recommends ${missing[*]}"
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup-test-deps: installed ${missing[*]}"

#!/usr/bin/env bash
# Captures the byte fixtures of the wire layer (src/engine/wire, test: wire.test.ts) from this
# machine's kernel: two network namespaces joined by a veth pair and a VXLAN device (VNI 42, port
# 4789) over it, and tcpdump writing one packet per file into
# test/fixtures/wire/. Checksum offload is turned off on the veths (ethtool) so the captured
# checksums are the final ones. Needs root, iproute2, tcpdump, ethtool, iputils-ping, socat,
# python3.
#
# IP-in-IP: the kernel this was written on has no ipip module (`ip link add … type ipip`:
# "Unknown device type"), so ipip-outer.pcap is an IPv4 packet of protocol 4 whose outer header
# the kernel wrote (a raw socket of protocol 4, as the ipip driver's output would carry) around
# the ICMP echo of icmp-echo.pcap. No capture on an ipip device itself (raw-IP link type) is
# taken; if the module exists, add one (tcpdump -i ipip0).
# Everything is created inside the two namespaces, which are deleted at the end.
#
#   flock /tmp/podpath-kernel.lock scripts/capture-wire-fixtures.sh
set -euo pipefail

OUT="$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/wire"
A=podpath-wire-a
B=podpath-wire-b
mkdir -p "$OUT"

cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add "$A"
ip netns add "$B"
ip -n "$A" link add eth0 address 02:00:00:00:0a:01 type veth peer name eth0 address 02:00:00:00:0b:01 netns "$B"
for ns in "$A" "$B"; do
  # no IPv6: its router solicitations and DAD would be the first packets captured
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip netns exec "$ns" ethtool -K eth0 tx off rx off >/dev/null
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
done
ip -n "$A" addr add 10.99.0.1/24 dev eth0
ip -n "$B" addr add 10.99.0.2/24 dev eth0
# VXLAN 42 between the two, its own subnet
ip -n "$A" link add vx0 address 02:00:00:00:0a:02 type vxlan id 42 local 10.99.0.1 remote 10.99.0.2 dstport 4789 dev eth0
ip -n "$B" link add vx0 address 02:00:00:00:0b:02 type vxlan id 42 local 10.99.0.2 remote 10.99.0.1 dstport 4789 dev eth0
ip -n "$A" addr add 10.98.0.1/24 dev vx0
ip -n "$B" addr add 10.98.0.2/24 dev vx0
for ns in "$A" "$B"; do ip -n "$ns" link set vx0 up; done

# capture NAME DEV FILTER COMMAND…: the first packet on DEV in A matching FILTER, while COMMAND runs
capture() {
  local name=$1 dev=$2 filter=$3
  shift 3
  ip netns exec "$A" tcpdump -i "$dev" -c 1 -U -s 0 -w "$OUT/$name.pcap" "$filter" 2>/dev/null &
  local pid=$!
  sleep 2
  "$@" >/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "captured $name.pcap ($(stat -c %s "$OUT/$name.pcap") bytes)"
}

capture arp-request eth0 'arp' ip netns exec "$A" ping -c 1 -W 1 10.99.0.2
capture icmp-echo eth0 'icmp[0] = 8' ip netns exec "$A" ping -c 1 -W 1 -s 24 10.99.0.2
capture udp eth0 'udp port 5000' sh -c "echo hello | ip netns exec $A socat - UDP:10.99.0.2:5000,sourceport=40000"
capture icmp-port-unreachable eth0 'icmp[0] = 3' sh -c "ip netns exec $B true; echo hello | ip netns exec $A socat - UDP:10.99.0.2:5001,sourceport=40001; sleep 0.5"
capture tcp-syn eth0 'tcp[13] = 2' ip netns exec "$A" socat -T1 - TCP:10.99.0.2:8080,sourceport=40002,connect-timeout=1
capture vxlan eth0 'udp port 4789' ip netns exec "$A" ping -c 1 -W 1 10.98.0.2
# the echo of icmp-echo.pcap (after its 14-byte Ethernet header) as the payload of protocol 4
send_ipip() {
  ip netns exec "$A" python3 -c '
import socket, sys
frame = open(sys.argv[1], "rb").read()[24 + 16:]  # pcap file and record headers
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 4)
s.setsockopt(socket.IPPROTO_IP, 10, 2)  # IP_MTU_DISCOVER = IP_PMTUDISC_DO: DF, as ipip sets it
s.sendto(frame[14:], ("10.99.0.2", 0))' "$OUT/icmp-echo.pcap"
}
capture ipip-outer eth0 'ip proto 4' send_ipip

#!/usr/bin/env bash
# The namespace lab scenarios/imported-forward-drop.yaml was imported from (run as root):
# two nodes on one segment, host-gw routes between their pod subnets, a bridge and a pod on
# each, and on node1 what Docker's daemon does to a host: the FORWARD policy set to DROP with
# its DOCKER-USER hook. Every device is made inside the lab's own namespaces.
#
#   bash lab.sh          build it, collect node1.json and node2.json here, remove it
#
# Namespaces ppfd-*: ppfd-sw (the segment's bridge, not collected: the wire), ppfd-node1,
# ppfd-node2 (the nodes' root namespaces), ppfd-node1-pod-a, ppfd-node2-pod-b.
set -euo pipefail
cd "$(dirname "$0")"
NS=(ppfd-sw ppfd-node1 ppfd-node2 ppfd-node1-pod-a ppfd-node2-pod-b)
down() { for n in "${NS[@]}"; do ip netns del "$n" 2>/dev/null || true; done; }
trap down EXIT
down
for n in "${NS[@]}"; do ip netns add "$n"; ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done

# the segment
ip -n ppfd-sw link add br0 type bridge
ip -n ppfd-sw link set br0 up
i=0
for node in node1 node2; do
  ip -n ppfd-sw link add p$i type veth peer name eth0 netns ppfd-$node
  ip -n ppfd-sw link set p$i master br0
  ip -n ppfd-sw link set p$i up
  i=$((i + 1))
done

node() { # name index pod
  local n=ppfd-$1 p=ppfd-$1-$3 x=$2
  ip -n $n link set lo up
  ip -n $n link set eth0 address 02:00:c0:a8:32:1$x
  ip -n $n addr add 192.168.50.1$x/24 dev eth0
  ip -n $n link set eth0 up
  ip netns exec $n sysctl -qw net.ipv4.ip_forward=1
  ip -n $n link add cni0 type bridge
  ip -n $n link set cni0 address 02:00:0a:f4:0$x:01
  ip -n $n addr add 10.244.$x.1/24 dev cni0
  ip -n $n link set cni0 up
  ip -n $n link add veth-$3 type veth peer name eth0 netns $p
  ip -n $n link set veth-$3 address 02:00:0a:f4:0$x:fe
  ip -n $n link set veth-$3 master cni0
  ip -n $n link set veth-$3 up
  ip -n $p link set lo up
  ip -n $p link set eth0 address 02:00:0a:f4:0$x:02
  ip -n $p addr add 10.244.$x.2/24 dev eth0
  ip -n $p link set eth0 up
  ip -n $p route add default via 10.244.$x.1
}
node node1 1 pod-a
node node2 2 pod-b
ip -n ppfd-node1 route add 10.244.2.0/24 via 192.168.50.12
ip -n ppfd-node2 route add 10.244.1.0/24 via 192.168.50.11

# what dockerd does on node1
ip netns exec ppfd-node1 iptables -N DOCKER-USER
ip netns exec ppfd-node1 iptables -A DOCKER-USER -j RETURN
ip netns exec ppfd-node1 iptables -A FORWARD -j DOCKER-USER
ip netns exec ppfd-node1 iptables -P FORWARD DROP

collect=../../../scripts/podpath-collect.sh
sh $collect --name node1 --root ppfd-node1 --netns ppfd-node1-pod-a=pod-a -o node1.json
sh $collect --name node2 --root ppfd-node2 --netns ppfd-node2-pod-b=pod-b -o node2.json
echo "collected node1.json node2.json"

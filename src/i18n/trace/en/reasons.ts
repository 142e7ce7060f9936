// English: what each drop reason means, its usual fix, and what the application sees.
import type { TraceWords } from '../types';

export const reasons: TraceWords['reasons'] = {
  NOT_SPECIFIED: {
    explain: "The kernel freed the packet without naming a reason (SKB_DROP_REASON_NOT_SPECIFIED): many paths end in a plain kfree_skb(). The drop's cause says which one this was.",
    fix: 'Follow the cause: it names the route, device, tunnel or service involved.',
    app: 'Usually nothing: the packet is gone and the sender waits until it times out, unless the kernel sent an ICMP error back.',
  },
  NO_SOCKET: {
    explain: 'The packet reached its destination, but no socket there accepts it: nothing listens on that port, or the reply does not belong to any connection of the receiver.',
    fix: 'Start a server on the port (socat/nc -l), or make the reply come back from the address and port the client connected to.',
    app: 'TCP: the kernel answers with a reset, so the client\'s connect() fails at once with "Connection refused"; UDP: ICMP port unreachable goes back ("Connection refused" for a connected socket). A reply that belongs to no connection of the receiver is answered with a reset, or dropped.',
  },
  OTHERHOST: {
    explain: 'The frame was addressed to another MAC address; the device only keeps frames for its own MAC, broadcast, or when it is promiscuous.',
    fix: 'Make the sender resolve the right neighbour MAC (ARP / static neighbour entry).',
    app: 'Nothing: the frame is ignored without a word, and the sender times out.',
  },
  IP_RPFILTER: {
    explain: 'Reverse-path filtering: the route back to the packet\'s source does not leave by the device the packet came in on (strict rp_filter=1), or there is no route back at all (loose rp_filter=2).',
    fix: 'Add a route back to the source via the incoming device, or loosen rp_filter (net.ipv4.conf.<dev>.rp_filter=2, and all.rp_filter, since the effective value is the max).',
    app: 'Nothing: reverse-path filtering drops silently (no ICMP), so the connection times out.',
  },
  IP_LOCAL_SOURCE: {
    explain: 'The packet arrived from outside with a source address that belongs to this namespace itself (a martian source); Linux refuses it unless accept_local=1.',
    fix: 'Make the path rewrite the source (SNAT/MASQUERADE for hairpin traffic) or set net.ipv4.conf.<dev>.accept_local=1.',
    app: 'Nothing: the martian is dropped silently, and the sender times out.',
  },
  IP_INVALID_SOURCE: {
    explain: 'The source address can never be valid on the wire (multicast, broadcast, 0.0.0.0/8 or loopback).',
    fix: 'Fix the sender\'s source address selection.',
    app: 'Nothing: the martian is dropped silently, and the sender times out.',
  },
  IP_INVALID_DEST: {
    explain: 'The destination address cannot be routed (0.0.0.0/8, loopback from a network device, or a route type that does not forward).',
    fix: 'Send to an address a unicast route forwards; for 127.0.0.0/8 arriving from another host (a NodePort on localhost), set net.ipv4.conf.<dev>.route_localnet=1 on the receiving device.',
    app: 'Nothing: the packet is dropped silently, and the sender times out.',
  },
  IP_INNOROUTES: {
    explain: 'A router received the packet but has no route to its destination; it answers with ICMP "network unreachable".',
    fix: 'Add a route for the destination on this machine (or a default route).',
    app: 'A forwarding router sends back ICMP network unreachable, so the client\'s call fails at once ("Network is unreachable"); with forwarding off nothing comes back and it times out.',
  },
  IP_INADDRERRORS: {
    explain: 'The packet is not for this machine and forwarding is off on the device it came in on (net.ipv4.ip_forward=0), so it is dropped.',
    fix: 'Turn forwarding on: sysctl -w net.ipv4.ip_forward=1.',
    app: 'Nothing: the packet is dropped silently (no ICMP), and the sender times out.',
  },
  IP_OUTNOROUTES: {
    explain: 'A packet this host sends has no usable route, so it is never sent: the client\'s own packet (no route at all, or a blackhole, unreachable or prohibit route or rule matched, which the cause names), a reply or kernel response that cannot be routed back, or a vxlan device\'s outer packet to its remote VTEP.',
    fix: 'Add a route (often a default route via the gateway) in the sending namespace, or remove the rejecting route or rule the cause names; for vxlan, a route to the remote node\'s address.',
    app: 'The sender\'s own system call fails at once and nothing is sent: connect() or sendto() returns "Network is unreachable" ("Invalid argument" for a blackhole route, "No route to host" for an unreachable one, "Permission denied" for prohibit). A server\'s reply that cannot be routed is never sent, and the client times out.',
  },
  IP_INHDR: {
    explain: 'The IP header is not acceptable here; for forwarded packets, the TTL ran out (ICMP time exceeded is sent back).',
    fix: 'Look for a routing loop between the machines that keep passing the packet.',
    app: 'ICMP time exceeded comes back from the router where the TTL ran out: ping prints "Time to live exceeded", traceroute shows the hop, a TCP connect fails with "No route to host".',
  },
  IP_NOPROTO: {
    explain: 'The packet was for this machine, but nothing here handles its IP protocol; an IP-in-IP packet (protocol 4) reaching a node that has no ipip tunnel (the ipip module is not loaded) is the usual case. ICMP "protocol unreachable" goes back to the sender.',
    fix: 'Create the receiving end: an ipip tunnel on this node (ip tunnel add NAME mode ipip local <node IP>, or modprobe ipip and bring tunl0 up), with routes back through it.',
    app: 'ICMP protocol unreachable goes back to the sender; for a tunnelled packet the application inside the tunnel hears nothing and times out.',
  },
  NEIGH_FAILED: {
    explain: 'The next hop never answered ARP, so its MAC address is unknown and the queued packet is dropped.',
    fix: 'Make the next hop answer: give it the address, enable proxy_arp on the device facing the sender (with a route to the target via another device), or add a static neighbour entry.',
    app: 'Nothing comes back from the next hop: the connection attempt hangs until it gives up (a sender on this host gets "No route to host" once the kernel\'s ARP retries, about 3 s, have failed).',
  },
  NETFILTER_DROP: {
    explain: 'Netfilter dropped the packet: an iptables rule with -j DROP or -j REJECT matched it, or it reached the end of a built-in chain whose policy is DROP. The drop\'s cause names the table, the chain and the rule (as iptables-save prints it) or the policy; kube-proxy\'s `-m conntrack --ctstate INVALID -j DROP` is a common one.',
    fix: 'Change or delete that rule (iptables-save in the state panel highlights it), insert an ACCEPT before it (e.g. `-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT` first), or change the chain\'s policy (iptables -P CHAIN ACCEPT).',
    app: 'DROP is silent: nothing comes back, the client retransmits and times out ("Connection timed out"). REJECT answers at once: a TCP reset ("Connection refused") or the ICMP error it names (--reject-with).',
  },
  UNHANDLED_PROTO: {
    explain: 'The frame carries a protocol (ethertype) that nothing on this device handles, so the kernel drops it on receive.',
    fix: 'Send IPv4 or ARP, or give the device a handler for that protocol.',
    app: 'Nothing: the frame is discarded silently.',
  },
  PKT_TOO_BIG: {
    explain: 'The packet is larger than the MTU of the device it must leave by and its Don\'t Fragment bit is set: a router drops it and sends back ICMP "fragmentation needed" with the MTU; a sender that may not fragment (ping -M do) gets "Message too long" before anything is sent. Overlays shrink the MTU: VXLAN takes 50 bytes, so flannel.1 has 1450 on a 1500 network; IP-in-IP takes 20, so tunl0 has 1480.',
    fix: 'Make the pods\' MTU fit the tunnel (flannel writes FLANNEL_MTU=1450 for the CNI to set on pod interfaces: ip link set eth0 mtu 1450 in the pod and on its veth), or raise the underlay MTU (jumbo frames).',
    app: 'A router sends back ICMP fragmentation needed with the MTU: TCP lowers its segment size and retries (path MTU discovery), ping -M do prints "Frag needed and DF set (mtu = N)", a local sender that may not fragment gets "Message too long". If that ICMP is filtered on the way, big packets just vanish: the connection opens, then hangs.',
  },
  NO_TX_TARGET: {
    explain: 'The vxlan device has no forwarding-database entry for the frame\'s destination MAC and no all-zeros default entry, so it does not know which VTEP (node) to send the frame to; the frame is dropped and the sender hears nothing.',
    fix: 'Add the entry the controller would write: bridge fdb append <remote VTEP MAC> dev <vxlan dev> dst <remote node IP> (flannel does this for every node), or a default entry bridge fdb append 00:00:00:00:00:00 dev <vxlan dev> dst <remote node IP> to flood unknown MACs and broadcasts there. If the frame is an ARP broadcast and the device has no default entry on purpose (flannel), the missing piece is the permanent neighbour entry that makes ARP unnecessary: ip neigh add <remote VTEP IP> lladdr <remote VTEP MAC> dev <vxlan dev> nud permanent.',
    app: 'Nothing: the frame is dropped on the sending node, and the sender times out (for an ARP request, the packet waiting for it fails with NEIGH_FAILED).',
  },
  VXLAN_VNI_NOT_FOUND: {
    explain: 'A VXLAN packet reached the receiving node\'s UDP port, but no vxlan device there (up, on that port) has the packet\'s VNI: the two ends disagree on the VNI.',
    fix: 'Give both ends the same VNI (ip link add … type vxlan id <VNI> …; flannel uses VNI 1) and bring the receiving device up.',
    app: 'Nothing: the receiving node discards the packet silently, and the sender times out.',
  },
  VXLAN_INVALID_HDR: {
    explain: 'A UDP datagram arrived on a vxlan port without a valid VXLAN header (an ordinary application sent to the tunnel\'s port).',
    fix: 'Use another port for the application, or send real VXLAN traffic to this one.',
    app: 'Nothing: the datagram is discarded silently.',
  },
  VXLAN_ENTRY_EXISTS: {
    explain: 'With learning on, a received frame\'s source MAC came from another VTEP than the permanent FDB entry says; static entries are never moved, so the frame is dropped.',
    fix: 'Correct the permanent entry (bridge fdb replace/del … dev <vxlan dev>), or let the entry be learned instead of written by hand.',
    app: 'Nothing: the frame is discarded silently, and the sender times out.',
  },
  LOCAL_MAC: {
    explain: 'The decapsulated frame carries the receiving vxlan device\'s own MAC as its source: a loop (or two VTEPs with the same MAC).',
    fix: 'Give every VTEP its own MAC address.',
    app: 'Nothing: the frame is discarded silently.',
  },
  MAC_INVALID_SOURCE: {
    explain: 'With learning on, a decapsulated frame\'s source MAC is not a valid unicast address, so it cannot be learned and is dropped.',
    fix: 'Check the sender\'s MAC address.',
    app: 'Nothing: the frame is discarded silently.',
  },
  BRIDGE_INGRESS_STP_STATE: {
    explain: 'The bridge port is not forwarding (the bridge or the port is down).',
    fix: 'Bring the bridge up: ip link set <bridge> up.',
    app: 'Nothing: the bridge discards the frame silently, and the sender times out.',
  },
  QDISC_DROP: {
    explain: 'The device\'s transmit queue dropped the packet: a device that is down (ip link set … down; its queue is the noop qdisc) or has no carrier (a macvlan or ipvlan whose parent is down) sends nothing.',
    fix: 'Bring the device up (ip link set <dev> up), or its parent for a macvlan or ipvlan, and make sure it has carrier.',
    app: 'Nothing leaves the device: the sender retransmits and times out.',
  },
  LOOP_LIMIT: {
    explain: 'podpath stopped following the packet: it crossed more devices than any real path would (a layer-2 loop).',
    fix: 'Look for a bridge or switch loop in the topology.',
    app: 'On Linux the frames would keep circling (a broadcast storm) until something breaks the loop; the application times out.',
  },
  SECURITY_GROUP_DENY: {
    explain: 'A security group of the cloud network dropped the packet: no rule of the groups on the sending ENI (egress) or on the receiving ENI (ingress) allows its protocol, port and peer address, and it is not part of a connection a stateful group already allowed.',
    fix: 'Add a rule that allows this traffic to a group of that ENI (protocol, port range, the peer\'s CIDR). Tunnels need their own protocol: IP-in-IP is protocol 4, VXLAN is UDP 4789/8472; allow them, or all protocols, between the nodes.',
    app: 'Nothing: security groups drop silently, and the client times out.',
  },
  SOURCE_DEST_CHECK: {
    explain: 'The cloud network\'s source/destination check dropped the packet: an ENI may only send packets from its own addresses and receive packets for its own addresses. A node that forwards pod traffic under the pods\' addresses (host-gw routing, a router, a NAT instance) fails it.',
    fix: 'Turn the check off on the ENIs that forward (AWS: modify-instance-attribute --no-source-dest-check; here sourceDestCheck: false) and add VPC routes for the pod subnets, or give the pod addresses to the ENI (secondary IPs or a delegated prefix).',
    app: 'Nothing: the cloud network drops silently, and the client times out.',
  },
  VPC_NO_ROUTE: {
    explain: 'The cloud network does not know where the destination is: no ENI holds the address and no entry of the VPC route table covers it (or the entry\'s ENI is gone). Pod subnets are unknown to the VPC unless something writes routes for them.',
    fix: 'Add a VPC route for the destination\'s CIDR via the ENI of the node that owns it (what flannel\'s aws-vpc backend or the cloud controller\'s route controller write), or assign the address to an ENI.',
    app: 'Nothing: the cloud network drops silently, and the client times out.',
  },
};

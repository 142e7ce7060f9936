// English for the drops the kernel frees without naming a reason (NOT_SPECIFIED): the reason
// says nothing there, so these explain the cause itself, one entry per cause.
import type { TraceWords } from '../types';

export const unnamed: TraceWords['unnamed'] = {
  martian: {
    explain: 'br_netfilter routed a bridged packet whose destination PREROUTING had changed (bridged DNAT), and that input route refused it as a martian (the cause says why: reverse-path filtering, a local or invalid source …). br_netfilter frees it without naming a reason.',
    fix: 'Fix what the cause names, as for a routed packet: a route back to the source via the bridge, rp_filter, or SNAT for hairpin traffic.',
    app: 'Nothing: the packet is dropped silently, and the client times out.',
  },
  'no-route': {
    explain: 'The route lookup ended on a route or ip rule of a rejecting type, which the cause names: blackhole drops silently (EINVAL), unreachable answers ICMP host unreachable (EHOSTUNREACH), prohibit answers ICMP communication administratively prohibited (EACCES). ip_error (or br_netfilter, after a bridged DNAT with no usable route) frees the packet without naming a reason.',
    fix: 'Delete or narrow that route or rule (ip route del blackhole …, ip rule del …), or add a more specific route that forwards the destination; after a bridged DNAT, a route to the new destination via the bridge or forwarding on.',
    app: 'blackhole: nothing, the client times out; unreachable and prohibit: the ICMP error makes the client\'s call fail at once ("No route to host", or what the outcome shows).',
  },
  'bridge-same-port': {
    explain: 'The bridge learned the destination MAC behind the very port the frame came in on, and a bridge never sends a frame back out of its input port unless that port is in hairpin mode (br_forward.c should_deliver), so br_forward frees it.',
    fix: 'If the frame must come back (a pod reaching its own Service through a DNAT on the bridge), turn hairpin mode on for the port: bridge link set dev <port> hairpin on, or echo 1 > /sys/class/net/<port>/brport/hairpin_mode.',
    app: 'Nothing comes back: the client times out.',
  },
  'reset-request': {
    explain: 'A TCP reset reached a connection that was still half-open (SYN_RECV: the server had answered the SYN, the last ACK had not come). tcp_check_req drops the connection request, and tcp_v4_rcv frees the reset without naming a reason. Here the reset usually comes from a client that got the SYN-ACK from an address it never dialled.',
    fix: 'Make the reply come back through the host that translated the request (so its NAT is undone): route the server\'s replies back the way the request came, or SNAT the request so the reply must return.',
    app: 'The server forgets the connection; the client, which sent the reset, keeps waiting for the answer it expected and times out.',
  },
  'peer-down': {
    explain: 'A veth pair only carries packets when both ends are up; the other end (the peer, often in another namespace) is down, so veth_xmit drops what is sent into this end.',
    fix: 'Bring the peer up in its namespace: ip netns exec <ns> ip link set <peer> up.',
    app: 'Nothing comes out of the other end: the client times out.',
  },
  'frag-needed': {
    explain: 'An ipip tunnel checked the inner packet against the path MTU (the underlay\'s MTU minus the 20-byte outer header) before wrapping it: the packet is bigger and may not be fragmented, so ICMP fragmentation needed goes back to its sender and tnl_update_pmtu frees it without naming a reason.',
    fix: 'Give the pods an MTU that fits inside the tunnel (1480 on a 1500 underlay), or raise the underlay MTU.',
    app: 'The sender learns the path MTU from the ICMP error: TCP lowers its segment size and retries, ping -M do prints "Frag needed and DF set (mtu = N)".',
  },
  'macvlan-down': {
    explain: 'The lower device has a passthru macvlan, which takes every frame arriving on it; that macvlan is down, so macvlan_handle_frame frees the frame instead of passing it on.',
    fix: 'Bring the passthru macvlan up (ip link set <macvlan> up), or delete it so the lower device receives its own traffic again.',
    app: 'Nothing: the frame is discarded silently, and the sender times out.',
  },
  'ipvlan-private': {
    explain: 'The ipvlan port is in private mode: ipvlans on the same master never talk to each other. The packet is for an address another ipvlan of the port holds, so it is consumed without being delivered.',
    fix: 'Use bridge mode (ip link set <ipvlan> type ipvlan mode l2 bridge) if the pods on the master should reach each other, or route that traffic through something outside the host.',
    app: 'Nothing: the packet vanishes, and the client times out.',
  },
  'ipvlan-l3-group': {
    explain: 'An l3 (or l3s) ipvlan routes packets in the master\'s namespace and sends no broadcast or multicast frames: ipvlan_process_outbound frees them.',
    fix: 'Use unicast, or l2 mode if the pod needs broadcasts (ARP, DHCP) on the wire.',
    app: 'Nothing: the frame is discarded silently.',
  },
  'ipvlan-l3-proto': {
    explain: 'An l3 (or l3s) ipvlan only routes IPv4 and IPv6; a frame of another ethertype is freed by ipvlan_process_outbound.',
    fix: 'Send IP, or use l2 mode for other protocols.',
    app: 'Nothing: the frame is discarded silently.',
  },
  'ipvlan-no-route': {
    explain: 'An l3 ipvlan\'s packets are routed in its master\'s namespace, and that namespace has no usable unicast route to the destination (no route, or only a local, blackhole or other non-unicast one), so ipvlan_process_v4_outbound frees the packet.',
    fix: 'Add a route to the destination in the master\'s namespace (the node\'s root namespace, usually a default route via the gateway).',
    app: 'Nothing comes back: the client times out.',
  },
  'vxlan-remote-type': {
    explain: 'The route to the vxlan remote (the other VTEP) is not a unicast route out of this host: the remote is one of this host\'s own addresses or a broadcast. Linux would hand the frame straight to a local vxlan device; podpath does not model that bypass and frees the packet.',
    fix: 'Point the FDB entry at the other node\'s address, not at one of this node\'s own.',
    app: 'Nothing: the client times out.',
  },
  'ipip-no-route': {
    explain: 'An ipip tunnel wraps the packet in an outer IPv4 header to the tunnel\'s remote (or, one-to-many, the route\'s gateway), and there is no route for that outer packet: the tunnel counts a carrier error and frees it.',
    fix: 'Add a route to the remote node\'s address in the namespace that holds the tunnel.',
    app: 'Nothing: the client times out.',
  },
  'ipip-loop': {
    explain: 'The route for the outer IP-in-IP packet leads back into the same tunnel: sending it would loop forever, so the kernel counts a collision and frees it.',
    fix: 'Route the remote node\'s address via the underlay device (eth0), not via the tunnel; a route into the tunnel needs `via <other node> onlink`.',
    app: 'Nothing: the client times out.',
  },
  'ipip-no-tunnel': {
    explain: 'An IP-in-IP packet reached this node, but no ipip tunnel that is up matches its outer source and destination, and tunl0 (which takes any) is down or absent: ICMP port unreachable goes back and the packet is freed.',
    fix: 'Create the receiving end: a tunnel whose remote is the sender (or `any`) and whose local is this address, or bring tunl0 up (modprobe ipip; ip link set tunl0 up).',
    app: 'The outer sender gets ICMP port unreachable, which its tunnel ignores; the application inside the tunnel hears nothing and times out.',
  },
  'ipip-error': {
    explain: 'An ICMP error came back about an outer IP-in-IP packet; ipip_err only notes it (or ignores it on a one-to-many tunnel) and frees the error. It never reaches the application that sent the inner packet.',
    fix: 'Fix what the ICMP error reports on the path between the tunnel ends (a route, a filter, an MTU).',
    app: 'Nothing: the inner packet\'s sender is not told, and times out.',
  },
  'ipvs-no-dest': {
    explain: 'IPVS took the packet for a virtual service that has no real server (no endpoints), so it has nowhere to send it.',
    fix: 'Give the service an endpoint (a ready pod behind the Service; ipvsadm -a -t VIP:PORT -r POD:PORT -m).',
    app: 'Nothing: the client times out.',
  },
  'ipvs-no-route': {
    explain: 'IPVS chose a real server, but there is no route from this node to its address, so the forwarded (masqueraded) packet is freed.',
    fix: 'Add a route to the real server\'s pod network on this node (the CNI\'s job: a route to the other node\'s pod CIDR, or the overlay).',
    app: 'Nothing: the client times out.',
  },
  'vpc-eni-down': {
    explain: 'The cloud network delivered the packet to an ENI whose interface on the machine is down, so it is lost there.',
    fix: 'Bring the interface up on the machine that owns the ENI (ip link set <dev> up).',
    app: 'Nothing: the client times out.',
  },
  vanished: {
    explain: 'No stage dropped the packet and nothing took it: it was consumed where no socket or device passes it on (a dummy device, a device without a peer).',
    fix: 'Look at the last step of the leg: that is where the packet went; route it somewhere that delivers it.',
    app: 'Nothing: the client times out.',
  },
};

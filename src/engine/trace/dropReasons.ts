// The drop reasons podpath reports: the kernel's enum skb_drop_reason names
// (include/net/dropreason-core.h) plus the fabric's own, each with a plain explanation
// and the usual fix.
import type { I18nText } from './types';

export interface DropReasonInfo {
  readonly explain: I18nText;
  readonly fix: I18nText;
}

const t = (en: string, zh: string): I18nText => ({ en, 'zh-CN': zh });

export const DROP_REASONS: Readonly<Record<string, DropReasonInfo>> = {
  NO_SOCKET: {
    explain: t('The packet reached its destination, but no socket there accepts it: nothing listens on that port, or the reply does not belong to any connection of the receiver.',
      '数据包到达了目的地，但没有套接字接收它：该端口无人监听，或回包不属于接收方的任何连接。'),
    fix: t('Start a server on the port (socat/nc -l), or make the reply come back from the address and port the client connected to.',
      '在该端口启动服务（socat/nc -l），或让回包从客户端所连接的地址和端口返回。'),
  },
  OTHERHOST: {
    explain: t('The frame was addressed to another MAC address; the device only keeps frames for its own MAC, broadcast, or when it is promiscuous.',
      '该帧的目的 MAC 是别人的；设备只接收发给自己 MAC、广播帧，或在混杂模式下接收。'),
    fix: t('Make the sender resolve the right neighbour MAC (ARP / static neighbour entry).', '让发送方解析到正确的邻居 MAC（ARP 或静态邻居表项）。'),
  },
  IP_RPFILTER: {
    explain: t('Reverse-path filtering: the route back to the packet\'s source does not leave by the device the packet came in on (strict rp_filter=1), or there is no route back at all (loose rp_filter=2).',
      '反向路径过滤：回到源地址的路由不从该包的入接口出去（严格模式 rp_filter=1），或根本没有回程路由（宽松模式 rp_filter=2）。'),
    fix: t('Add a route back to the source via the incoming device, or loosen rp_filter (net.ipv4.conf.<dev>.rp_filter=2, and all.rp_filter, since the effective value is the max).',
      '添加经由入接口回到源地址的路由，或放宽 rp_filter（net.ipv4.conf.<dev>.rp_filter=2，并注意 all.rp_filter，生效值取两者最大）。'),
  },
  IP_LOCAL_SOURCE: {
    explain: t('The packet arrived from outside with a source address that belongs to this namespace itself (a martian source); Linux refuses it unless accept_local=1.',
      '从外部收到的包，其源地址却是本命名空间自己的地址（火星源地址）；除非 accept_local=1，否则 Linux 拒收。'),
    fix: t('Make the path rewrite the source (SNAT/MASQUERADE for hairpin traffic) or set net.ipv4.conf.<dev>.accept_local=1.',
      '让路径改写源地址（回环流量做 SNAT/MASQUERADE），或设置 net.ipv4.conf.<dev>.accept_local=1。'),
  },
  IP_INVALID_SOURCE: {
    explain: t('The source address can never be valid on the wire (multicast, broadcast, 0.0.0.0/8 or loopback).', '源地址在线路上不可能合法（组播、广播、0.0.0.0/8 或环回地址）。'),
    fix: t('Fix the sender\'s source address selection.', '修正发送方的源地址选择。'),
  },
  IP_INVALID_DEST: {
    explain: t('The destination address cannot be routed (0.0.0.0/8, loopback from a network device, or a route type that does not forward).', '目的地址无法被路由（0.0.0.0/8、从网卡收到的环回地址，或不可转发的路由类型）。'),
    fix: t('Send to a routable address.', '发往可路由的地址。'),
  },
  IP_INNOROUTES: {
    explain: t('A router received the packet but has no route to its destination; it answers with ICMP "network unreachable".', '路由器收到了包，但没有去往目的地的路由；它回复 ICMP “网络不可达”。'),
    fix: t('Add a route for the destination on this machine (or a default route).', '在这台机器上为目的地址添加路由（或默认路由）。'),
  },
  IP_INADDRERRORS: {
    explain: t('The packet is not for this machine and forwarding is off on the device it came in on (net.ipv4.ip_forward=0), so it is dropped.', '这个包不是发给本机的，而入接口上转发是关闭的（net.ipv4.ip_forward=0），于是被丢弃。'),
    fix: t('Turn forwarding on: sysctl -w net.ipv4.ip_forward=1.', '打开转发：sysctl -w net.ipv4.ip_forward=1。'),
  },
  IP_OUTNOROUTES: {
    explain: t('The sender has no route to the destination at all, so the packet is never sent; the application gets "Network is unreachable".', '发送方根本没有去往目的地的路由，包根本不会发出；应用程序得到 “Network is unreachable”。'),
    fix: t('Add a route (often a default route via the gateway) in the sending namespace.', '在发送方命名空间添加路由（通常是经网关的默认路由）。'),
  },
  NEIGH_FAILED: {
    explain: t('The next hop never answered ARP, so its MAC address is unknown and the queued packet is dropped.', '下一跳始终没有回应 ARP，它的 MAC 地址未知，排队的包被丢弃。'),
    fix: t('Make the next hop answer: give it the address, enable proxy_arp on the device facing the sender (with a route to the target via another device), or add a static neighbour entry.',
      '让下一跳回应：给它配置该地址，在面向发送方的接口上开启 proxy_arp（且有经其他接口去往目标的路由），或添加静态邻居表项。'),
  },
  IP_INHDR: {
    explain: t('The IP header is not acceptable here; for forwarded packets, the TTL ran out (ICMP time exceeded is sent back).', 'IP 头不合格；对转发的包来说，是 TTL 耗尽（会回送 ICMP 超时）。'),
    fix: t('Look for a routing loop between the machines that keep passing the packet.', '检查在机器之间来回传递该包的路由环路。'),
  },
  IP_NOPROTO: {
    explain: t('The packet was for this machine, but nothing here handles its IP protocol; an IP-in-IP packet (protocol 4) reaching a node that has no ipip tunnel (the ipip module is not loaded) is the usual case. ICMP "protocol unreachable" goes back to the sender.',
      '包是发给本机的，但本机没有任何东西处理它的 IP 协议号；最常见的是 IP-in-IP 包（协议号 4）到了一个没有 ipip 隧道（未加载 ipip 模块）的节点。内核向发送方回送 ICMP “协议不可达”。'),
    fix: t('Create the receiving end: an ipip tunnel on this node (ip tunnel add NAME mode ipip local <node IP>, or modprobe ipip and bring tunl0 up), with routes back through it.',
      '建好接收端：在这个节点上创建 ipip 隧道（ip tunnel add NAME mode ipip local <节点 IP>，或 modprobe ipip 后启用 tunl0），并配好经它返回的路由。'),
  },
  NOT_SPECIFIED: {
    explain: t('Linux drops the packet without a specific reason here (a blackhole route, a prohibit/unreachable route, a device that cannot send, or an IP-in-IP packet that no tunnel sends or takes).', 'Linux 在此处丢包但未给出具体原因（黑洞路由、prohibit/unreachable 路由、无法发送的设备，或没有隧道能发送或接收的 IP-in-IP 包）。'),
    fix: t('Check the route that matched and the state of the devices on the path (for ipip: a route into a one-to-many tunnel needs `via <other node> onlink`, and the receiving node needs a tunnel that is up for that address, or tunl0 up).', '检查匹配到的路由以及路径上设备的状态（ipip：进入一对多隧道的路由需要 `via <对端节点> onlink`，接收节点需要一个对应该地址且处于 up 状态的隧道，或启用 tunl0）。'),
  },
  // vxlan (drivers/net/vxlan/vxlan_core.c) and the MTU checks of ip_forward / ip_fragment
  NO_TX_TARGET: {
    explain: t('The vxlan device has no forwarding-database entry for the frame\'s destination MAC and no all-zeros default entry, so it does not know which VTEP (node) to send the frame to; the frame is dropped and the sender hears nothing.',
      'vxlan 设备的转发数据库（FDB）里既没有该帧目的 MAC 的表项，也没有全 0 默认表项，它不知道该把帧发给哪个 VTEP（节点）；帧被丢弃，发送方收不到任何通知。'),
    fix: t('Add the entry the controller would write: bridge fdb append <remote VTEP MAC> dev <vxlan dev> dst <remote node IP> (flannel does this for every node), or a default entry bridge fdb append 00:00:00:00:00:00 dev <vxlan dev> dst <remote node IP> to flood unknown MACs and broadcasts there. If the frame is an ARP broadcast and the device has no default entry on purpose (flannel), the missing piece is the permanent neighbour entry that makes ARP unnecessary: ip neigh add <remote VTEP IP> lladdr <remote VTEP MAC> dev <vxlan dev> nud permanent.',
      '补上控制器本该写入的表项：bridge fdb append <远端 VTEP MAC> dev <vxlan 设备> dst <远端节点 IP>（flannel 为每个节点写一条），或添加默认表项 bridge fdb append 00:00:00:00:00:00 dev <vxlan 设备> dst <远端节点 IP>，把未知 MAC 和广播泛洪过去。如果被丢的是 ARP 广播，而设备有意不设默认表项（flannel），缺的其实是让 ARP 变得多余的永久邻居表项：ip neigh add <远端 VTEP IP> lladdr <远端 VTEP MAC> dev <vxlan 设备> nud permanent。'),
  },
  VXLAN_VNI_NOT_FOUND: {
    explain: t('A VXLAN packet reached the receiving node\'s UDP port, but no vxlan device there (up, on that port) has the packet\'s VNI: the two ends disagree on the VNI.',
      'VXLAN 包到达了接收节点的 UDP 端口，但那里没有（已启用、使用该端口的）vxlan 设备拥有这个包的 VNI：两端的 VNI 不一致。'),
    fix: t('Give both ends the same VNI (ip link add … type vxlan id <VNI> …; flannel uses VNI 1) and bring the receiving device up.',
      '让两端使用相同的 VNI（ip link add … type vxlan id <VNI> …；flannel 使用 VNI 1），并启用接收端设备。'),
  },
  VXLAN_INVALID_HDR: {
    explain: t('A UDP datagram arrived on a vxlan port without a valid VXLAN header (an ordinary application sent to the tunnel\'s port).', '发往 vxlan 端口的 UDP 数据报没有合法的 VXLAN 头（普通应用发到了隧道端口）。'),
    fix: t('Use another port for the application, or send real VXLAN traffic to this one.', '让应用使用其他端口，或只向该端口发送真正的 VXLAN 流量。'),
  },
  VXLAN_ENTRY_EXISTS: {
    explain: t('With learning on, a received frame\'s source MAC came from another VTEP than the permanent FDB entry says; static entries are never moved, so the frame is dropped.',
      '开启学习时，收到的帧的源 MAC 来自另一个 VTEP，与永久 FDB 表项不符；静态表项不会迁移，于是帧被丢弃。'),
    fix: t('Correct the permanent entry (bridge fdb replace/del … dev <vxlan dev>), or let the entry be learned instead of written by hand.', '修正该永久表项（bridge fdb replace/del … dev <vxlan 设备>），或让它被学习而不是手工写入。'),
  },
  LOCAL_MAC: {
    explain: t('The decapsulated frame carries the receiving vxlan device\'s own MAC as its source: a loop (or two VTEPs with the same MAC).', '解封装后的帧以接收 vxlan 设备自己的 MAC 作为源地址：出现了环路（或两个 VTEP 的 MAC 相同）。'),
    fix: t('Give every VTEP its own MAC address.', '给每个 VTEP 分配不同的 MAC 地址。'),
  },
  MAC_INVALID_SOURCE: {
    explain: t('With learning on, a decapsulated frame\'s source MAC is not a valid unicast address, so it cannot be learned and is dropped.', '开启学习时，解封装后的帧源 MAC 不是合法的单播地址，无法学习，帧被丢弃。'),
    fix: t('Check the sender\'s MAC address.', '检查发送方的 MAC 地址。'),
  },
  PKT_TOO_BIG: {
    explain: t('The packet is larger than the MTU of the device it must leave by and its Don\'t Fragment bit is set: a router drops it and sends back ICMP "fragmentation needed" with the MTU; a sender that may not fragment (ping -M do) gets "Message too long" before anything is sent. Overlays shrink the MTU: VXLAN takes 50 bytes, so flannel.1 has 1450 on a 1500 network; IP-in-IP takes 20, so tunl0 has 1480.',
      '数据包比出接口的 MTU 大，且设置了 DF（不分片）位：路由器丢弃它并回送带有 MTU 的 ICMP “需要分片”；不允许分片的发送方（ping -M do）在发出前就得到 “Message too long”。隧道会缩小 MTU：VXLAN 占用 50 字节，所以在 1500 的网络上 flannel.1 是 1450；IP-in-IP 占用 20 字节，所以 tunl0 是 1480。'),
    fix: t('Make the pods\' MTU fit the tunnel (flannel writes FLANNEL_MTU=1450 for the CNI to set on pod interfaces: ip link set eth0 mtu 1450 in the pod and on its veth), or raise the underlay MTU (jumbo frames).',
      '让 Pod 的 MTU 适配隧道（flannel 写入 FLANNEL_MTU=1450，由 CNI 设置到 Pod 网卡：在 Pod 内及其 veth 上执行 ip link set eth0 mtu 1450），或调大底层网络的 MTU（巨帧）。'),
  },
  BRIDGE_INGRESS_STP_STATE: {
    explain: t('The bridge port is not forwarding (the bridge or the port is down).', '网桥端口不在转发状态（网桥或端口处于关闭状态）。'),
    fix: t('Bring the bridge up: ip link set <bridge> up.', '启用网桥：ip link set <bridge> up。'),
  },
  LOOP_LIMIT: {
    explain: t('podpath stopped following the packet: it crossed more devices than any real path would (a layer-2 loop).', 'podpath 停止了跟踪：该包经过的设备数超出任何真实路径（二层环路）。'),
    fix: t('Look for a bridge or switch loop in the topology.', '检查拓扑中的网桥或交换环路。'),
  },
  // the vpc fabric's own reasons (src/engine/fabric/vpc.ts): no kernel is involved
  SECURITY_GROUP_DENY: {
    explain: t('A security group of the cloud network dropped the packet: no rule of the groups on the sending ENI (egress) or on the receiving ENI (ingress) allows its protocol, port and peer address, and it is not part of a connection a stateful group already allowed.',
      '云网络的安全组丢弃了这个包：发送方 ENI 的出站规则或接收方 ENI 的入站规则中，没有一条允许它的协议、端口和对端地址，它也不属于有状态安全组已放行的连接。'),
    fix: t('Add a rule that allows this traffic to a group of that ENI (protocol, port range, the peer\'s CIDR). Tunnels need their own protocol: IP-in-IP is protocol 4, VXLAN is UDP 4789/8472; allow them, or all protocols, between the nodes.',
      '在该 ENI 的安全组中添加允许这类流量的规则（协议、端口范围、对端 CIDR）。隧道需要放行它自己的协议：IP-in-IP 是协议号 4，VXLAN 是 UDP 4789/8472；在节点之间放行它们，或放行所有协议。'),
  },
  SOURCE_DEST_CHECK: {
    explain: t('The cloud network\'s source/destination check dropped the packet: an ENI may only send packets from its own addresses and receive packets for its own addresses. A node that forwards pod traffic under the pods\' addresses (host-gw routing, a router, a NAT instance) fails it.',
      '云网络的源/目的检查丢弃了这个包：一个 ENI 只能以自己的地址发送、只能接收发给自己地址的包。以 Pod 地址转发流量的节点（host-gw 路由、路由器、NAT 实例）都过不了这一关。'),
    fix: t('Turn the check off on the ENIs that forward (AWS: modify-instance-attribute --no-source-dest-check; here sourceDestCheck: false) and add VPC routes for the pod subnets, or give the pod addresses to the ENI (secondary IPs or a delegated prefix).',
      '在负责转发的 ENI 上关闭该检查（AWS：modify-instance-attribute --no-source-dest-check；此处为 sourceDestCheck: false）并为 Pod 网段添加 VPC 路由，或者把 Pod 地址分配给 ENI（辅助 IP 或委派前缀）。'),
  },
  VPC_NO_ROUTE: {
    explain: t('The cloud network does not know where the destination is: no ENI holds the address and no entry of the VPC route table covers it (or the entry\'s ENI is gone). Pod subnets are unknown to the VPC unless something writes routes for them.',
      '云网络不知道目的地址在哪里：没有 ENI 持有这个地址，VPC 路由表里也没有覆盖它的条目（或条目指向的 ENI 已不存在）。除非有人为 Pod 网段写入路由，VPC 并不知道它们。'),
    fix: t('Add a VPC route for the destination\'s CIDR via the ENI of the node that owns it (what flannel\'s aws-vpc backend or the cloud controller\'s route controller write), or assign the address to an ENI.',
      '为目的地址所在 CIDR 添加一条 VPC 路由，指向拥有它的节点的 ENI（flannel 的 aws-vpc 后端或云控制器的路由控制器会写这些路由），或把该地址分配给某个 ENI。'),
  },
};

export function dropInfo(reason: string): DropReasonInfo {
  return DROP_REASONS[reason] ?? DROP_REASONS.NOT_SPECIFIED;
}

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
  NOT_SPECIFIED: {
    explain: t('Linux drops the packet without a specific reason here (a blackhole route, a prohibit/unreachable route, or a device that cannot send).', 'Linux 在此处丢包但未给出具体原因（黑洞路由、prohibit/unreachable 路由，或无法发送的设备）。'),
    fix: t('Check the route that matched and the state of the devices on the path.', '检查匹配到的路由以及路径上设备的状态。'),
  },
  BRIDGE_INGRESS_STP_STATE: {
    explain: t('The bridge port is not forwarding (the bridge or the port is down).', '网桥端口不在转发状态（网桥或端口处于关闭状态）。'),
    fix: t('Bring the bridge up: ip link set <bridge> up.', '启用网桥：ip link set <bridge> up。'),
  },
  LOOP_LIMIT: {
    explain: t('podpath stopped following the packet: it crossed more devices than any real path would (a layer-2 loop).', 'podpath 停止了跟踪：该包经过的设备数超出任何真实路径（二层环路）。'),
    fix: t('Look for a bridge or switch loop in the topology.', '检查拓扑中的网桥或交换环路。'),
  },
};

export function dropInfo(reason: string): DropReasonInfo {
  return DROP_REASONS[reason] ?? DROP_REASONS.NOT_SPECIFIED;
}

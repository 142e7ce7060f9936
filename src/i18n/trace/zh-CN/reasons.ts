// 简体中文: what each drop reason means, its usual fix, and what the application sees.
import type { TraceWords } from '../types';

export const reasons: TraceWords['reasons'] = {
  NOT_SPECIFIED: {
    explain: '内核释放了这个包，但没有给出原因（SKB_DROP_REASON_NOT_SPECIFIED）：许多路径最终都只是调用 kfree_skb()。丢包的 cause 说明了这一次是哪条路径。',
    fix: '顺着 cause 去查：它指出了涉及的路由、设备、隧道或服务。',
    app: '通常什么也收不到：包已经没了，发送方一直等到超时，除非内核回送了 ICMP 差错。',
  },
  NO_SOCKET: {
    explain: '数据包到达了目的地，但没有套接字接收它：该端口无人监听，或回包不属于接收方的任何连接。',
    fix: '在该端口启动服务（socat/nc -l），或让回包从客户端所连接的地址和端口返回。',
    app: 'TCP：内核回一个 RST，客户端的 connect() 立即失败，报 “Connection refused”；UDP：回送 ICMP 端口不可达（已连接的套接字报 “Connection refused”）。不属于接收方任何连接的回包会被回以 RST，或直接丢弃。',
  },
  OTHERHOST: {
    explain: '该帧的目的 MAC 是别人的；设备只接收发给自己 MAC、广播帧，或在混杂模式下接收。',
    fix: '让发送方解析到正确的邻居 MAC（ARP 或静态邻居表项）。',
    app: '什么也收不到：该帧被默默忽略，发送方最终超时。',
  },
  IP_RPFILTER: {
    explain: '反向路径过滤：回到源地址的路由不从该包的入接口出去（严格模式 rp_filter=1），或根本没有回程路由（宽松模式 rp_filter=2）。',
    fix: '添加经由入接口回到源地址的路由，或放宽 rp_filter（net.ipv4.conf.<dev>.rp_filter=2，并注意 all.rp_filter，生效值取两者最大）。',
    app: '什么也收不到：反向路径过滤静默丢包（不回 ICMP），连接最终超时。',
  },
  IP_LOCAL_SOURCE: {
    explain: '从外部收到的包，其源地址却是本命名空间自己的地址（火星源地址）；除非 accept_local=1，否则 Linux 拒收。',
    fix: '让路径改写源地址（回环流量做 SNAT/MASQUERADE），或设置 net.ipv4.conf.<dev>.accept_local=1。',
    app: '什么也收不到：火星包被静默丢弃，发送方最终超时。',
  },
  IP_INVALID_SOURCE: {
    explain: '源地址在线路上不可能合法（组播、广播、0.0.0.0/8 或环回地址）。',
    fix: '修正发送方的源地址选择。',
    app: '什么也收不到：火星包被静默丢弃，发送方最终超时。',
  },
  IP_INVALID_DEST: {
    explain: '目的地址无法被路由（0.0.0.0/8、从网卡收到的环回地址，或不可转发的路由类型）。',
    fix: '发往一条单播路由能转发的地址；从别的主机到达的 127.0.0.0/8（例如 localhost 上的 NodePort），需在接收设备上设置 net.ipv4.conf.<dev>.route_localnet=1。',
    app: '什么也收不到：包被静默丢弃，发送方最终超时。',
  },
  IP_INNOROUTES: {
    explain: '路由器收到了包，但没有去往目的地的路由；它回复 ICMP “网络不可达”。',
    fix: '在这台机器上为目的地址添加路由（或默认路由）。',
    app: '开启转发的路由器会回送 ICMP 网络不可达，客户端的调用立即失败（“Network is unreachable”）；若转发关闭，则什么也不回，最终超时。',
  },
  IP_INADDRERRORS: {
    explain: '这个包不是发给本机的，而入接口上转发是关闭的（net.ipv4.ip_forward=0），于是被丢弃。',
    fix: '打开转发：sysctl -w net.ipv4.ip_forward=1。',
    app: '什么也收不到：包被静默丢弃（不回 ICMP），发送方最终超时。',
  },
  IP_OUTNOROUTES: {
    explain: '本机发出的包没有可用路由，所以根本不会发出：可能是客户端自己的包（完全没有路由，或匹配到 blackhole、unreachable、prohibit 类型的路由或规则，cause 会指出是哪一条），无法路由回去的回包或内核响应，或 vxlan 设备发往远端 VTEP 的外层包。',
    fix: '在发送方命名空间添加路由（通常是经网关的默认路由），或删除 cause 指出的拒绝型路由或规则；对 vxlan，需要一条去往远端节点地址的路由。',
    app: '发送方自己的系统调用立即失败，什么也没发出：connect() 或 sendto() 返回 “Network is unreachable”（blackhole 路由是 “Invalid argument”，unreachable 是 “No route to host”，prohibit 是 “Permission denied”）。服务器无法路由的回包根本不会发出，客户端最终超时。',
  },
  IP_INHDR: {
    explain: 'IP 头不合格；对转发的包来说，是 TTL 耗尽（会回送 ICMP 超时）。',
    fix: '检查在机器之间来回传递该包的路由环路。',
    app: 'TTL 耗尽处的路由器回送 ICMP 超时：ping 打印 “Time to live exceeded”，traceroute 显示这一跳，TCP 连接失败并报 “No route to host”。',
  },
  IP_NOPROTO: {
    explain: '包是发给本机的，但本机没有任何东西处理它的 IP 协议号；最常见的是 IP-in-IP 包（协议号 4）到了一个没有 ipip 隧道（未加载 ipip 模块）的节点。内核向发送方回送 ICMP “协议不可达”。',
    fix: '建好接收端：在这个节点上创建 ipip 隧道（ip tunnel add NAME mode ipip local <节点 IP>，或 modprobe ipip 后启用 tunl0），并配好经它返回的路由。',
    app: '向发送方回送 ICMP 协议不可达；若是隧道包，隧道里的应用什么也收不到，最终超时。',
  },
  NEIGH_FAILED: {
    explain: '下一跳始终没有回应 ARP，它的 MAC 地址未知，排队的包被丢弃。',
    fix: '让下一跳回应：给它配置该地址，在面向发送方的接口上开启 proxy_arp（且有经其他接口去往目标的路由），或添加静态邻居表项。',
    app: '下一跳什么也不回：连接尝试一直挂着直到放弃（本机上的发送方在内核的 ARP 重试约 3 秒全部失败后得到 “No route to host”）。',
  },
  NETFILTER_DROP: {
    explain: 'Netfilter 丢弃了这个包：某条 -j DROP 或 -j REJECT 的 iptables 规则匹配了它，或者它走到了默认策略为 DROP 的内置链末尾。丢包的 cause 指出了表、链和那条规则（按 iptables-save 的格式）或默认策略；kube-proxy 的 `-m conntrack --ctstate INVALID -j DROP` 是常见的一条。',
    fix: '修改或删除那条规则（状态面板的 iptables-save 中会高亮它），在它之前插入一条 ACCEPT（例如把 `-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT` 放在最前），或修改链的默认策略（iptables -P 链名 ACCEPT）。',
    app: 'DROP 是静默的：什么也不回，客户端重传后超时（“Connection timed out”）。REJECT 立即应答：TCP RST（“Connection refused”）或它指定的 ICMP 差错（--reject-with）。',
  },
  UNHANDLED_PROTO: {
    explain: '该帧携带的协议（ethertype）在这个设备上无人处理，内核在接收时丢弃它。',
    fix: '发送 IPv4 或 ARP，或为该协议配置处理者。',
    app: '什么也收不到：该帧被静默丢弃。',
  },
  PKT_TOO_BIG: {
    explain: '数据包比出接口的 MTU 大，且设置了 DF（不分片）位：路由器丢弃它并回送带有 MTU 的 ICMP “需要分片”；不允许分片的发送方（ping -M do）在发出前就得到 “Message too long”。隧道会缩小 MTU：VXLAN 占用 50 字节，所以在 1500 的网络上 flannel.1 是 1450；IP-in-IP 占用 20 字节，所以 tunl0 是 1480。',
    fix: '让 Pod 的 MTU 适配隧道（flannel 写入 FLANNEL_MTU=1450，由 CNI 设置到 Pod 网卡：在 Pod 内及其 veth 上执行 ip link set eth0 mtu 1450），或调大底层网络的 MTU（巨帧）。',
    app: '路由器回送带 MTU 的 ICMP “需要分片”：TCP 减小报文段长度后重试（路径 MTU 发现），ping -M do 打印 “Frag needed and DF set (mtu = N)”，不允许分片的本地发送方得到 “Message too long”。如果这个 ICMP 在路上被过滤，大包就会凭空消失：连接能建立，随后卡住。',
  },
  NO_TX_TARGET: {
    explain: 'vxlan 设备的转发数据库（FDB）里既没有该帧目的 MAC 的表项，也没有全 0 默认表项，它不知道该把帧发给哪个 VTEP（节点）；帧被丢弃，发送方收不到任何通知。',
    fix: '补上控制器本该写入的表项：bridge fdb append <远端 VTEP MAC> dev <vxlan 设备> dst <远端节点 IP>（flannel 为每个节点写一条），或添加默认表项 bridge fdb append 00:00:00:00:00:00 dev <vxlan 设备> dst <远端节点 IP>，把未知 MAC 和广播泛洪过去。如果被丢的是 ARP 广播，而设备有意不设默认表项（flannel），缺的其实是让 ARP 变得多余的永久邻居表项：ip neigh add <远端 VTEP IP> lladdr <远端 VTEP MAC> dev <vxlan 设备> nud permanent。',
    app: '什么也收不到：帧在发送节点就被丢弃，发送方最终超时（若是 ARP 请求，等待它的那个包会以 NEIGH_FAILED 失败）。',
  },
  VXLAN_VNI_NOT_FOUND: {
    explain: 'VXLAN 包到达了接收节点的 UDP 端口，但那里没有（已启用、使用该端口的）vxlan 设备拥有这个包的 VNI：两端的 VNI 不一致。',
    fix: '让两端使用相同的 VNI（ip link add … type vxlan id <VNI> …；flannel 使用 VNI 1），并启用接收端设备。',
    app: '什么也收不到：接收节点静默丢弃该包，发送方最终超时。',
  },
  VXLAN_INVALID_HDR: {
    explain: '发往 vxlan 端口的 UDP 数据报没有合法的 VXLAN 头（普通应用发到了隧道端口）。',
    fix: '让应用使用其他端口，或只向该端口发送真正的 VXLAN 流量。',
    app: '什么也收不到：数据报被静默丢弃。',
  },
  VXLAN_ENTRY_EXISTS: {
    explain: '开启学习时，收到的帧的源 MAC 来自另一个 VTEP，与永久 FDB 表项不符；静态表项不会迁移，于是帧被丢弃。',
    fix: '修正该永久表项（bridge fdb replace/del … dev <vxlan 设备>），或让它被学习而不是手工写入。',
    app: '什么也收不到：帧被静默丢弃，发送方最终超时。',
  },
  LOCAL_MAC: {
    explain: '解封装后的帧以接收 vxlan 设备自己的 MAC 作为源地址：出现了环路（或两个 VTEP 的 MAC 相同）。',
    fix: '给每个 VTEP 分配不同的 MAC 地址。',
    app: '什么也收不到：帧被静默丢弃。',
  },
  MAC_INVALID_SOURCE: {
    explain: '开启学习时，解封装后的帧源 MAC 不是合法的单播地址，无法学习，帧被丢弃。',
    fix: '检查发送方的 MAC 地址。',
    app: '什么也收不到：帧被静默丢弃。',
  },
  BRIDGE_INGRESS_STP_STATE: {
    explain: '网桥端口不在转发状态（网桥或端口处于关闭状态）。',
    fix: '启用网桥：ip link set <bridge> up。',
    app: '什么也收不到：网桥静默丢弃该帧，发送方最终超时。',
  },
  QDISC_DROP: {
    explain: '设备的发送队列丢弃了这个包：被关闭的设备（ip link set … down，其队列是 noop qdisc）或没有载波的设备（父设备处于关闭状态的 macvlan 或 ipvlan）什么也发不出去。',
    fix: '启用该设备（ip link set <设备> up），macvlan 或 ipvlan 则启用其父设备，并确认它有载波。',
    app: '什么也发不出这个设备：发送方重传后超时。',
  },
  LOOP_LIMIT: {
    explain: 'podpath 停止了跟踪：该包经过的设备数超出任何真实路径（二层环路）。',
    fix: '检查拓扑中的网桥或交换环路。',
    app: '在 Linux 上这些帧会一直兜圈子（广播风暴），直到有东西打破环路；应用最终超时。',
  },
  SECURITY_GROUP_DENY: {
    explain: '云网络的安全组丢弃了这个包：发送方 ENI 的出站规则或接收方 ENI 的入站规则中，没有一条允许它的协议、端口和对端地址，它也不属于有状态安全组已放行的连接。',
    fix: '在该 ENI 的安全组中添加允许这类流量的规则（协议、端口范围、对端 CIDR）。隧道需要放行它自己的协议：IP-in-IP 是协议号 4，VXLAN 是 UDP 4789/8472；在节点之间放行它们，或放行所有协议。',
    app: '什么也收不到：安全组静默丢包，客户端最终超时。',
  },
  SOURCE_DEST_CHECK: {
    explain: '云网络的源/目的检查丢弃了这个包：一个 ENI 只能以自己的地址发送、只能接收发给自己地址的包。以 Pod 地址转发流量的节点（host-gw 路由、路由器、NAT 实例）都过不了这一关。',
    fix: '在负责转发的 ENI 上关闭该检查（AWS：modify-instance-attribute --no-source-dest-check；此处为 sourceDestCheck: false）并为 Pod 网段添加 VPC 路由，或者把 Pod 地址分配给 ENI（辅助 IP 或委派前缀）。',
    app: '什么也收不到：云网络静默丢包，客户端最终超时。',
  },
  VPC_NO_ROUTE: {
    explain: '云网络不知道目的地址在哪里：没有 ENI 持有这个地址，VPC 路由表里也没有覆盖它的条目（或条目指向的 ENI 已不存在）。除非有人为 Pod 网段写入路由，VPC 并不知道它们。',
    fix: '为目的地址所在 CIDR 添加一条 VPC 路由，指向拥有它的节点的 ENI（flannel 的 aws-vpc 后端或云控制器的路由控制器会写这些路由），或把该地址分配给某个 ENI。',
    app: '什么也收不到：云网络静默丢包，客户端最终超时。',
  },
};

// 简体中文: the drops the kernel frees without naming a reason (NOT_SPECIFIED), one entry per cause.
import type { TraceWords } from '../types';

export const unnamed: TraceWords['unnamed'] = {
  martian: {
    explain: 'br_netfilter 为一个在 PREROUTING 中改了目的地址的桥接包（桥接 DNAT）做路由查找，而这次输入路由把它判为火星包（cause 说明了原因：反向路径过滤、本机或非法源地址……）。br_netfilter 释放它时不给出原因。',
    fix: '像处理路由转发的包一样，修复 cause 指出的问题：经网桥回到源地址的路由、rp_filter，或为回环流量做 SNAT。',
    app: '什么也收不到：包被静默丢弃，客户端最终超时。',
  },
  'no-route': {
    explain: '路由查找停在了一条拒绝型的路由或 ip rule 上（cause 指出是哪一条）：blackhole 静默丢弃（EINVAL），unreachable 回送 ICMP 主机不可达（EHOSTUNREACH），prohibit 回送 ICMP 管理性禁止（EACCES）。ip_error（或桥接 DNAT 之后找不到可用路由的 br_netfilter）释放该包时不给出原因。',
    fix: '删除或缩小那条路由或规则（ip route del blackhole …、ip rule del …），或添加一条更具体、能转发该目的地址的路由；桥接 DNAT 之后，需要一条经网桥去往新目的地址的路由，或打开转发。',
    app: 'blackhole：什么也收不到，客户端最终超时；unreachable 和 prohibit：ICMP 差错让客户端的调用立即失败（“No route to host”，或结果一栏显示的内容）。',
  },
  'bridge-same-port': {
    explain: '网桥学到的目的 MAC 正位于这个帧进来的那个端口后面；除非该端口开启了 hairpin 模式，网桥从不把帧从入端口送回去（br_forward.c should_deliver），于是 br_forward 释放了它。',
    fix: '如果帧必须折回（例如 Pod 经网桥上的 DNAT 访问指向自己的 Service），为该端口开启 hairpin：bridge link set dev <端口> hairpin on，或 echo 1 > /sys/class/net/<端口>/brport/hairpin_mode。',
    app: '什么也回不来：客户端超时。',
  },
  'reset-request': {
    explain: 'TCP 复位到达了一个仍处于半开状态（SYN_RECV：服务端已回应 SYN，最后的 ACK 尚未到来）的连接。tcp_check_req 丢弃该连接请求，tcp_v4_rcv 释放复位报文且不给出原因。这里的复位通常来自一个从未拨号过的地址收到 SYN-ACK 的客户端。',
    fix: '让回包经过做过转换的那台主机返回（这样它的 NAT 才能被撤销）：让服务端的回包沿请求的来路返回，或对请求做 SNAT，迫使回包必须回来。',
    app: '服务端忘掉这个连接；发出复位的客户端仍在等待它期望的回应，最终超时。',
  },
  'peer-down': {
    explain: 'veth 对只有两端都启用时才能传包；另一端（对端，常在另一个命名空间）处于关闭状态，所以 veth_xmit 丢弃发进这一端的包。',
    fix: '在对端所在的命名空间启用它：ip netns exec <命名空间> ip link set <对端> up。',
    app: '另一端什么也出不来：客户端最终超时。',
  },
  'frag-needed': {
    explain: 'ipip 隧道在封装前用路径 MTU（底层设备的 MTU 减去 20 字节外层头）检查内层包：包太大且不允许分片，于是向其发送方回送 ICMP 需要分片，tnl_update_pmtu 释放它时不给出原因。',
    fix: '给 Pod 设置能装进隧道的 MTU（1500 的底层网络上为 1480），或调大底层网络的 MTU。',
    app: '发送方从 ICMP 差错得知路径 MTU：TCP 减小报文段长度后重试，ping -M do 打印 “Frag needed and DF set (mtu = N)”。',
  },
  'macvlan-down': {
    explain: '下层设备上有一个 passthru 模式的 macvlan，它接收到达该设备的每一帧；这个 macvlan 处于关闭状态，于是 macvlan_handle_frame 释放该帧而不是交给下去。',
    fix: '启用这个 passthru macvlan（ip link set <macvlan> up），或删除它，让下层设备重新接收自己的流量。',
    app: '什么也收不到：帧被静默丢弃，发送方最终超时。',
  },
  'ipvlan-private': {
    explain: 'ipvlan 端口处于 private 模式：同一主设备上的 ipvlan 之间从不互通。该包发往同一端口上另一个 ipvlan 持有的地址，于是被消耗掉而不投递。',
    fix: '如果主设备上的 Pod 之间应当互通，改用 bridge 模式（ip link set <ipvlan> type ipvlan mode l2 bridge），或让这类流量经主机外部的设备转发。',
    app: '什么也收不到：包消失了，客户端最终超时。',
  },
  'ipvlan-l3-group': {
    explain: 'l3（或 l3s）模式的 ipvlan 在主设备的命名空间里路由包，不发送广播和组播帧：ipvlan_process_outbound 释放它们。',
    fix: '使用单播；如果 Pod 需要在线路上广播（ARP、DHCP），改用 l2 模式。',
    app: '什么也收不到：帧被静默丢弃。',
  },
  'ipvlan-l3-proto': {
    explain: 'l3（或 l3s）模式的 ipvlan 只路由 IPv4 和 IPv6；其他 ethertype 的帧被 ipvlan_process_outbound 释放。',
    fix: '发送 IP 包，或为其他协议改用 l2 模式。',
    app: '什么也收不到：帧被静默丢弃。',
  },
  'ipvlan-no-route': {
    explain: 'l3 模式 ipvlan 的包在其主设备的命名空间里路由，而那个命名空间没有去往目的地址的可用单播路由（完全没有，或只有 local、blackhole 等非单播路由），于是 ipvlan_process_v4_outbound 释放该包。',
    fix: '在主设备所在的命名空间（通常是节点的根命名空间）添加去往目的地址的路由，通常是经网关的默认路由。',
    app: '什么也收不到：客户端最终超时。',
  },
  'vxlan-remote-type': {
    explain: '去往 vxlan 远端（另一个 VTEP）的路由不是一条出本机的单播路由：远端是本机自己的地址或广播地址。Linux 会把帧直接交给本地的 vxlan 设备；podpath 没有实现这条旁路，于是释放该包。',
    fix: '让 FDB 表项指向另一个节点的地址，而不是本节点自己的地址。',
    app: '什么也收不到：客户端最终超时。',
  },
  'ipip-no-route': {
    explain: 'ipip 隧道用外层 IPv4 头把包封装发往隧道的远端（一对多隧道则发往路由的网关），而这个外层包没有路由：隧道记一次 carrier 错误并释放它。',
    fix: '在持有隧道的命名空间里添加去往远端节点地址的路由。',
    app: '什么也收不到：客户端最终超时。',
  },
  'ipip-loop': {
    explain: '外层 IP-in-IP 包的路由又指回了同一条隧道：发出去会无限循环，于是内核记一次 collision 并释放它。',
    fix: '让远端节点的地址经底层设备（eth0）路由，而不是经隧道；进入隧道的路由需要 `via <对端节点> onlink`。',
    app: '什么也收不到：客户端最终超时。',
  },
  'ipip-no-tunnel': {
    explain: '一个 IP-in-IP 包到达了本节点，但没有处于 up 状态的 ipip 隧道匹配它的外层源和目的地址，而（接收任意来源的）tunl0 处于关闭状态或不存在：回送 ICMP 端口不可达，包被释放。',
    fix: '建好接收端：一条远端为发送方（或 any）、本端为该地址的隧道，或启用 tunl0（modprobe ipip；ip link set tunl0 up）。',
    app: '外层发送方收到 ICMP 端口不可达，但它的隧道忽略这个差错；隧道里的应用什么也收不到，最终超时。',
  },
  'ipip-error': {
    explain: '回来了一个关于外层 IP-in-IP 包的 ICMP 差错；ipip_err 只记下它（一对多隧道则忽略它）并释放这个差错。它永远到不了发送内层包的应用。',
    fix: '修复这个 ICMP 差错所报告的、隧道两端之间路径上的问题（路由、过滤、MTU）。',
    app: '什么也收不到：内层包的发送方得不到通知，最终超时。',
  },
  'ipvs-no-dest': {
    explain: 'IPVS 接下了发往某个虚拟服务的包，但该服务没有真实服务器（没有 endpoint），无处可发。',
    fix: '给服务一个 endpoint（Service 后面一个就绪的 Pod；ipvsadm -a -t VIP:端口 -r POD:端口 -m）。',
    app: '什么也收不到：客户端最终超时。',
  },
  'ipvs-no-route': {
    explain: 'IPVS 选好了真实服务器，但本节点没有去往它地址的路由，于是转发（伪装）后的包被释放。',
    fix: '在本节点添加去往真实服务器所在 Pod 网络的路由（这是 CNI 的职责：去往另一个节点 Pod 网段的路由，或覆盖网络）。',
    app: '什么也收不到：客户端最终超时。',
  },
  'vpc-eni-down': {
    explain: '云网络把包交给了一个 ENI，而它在机器上对应的网卡处于关闭状态，包就丢在了那里。',
    fix: '在拥有该 ENI 的机器上启用网卡（ip link set <设备> up）。',
    app: '什么也收不到：客户端最终超时。',
  },
  vanished: {
    explain: '没有任何环节丢弃这个包，也没有谁接收它：它被某个既不交给套接字、也不往下传的地方消耗掉了（dummy 设备、没有对端的设备）。',
    fix: '看这一段的最后一步：包就是去了那里；把它路由到能投递它的地方。',
    app: '什么也收不到：客户端最终超时。',
  },
};

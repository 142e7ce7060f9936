// 简体中文：包为何死在这里（丢包事件的 cause）。
import type { RouteDecision } from '../../../engine/trace/causes';
import type { CauseWords } from '../types';
import { martianText } from './why';

const TYPE_ZH = { blackhole: '黑洞（blackhole）', unreachable: '不可达（unreachable）', prohibit: '禁止（prohibit）' } as const;

/** `黑洞（blackhole）路由“blackhole 10.0.0.0/8”` */
function decisionText(d: RouteDecision): string {
  return d.by === 'route' ? `${TYPE_ZH[d.type]}路由“${d.line}”` : `${TYPE_ZH[d.type]}策略规则“${d.line}”`;
}

export const causes: CauseWords = {
  'hop-limit': (c) => `该包经过的设备超过 ${c.limit} 个，多于任何真实路径：podpath 停止跟踪（二层环路）`,
  'l2-loop': (c) => `该副本回到了已经转发过同一帧的${c.kind === 'bridge' ? '网桥' : '交换机'} ${c.name}：这是二层环路。没有 STP 时内核会让它在环路中无休止地泛洪（广播风暴），网桥的 MAC 表也会来回翻转；podpath 在此停止这份副本，只跟踪最先到达的那些`,
  'sender-too-big': (c) => `${c.length} 字节超过 ${c.dev} 的 MTU ${c.mtu}，而发送方禁止分片：什么也没发出`,
  'sender-no-route': (c) => (c.decided ? `发送方查找去往 ${c.dst} 的路由时停在了${decisionText(c.decided)}上：connect() 失败` : `发送方没有去往 ${c.dst} 的路由：connect() 失败`),
  'reply-no-route': (c) => (c.decided ? `回到 ${c.dst} 的路由查找停在了${decisionText(c.decided)}上：${c.packet} 根本发不出去` : `没有回到 ${c.dst} 的路由：${c.packet} 根本发不出去`),
  otherhost: (c) => `帧的目的 MAC 是 ${c.dst}，不是 ${c.dev} 的 ${c.mac}：丢弃`,
  martian: (c) => `火星${c.what === 'source' ? '源' : '目的'}地址：${martianText(c.why)}`,
  'no-route': (c) => {
    if (!c.forwarding) return '这个包不是发给本机的，而转发已关闭：丢弃';
    const what = c.decided ? `匹配到${decisionText(c.decided)}` : c.icmp !== undefined ? '无路由' : c.errno === 'EINVAL' ? '黑洞路由' : `没有可用路由（${c.errno}）`;
    if (c.icmp !== undefined) return `${what}：丢弃，并向发送方回送 ICMP 目的不可达（code ${c.icmp}）`;
    return c.errno === 'EINVAL' ? `${what}：丢弃，且不通知发送方` : `${what}：丢弃`;
  },
  'nf-jump-depth': () => '链跳转嵌套过深：包被丢弃',
  'nf-policy': (c) => `没有规则接受它，而 ${c.chain} 链的默认策略是 DROP`,
  'nf-rule': (c) => (c.rule ? `${c.table} 表 ${c.chain} 链的第 ${c.index} 条规则丢弃了它：${c.rule}` : `被 ${c.table} 表的 ${c.chain} 链丢弃`),
  'nf-reject': (c) => (c.rule ? `${c.table} 表 ${c.chain} 链的第 ${c.index} 条规则拒绝了它（${c.with}）：${c.rule}` : `被拒绝（${c.with}）`),
  'nat-redirect': (c) => `NAT 在 ${c.hook} 丢弃一个 ICMP 重定向：它所涉及的连接${c.natted ? '正在被地址转换' : '的 NAT 尚未确定'}，被重定向的主机会绕过转换直接通信`,
  'reroute-no-route': (c) => `改写后的目的地址 ${c.dst} 没有路由`,
  'dev-down': (c) => `${c.dev} 处于关闭状态，无法发送`,
  'peer-down': (c) => `${c.dev} 的对端处于关闭状态：没有载波`,
  'neigh-failed': (c) => `${c.nexthop} 没有 ARP 应答：邻居表项 FAILED，排队的包被丢弃`,
  'frag-needed': (c) =>
    c.underlay
      ? `${c.length} 字节且带 DF 位，超出隧道路径（${c.underlay.dev} 的 MTU ${c.underlay.mtu} 减去外层 20 字节 = ${c.mtu}）：回送 ICMP 需要分片（mtu ${c.mtu}），包被释放`
      : `${c.length} 字节且带 DF 位，超过 ${c.dev} 的 MTU ${c.mtu}：丢弃，并向发送方回送 ICMP 需要分片（mtu ${c.mtu}）`,
  'bridge-down': (c) => `网桥 ${c.bridge} 处于关闭状态：端口 ${c.port} 不转发`,
  'bridge-same-port': (c) => `${c.mac} 位于 ${c.port} 之后，正是帧进来的端口：除非该端口开启了 hairpin 模式（\`bridge link set dev ${c.port} hairpin on\`），网桥 ${c.bridge} 从不把帧从它的入口端口发回去`,
  'no-carrier': (c) => `${c.dev} 的父设备 ${c.lower} 处于关闭状态或没有载波，所以 ${c.dev} 也没有载波：其队列丢弃该帧`,
  'macvlan-down': (c) => `${c.lower} 上 passthru 模式的 macvlan ${c.dev} 处于关闭状态：帧被释放`,
  'ipvlan-private': (c) => `ipvlan 端口是 private 的：${c.addr} 属于同一主设备上的 ${c.owner}，private 的 ipvlan 之间从不互通（包被消耗）`,
  'ipvlan-l3-group': (c) => `${c.dev} 是 l3 模式的 ipvlan：不发送组播/广播帧`,
  'ipvlan-no-route': (c) => `${c.dev} 的主设备所在的命名空间没有去往 ${c.dst} 的${c.type ? `单播路由（只有一条 ${c.type} 路由）` : `路由（${c.errno}）`}：包被释放`,
  'vxlan-no-fdb': (c) => `${c.dev} 的 FDB 既没有 ${c.mac} 的表项，也没有 00:00:00:00:00:00 默认表项：帧无处可发`,
  'vxlan-no-route': (c) => `没有到远端 VTEP ${c.remote} 的路由（${c.errno}）`,
  'vxlan-circular': (c) => `去往 ${c.remote} 的路由又回到了 ${c.dev}（环路）`,
  'vxlan-remote-type': (c) => `远端 ${c.remote} 是 ${c.type} 地址：未实现 vxlan 的本地旁路`,
  'vxlan-bad-header': (c) => `发往端口 ${c.port} 的 UDP 数据报没有 VXLAN 头`,
  'vxlan-vni': (c) => `来自 ${c.from} 的 VNI ${c.vni}：这里没有该 VNI 的 vxlan 设备（端口 ${c.port}：${c.devices.map((d) => `${d.dev}（VNI ${d.vni}）`).join('、')}）`,
  'vxlan-own-mac': (c) => `内层帧的源 MAC 就是 ${c.dev} 自己的：环路`,
  'vxlan-entry-exists': (c) => `${c.mac} 来自 ${c.from}，但永久 FDB 表项把它放在 ${c.owner} 之后：静态表项不会迁移，帧被丢弃`,
  'vxlan-bad-source': (c) => `内层源 MAC ${c.mac} 不是单播地址`,
  'ipip-no-route': (c) => `外层包去往 ${c.dst} 没有路由：${c.dev} 记一次 carrier 错误并释放该包`,
  'ipip-loop': (c) => `去往 ${c.dst} 的外层包又会回到 ${c.dev} 自己：内核记一次 collision 并释放它`,
  'ipip-not-loaded': (c) => `IP 协议 4 没有处理者（未加载 ipip 模块）：向 ${c.from} 回送 ICMP 协议不可达`,
  'ipip-no-tunnel': (c) => `没有处于 up 状态的 ipip 隧道匹配 ${c.src} > ${c.dst}（tunl0 也是 down）：回送 ICMP 端口不可达`,
  'ipip-error': (c) => {
    const what = c.tunnel === undefined ? '本命名空间没有隧道发过它' : c.nbma ? `${c.tunnel} 是一对多隧道，忽略它` : `${c.tunnel} 只记下它，在后续包上报告链路故障`;
    return `关于发往 ${c.dst} 的 IP-in-IP 包的 ICMP 差错：${what}；内层包的发送方什么也收不到`;
  },
  'ipvs-no-dest': (c) => `IPVS ${c.service} 没有真实服务器`,
  'ipvs-no-route': (c) => `没有去往真实服务器 ${c.dst} 的路由`,
  'reset-request': (c) => `${c.local}:${c.lport} ⇄ ${c.remote}:${c.rport} 仍处于半开状态（SYN_RECV）时收到复位：连接请求被丢弃，复位报文也随之释放`,
  'no-socket': (c) => `没有套接字接收 ${c.proto.toUpperCase()} ${c.dst}:${c.dport}（来自 ${c.src}:${c.sport}）`,
  'no-socket-icmp': (c) => `来自 ${c.src} 的 ICMP type ${c.type} 不属于这里的任何套接字`,
  'vpc-no-route': (c) => `VPC 没有去往 ${c.dst} 的路由：丢弃`,
  'vpc-security-group': (c) => `${c.eni} 的安全组${c.dir === 'ingress' ? '入站' : '出站'}检查：丢弃`,
  'vpc-source-dest': (c) => (c.which === 'source' ? `${c.eni} 只能以自己的地址发送：丢弃` : `${c.eni} 只能接收发给自己地址的包：丢弃`),
  'vpc-eni-down': (c) => `${c.eni} 的网卡处于关闭状态：包丢失`,
  'ttl-exceeded': (c) => `TTL ${c.ttl} 无法再递减转发：向发送方回送 ICMP 超时`,
  'no-protocol': (c) => `本机没有处理 IP 协议 ${c.protocol} 的模块：回送 ICMP 协议不可达`,
  'unhandled-proto': (c) => `${c.dev} 上没有谁处理 ethertype 0x${c.ethertype.toString(16).padStart(4, '0')}`,
  'ipvlan-l3-proto': (c) => `${c.dev} 是 l3 模式的 ipvlan：ethertype 0x${c.ethertype.toString(16).padStart(4, '0')} 既不是 IPv4 也不是 IPv6，被释放`,
  vanished: () => '没有任何环节丢弃这个包，也没有谁接收它：包丢失了',
};

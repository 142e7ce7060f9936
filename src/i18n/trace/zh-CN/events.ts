// 简体中文：每个跟踪事件代码的说法。协议字段、内核函数名与命令行保持原样。
import { formatHeaders } from '../../../engine/packet/format';
import type { SgWhy, VpcRouteWhy } from '../../../engine/trace/causes';
import type { NatParams } from '../../../engine/trace/events';
import { placeText, sameNamespace } from '../common';
import type { EventWords } from '../types';
import { causes } from './causes';
import { checkText, ctInvalidText, martianText } from './why';

const SIDE = { ingress: '进入', egress: '离开' } as const;
const FIELD = { src: '源', dst: '目的' } as const;
const quotedText = (q: NatParams['quoted']) =>
  q ? `；被引用的包：${FIELD[q.field]} ${q.from}${q.fromPort !== undefined ? `:${q.fromPort}` : ''} → ${q.to}${q.toPort !== undefined ? `:${q.toPort}` : ''}` : '';
const DIR = { original: '原始', reply: '回复' } as const;

function sgText(why: SgWhy, eni: string, dir: 'ingress' | 'egress'): string {
  const side = SIDE[dir];
  switch (why.code) {
    case 'no-groups':
      return `ENI ${eni} 没有安全组：不过滤`;
    case 'tracked':
      return `安全组 ${why.group} 先前放行的连接（${why.flow}）：允许${side} ${eni}`;
    case 'related':
      return `关于安全组 ${why.group} 所跟踪连接（${why.flow}）的 ICMP 差错：放行`;
    case 'allowed':
      return why.stateful ? `安全组 ${why.group} 允许它${side} ${eni}，并跟踪该连接，回包因此放行` : `安全组 ${why.group}（无状态）允许它${side} ${eni}`;
    case 'denied': {
      const what = why.port !== undefined ? `${why.proto} 端口 ${why.port}` : why.proto;
      return `${eni} 上的安全组 ${why.groups.join('、')} 没有${dir === 'ingress' ? '入站' : '出站'}规则允许${dir === 'ingress' ? '来自' : '发往'} ${why.peer} 的 ${what}，它也不属于任何已跟踪的连接`;
    }
  }
}

function vpcRouteText(why: VpcRouteWhy, dst: string): string {
  switch (why.code) {
    case 'eni':
      return `${dst} 属于 ENI ${why.eni}：交付给它`;
    case 'route':
      return `VPC 路由表把 ${dst} 发往 ENI ${why.eni}`;
    case 'local-unheld':
      return `${dst} 在 VPC 网段（${why.cidr}）内，但没有 ENI 持有这个地址`;
    case 'none':
      return `没有 ENI 持有 ${dst}，VPC 路由表里也没有覆盖它的路由`;
    case 'blackhole':
      return `去往 ${dst} 的路由指向 ${why.via}，但它没有接入此 VPC（黑洞路由）`;
  }
}

export const events: EventWords = {
  'route.output': ({ params: p }) => {
    const via = p.gateway !== undefined ? `经 ${p.gateway}` : '';
    if (p.purpose === 'ipip') {
      const why = p.tunnelDst === 'remote'
        ? `隧道的 remote ${p.dst}`
        : p.tunnelDst === 'gateway'
          ? `一对多隧道：选中 ${p.tunnel} 的那条路由的网关 ${p.dst}`
          : `一对多隧道而路由没有网关：就用内层目的地址 ${p.dst}`;
      return p.result === 'error' ? `外层目的地址：${why}；没有去往它的路由（${p.errno}）` : `外层目的地址：${why}；路由${via}从 ${p.dev} 出去，源地址 ${p.src}`;
    }
    if (p.result === 'error') return `没有去往 ${p.dst} 的路由（${p.errno}）`;
    if (p.purpose === 'vxlan') return `外层路由去往 ${p.dst}：从 ${p.dev} 出去，源地址 ${p.src}`;
    if (p.purpose === 'ipvs') return `发往真实服务器${via ? `，${via}` : ''}，出接口 ${p.dev}，经过 OUTPUT`;
    if (p.purpose === 'ipvlan') return `ipvlan 的包在其主设备所在的命名空间里路由：去往 ${p.dst}${via ? `，${via}` : ''}，出接口 ${p.dev}，随后经过那里的 OUTPUT 和 POSTROUTING`;
    if (p.result === 'local') return `${p.dst} 是本机地址：走环回`;
    return `去往 ${p.dst}${via ? `，${via}` : ''}，出接口 ${p.dev}，源地址 ${p.src}`;
  },
  'route.reroute': ({ params: p }) => `OUTPUT 改变了${p.changed === 'dst' ? '目的地址' : '标记'}：重新路由，现在${p.gateway !== undefined ? `经 ${p.gateway}` : ''}从 ${p.dev} 出去`,
  'route.input': ({ params: p }) => {
    switch (p.result) {
      case 'local':
        return `${p.dst} 是本机地址：本地交付`;
      case 'broadcast':
        return `${p.dst} 是广播地址：本地交付`;
      case 'forward':
        return `${p.dst} 不是本机地址：${p.gateway !== undefined ? `经 ${p.gateway} ` : ''}从 ${p.dev} 转发`;
      case 'martian':
        return `为 ${p.dst} 查路由`;
      case 'error':
        return p.forwarding ? `没有去往 ${p.dst} 的可用路由（${p.errno}）` : `${p.dst} 不是本机地址，且 ${p.inDev} 上转发已关闭`;
    }
  },
  'route.validate': ({ params: p }) => {
    const mark = p.mark
      ? p.mark.used
        ? `（反查时带上了包的标记 0x${p.mark.value.toString(16)}：src_valid_mark=1）`
        : `（反查时不带包的标记 0x${p.mark.value.toString(16)}：src_valid_mark=0）`
      : '';
    return `rp_filter=${p.rpFilter}：${checkText(p.check, p.rpFilter)}${mark}`;
  },
  'ip.forward': ({ params: p }) => `从 ${p.inDev} 转发到 ${p.outDev}，下一跳 ${p.nexthop}；TTL ${p.ttl} → ${p.newTtl}`,
  'ip.redirect': ({ params: p }) => p.limited
    ? `包从进来的设备 ${p.dev} 原路出去，但刚刚已向 ${p.to} 发过重定向：暂不再发（ip_rt_send_redirect 的速率限制）；包照常转发`
    : `包从进来的设备 ${p.dev} 原路出去，且源地址 ${p.to} 就在这条链路上：向 ${p.to} 发送 ICMP 重定向——去往 ${p.dst} 请直接经 ${p.gateway}；包仍照常转发（send_redirects=0 可关闭）`,
  'ip.fragment': ({ params: p }) => `${p.length} 字节超过 ${p.dev} 的 MTU ${p.mtu}：分成 ${p.count} 个分片发送，由接收方重组（podpath 把它们当作一个包跟踪）`,

  'neigh.output': ({ params: p }) => `下一跳 ${p.nexthop} 位于 ${p.lladdr}（${p.state}）`,
  'neigh.noarp': ({ params: p }) => `${p.dev} 没有链路层（NOARP）：不发 ARP，也不加以太网头`,
  'neigh.solicit': ({ params: p }) => `下一跳 ${p.nexthop} 在 ${p.dev} 上未知：包先排队，用 ARP 询问`,
  'neigh.resolved': ({ params: p }) => `已解析 ${p.nexthop} → ${p.lladdr}：发送排队的包`,
  'neigh.update': ({ params: p }) => `${p.addr} 位于 ${p.lladdr}：邻居表项变为 ${p.state}`,
  'arp.request': ({ params: p }) => `谁是 ${p.target}？从 ${p.dev} 以 ${p.sender} 广播 ARP 请求`,
  'arp.otherhost': () => '发给其他主机的 ARP 帧：忽略',
  'arp.noarp': ({ params: p }) => `${p.dev} 不做 ARP（NOARP）：ARP 帧被消耗，不作应答`,
  'arp.local': ({ params: p }) => `${p.target} 是本机地址：应答，并记下 ${p.sender} 位于 ${p.senderMac}`,
  'arp.ignore': ({ params: p }) => `${p.target} 是本地地址，但 arp_ignore 让 ${p.dev} 不作应答`,
  'arp.proxy': ({ params: p }) => `${p.dev} 开启了 proxy_arp：${p.target} 经 ${p.outDev} 路由，于是用自己的 MAC 应答`,
  'arp.martian': ({ params: p }) => `请求方 ${p.sender} 未通过源地址校验（${martianText(p.why)}）：不应答`,
  'arp.decline': ({ params: p }) => {
    const proxy = p.proxy === 'no-route'
      ? '（开启了 proxy_arp，但没有可用的路由到达它）'
      : p.proxy === 'same-dev'
        ? `（开启了 proxy_arp，但去往它的路由正是从 ${p.dev} 出去）`
        : p.proxy === 'no-forwarding'
          ? '（开启了 proxy_arp，但转发已关闭）'
          : '';
    return `${p.target} 不是本机地址${proxy}：不应答`;
  },
  'arp.unsolicited': () => '未经请求的 ARP 应答：忽略（arp_accept=0）',
  'arp.reply': ({ params: p }) => `ARP 应答：${p.target} 位于 ${p.lladdr}`,

  'dev.xmit': ({ params: p }) => `从 ${p.dev} 发往网络 ${p.network}`,
  'veth.xmit': ({ params: p, at }) => {
    const sameNs = p.peer.machine === at.machine && p.peer.netns === at.netns;
    const mark = p.markCleared !== undefined ? `；包上的标记 0x${p.markCleared.toString(16)} 留在了原命名空间（标记不跨命名空间）` : '';
    return `从 ${p.dev} 发出；veth 对把它交给 ${sameNs ? p.peer.dev : placeText(p.peer)}${mark}`;
  },
  'br.xmit': ({ params: p, packet }) => `从网桥 ${p.bridge} 发出：${formatHeaders(packet)}`,
  'lo.xmit': () => '环回到本命名空间',
  'dummy.xmit': ({ params: p }) => `${p.dev} 是 dummy 设备：包被丢弃`,
  'ipip.xmit': ({ params: p, packet }) => `从 ${p.dev} 发出：${formatHeaders(packet)}`,
  'dev.recv': ({ params: p, packet }) => `在 ${p.dev} 上收到：${formatHeaders(packet)}`,
  'br.nf.xmit': ({ params: p }) => `邻居解析后从 ${p.bridge} 发出，又立即交回网桥转发（桥接 DNAT，br_nf_pre_routing_finish_bridge_slow）；在 ${p.bridge} 上 tcpdump 能看到，但其计数器不变`,
  'dev.forward': ({ params: p }) => `本机的另一设备把帧直接交给 ${p.dev} 的接收路径（dev_forward_skb）：在 ${p.dev} 上 tcpdump 能看到，但其计数器不变`,

  'macvlan.xmit': ({ params: p, at }) => {
    const lower = sameNamespace(p.lower, at) ? p.lower.dev : placeText(p.lower);
    if (p.to === 'sibling') return `bridge 模式：${placeText(p.sibling!)} 是 ${lower} 上另一个 bridge 模式的 macvlan：直接交给它，不离开主机`;
    if (p.to === 'flood') {
      const sibs = (p.siblings ?? []).map(placeText).join('、');
      return `bridge 模式：组播/广播帧，复制给${sibs ? ` bridge 模式的兄弟设备 ${sibs}` : '（没有 bridge 模式的兄弟设备）'}，并从 ${lower} 发出`;
    }
    if (p.sibling) {
      const why = p.mode !== 'bridge' ? `${p.mode} 模式从不直接与兄弟设备通信` : `${placeText(p.sibling)} 是 ${p.siblingMode} 模式，不接收兄弟设备直接发来的帧`;
      return `目的地是同一父设备上的 ${placeText(p.sibling)}，但${why}：从 ${lower} 发到线路上（只有支持 hairpin 的交换机才会把它送回来）`;
    }
    return p.mode === 'vepa' ? `vepa 模式：所有帧都从 ${lower} 发到线路上` : `${p.mode} 模式：从 ${lower} 发到线路上`;
  },
  'macvlan.rx': ({ params: p }) => p.passthru
    ? `${p.lower} 上有一个 passthru 模式的 macvlan：所有单播帧都归它，这里是发给 ${p.mac} 的：交给 ${placeText(p.dev)}`
    : `${p.mac} 是 macvlan ${placeText(p.dev)} 的 MAC：${p.lower} 把帧交给它（自己的协议栈看不到这个帧）`,
  'macvlan.pass': ({ params: p }) => `${p.lower} 上没有 MAC 为 ${p.mac} 的 macvlan：这个帧归 ${p.lower} 自己`,
  'macvlan.broadcast': ({ params: p }) => {
    const to = p.to.map(placeText).join('、') || '（没有 macvlan）';
    if (p.source === 'own') return `${to} 发出的组播/广播帧又回来了：只有它自己收到一份`;
    if (p.source === 'hairpin') return `${p.lower} 的某个 macvlan 发出的组播/广播帧从线路上回来了：复制给 ${to}；${p.lower} 自己也收下`;
    return `来自线路的组播/广播帧 ${p.mac}：给每个 macvlan 一份（${to}），${p.lower} 自己的协议栈也收下`;
  },
  'ipvlan.xmit': ({ params: p, at }) => {
    const lower = sameNamespace(p.lower, at) ? p.lower.dev : placeText(p.lower);
    const mode = `ipvlan ${p.mode}${p.flag !== 'bridge' ? ` ${p.flag}` : ''}`;
    switch (p.to) {
      case 'slave':
        return `${mode}：${p.addr} 属于同一主设备上的 ${placeText(p.slave!)}：直接交给它，不离开主机`;
      case 'master':
        return `${mode}：帧发往端口自己的 MAC，且没有哪个 ipvlan 持有 ${p.addr}：由 ${lower} 自己的协议栈接收`;
      case 'flood':
        return `${mode}：组播/广播帧，复制给 ${(p.slaves ?? []).map(placeText).join('、') || '（没有其他 ipvlan）'}，并从 ${lower} 发出`;
      case 'lower':
        return `${mode}：${p.flag === 'vepa' ? 'vepa：所有帧' : '帧发往别的 MAC'}：从 ${lower} 发到线路上`;
      case 'route':
        return `${mode}：${p.flag === 'vepa' ? 'vepa：不走兄弟设备之间的捷径' : `没有哪个 ipvlan 持有 ${p.addr}`}：包离开 ipvlan 的命名空间，由 ${lower} 所在的命名空间路由`;
    }
  },
  'ipvlan.rx': ({ params: p }) => `ipvlan ${p.mode}：${p.addr} 属于 ${placeText(p.dev)}：${p.lower} 把包交给它（自己的协议栈看不到）`,
  'ipvlan.pass': ({ params: p }) => p.mode === 'l3s'
    ? `ipvlan l3s：所有包都先由 ${p.lower} 自己的协议栈接收（PREROUTING 在这里执行）`
    : `ipvlan ${p.mode}：${p.lower} 上没有哪个 ipvlan 持有 ${p.addr ?? '目的地址'}：由 ${p.lower} 自己的协议栈接收`,
  'ipvlan.flood': ({ params: p }) => `来自线路的组播/广播帧：复制给 ${p.lower} 上的每个 ipvlan（${p.to.map(placeText).join('、') || '没有处于 up 状态的'}）；${p.lower} 自己也收下`,
  'ipvlan.l3s': ({ params: p }) => `ipvlan l3s：${p.addr} 属于 ${placeText(p.dev)}：在它的命名空间里按“从它收到”来路由；INPUT 仍在 ${p.lower} 所在的命名空间执行`,
  'ipvlan.l3s-input': ({ params: p }) => `ipvlan l3s，INPUT 之后：包现在归 ${p.dev}`,

  'br.fdb.learn': ({ params: p }) => `网桥 ${p.bridge} 学习到 ${p.mac} 位于端口 ${p.port} 之后`,
  'br.forward': ({ params: p }) => p.hairpin
    ? `FDB：${p.mac} 位于端口 ${p.port} 之后，正是帧进来的端口；${p.port} 开启了 hairpin 模式，所以帧从这里原路发回`
    : `FDB：${p.mac} 位于端口 ${p.port} 之后`,
  'br.forward.inport': ({ params: p }) => `${p.mac} 就在来向端口之后，而 ${p.port} 没有开启 hairpin 模式：不转发`,
  'br.flood': ({ params: p }) => `${p.broadcast ? '广播帧' : `${p.mac} 未知`}：泛洪到 ${p.ports.join('、') || '（没有其他端口）'}`,
  'br.nf': ({ params: p }) => `进入网桥端口 ${p.port} 的 IPv4 帧：bridge-nf-call-iptables=1，在这里经过 iptables PREROUTING 钩子（physdev 入口 ${p.port}）`,
  'br.nf.dnat': ({ params: p }) => p.to === 'bridge'
    ? `目的地址变成了 ${p.dst}，经 ${p.bridge} 本身即可到达：桥接 DNAT —— 帧被桥接到它的 MAC，而不是被路由（TTL 不减）`
    : `目的地址变成了 ${p.dst}：帧交给 ${p.bridge} 的 IP 协议栈去路由`,

  'nf.rule': ({ params: p }) => {
    const t = p.target;
    const target = !t ? '' : t.chain !== undefined ? `：${t.kind === 'goto' ? '跳转（goto）' : '跳转'}到 ${t.chain}` : `：${t.kind}`;
    return `${p.chain} 的第 ${p.index} 条规则命中${target}`;
  },
  'nf.policy': ({ params: p }) => `到达 ${p.chain} 链末尾：由默认策略 ${p.policy} 决定`,
  'ct.new': () => 'conntrack：新连接（NEW）',
  'ct.known': ({ params: p }) => `conntrack：${p.state}，已知连接的${DIR[p.dir]}方向${p.tcp ? `（TCP ${p.tcp}）` : ''}`,
  'ct.invalid': ({ params: p }) => `conntrack：INVALID —— ${ctInvalidText(p.why)}`,
  'ct.confirm': () => 'conntrack 表项已确认：连接开始被跟踪',
  'ct.attach': ({ params: p }) => `conntrack：这个应答沿用它所应答的包的连接——RELATED，${p.dir === 'reply' ? '回复' : '原始'}方向（conntrack 不再查表；NAT 把它当作该连接的包处理）`,
  'nat.dnat': ({ params: p }) => `DNAT：${FIELD[p.field]} ${p.from} → ${p.to}${p.toPort !== undefined ? `:${p.toPort}` : ''}${quotedText(p.quoted)}`,
  'nat.snat': ({ params: p }) => `SNAT：${FIELD[p.field]} ${p.from} → ${p.to}${p.toPort !== undefined ? `:${p.toPort}` : ''}${quotedText(p.quoted)}`,
  'nat.undo': ({ params: p }) => `回包：撤销 ${p.undone} —— ${FIELD[p.field]} ${p.from} → ${p.to}${quotedText(p.quoted)}`,

  'ipvs.schedule': ({ params: p }) => `IPVS ${p.scheduler}：选中第 ${p.index}/${p.count} 个真实服务器 ${p.dest}:${p.port}`,
  'ipvs.dnat': ({ params: p }) => `IPVS masquerade：目的 ${p.from}:${p.fromPort} → ${p.to}:${p.toPort}`,
  'ipvs.reply': ({ params: p }) => `IPVS 回包：源 ${p.from}:${p.fromPort} → ${p.to}:${p.toPort}`,

  'vxlan.fdb': ({ params: p }) => (p.default ? `FDB：没有 ${p.mac} 的表项；全 0 默认表项把副本发往 ${p.remotes.join('、')}` : `FDB：${p.mac} 位于 VTEP ${p.remotes.join('、')} 之后`),
  'vxlan.encap': ({ params: p }) => `封装进 UDP ${p.port}，VNI ${p.vni}：外层 IPv4 ${p.src} > ${p.dst} 包住整个内层帧`,
  'vxlan.decap': ({ params: p }) => `UDP ${p.port} 属于 vxlan 套接字：来自 ${p.from} 的 VNI ${p.vni} 属于 ${p.dev}；解封装后内层帧到达 ${p.dev}`,
  'vxlan.learn': ({ params: p }) => (p.movedFrom !== undefined ? `学习：${p.mac} 从 ${p.movedFrom} 迁到 ${p.vtep}` : `学习：${p.mac} 位于 VTEP ${p.vtep} 之后`),
  'ipip.encap': ({ params: p }) =>
    `IP-in-IP：在 ${p.innerSrc} > ${p.innerDst} 外面加上外层 IPv4 ${p.src} > ${p.dst}，协议号 4，ttl ${p.ttl}${p.inherited ? '（继承内层）' : ''}${p.df ? '，DF' : ''}`,
  'ipip.decap': ({ params: p, packet }) => `${p.dev} 接收来自 ${p.from} 的包：剥掉外层头，${formatHeaders(packet)}`,

  'sock.deliver': ({ params: p }) => `交付给已连接的套接字 ${p.local}:${p.lport} ⇄ ${p.remote}:${p.rport}`,
  'sock.listen': ({ params: p }) => `交付给端口 ${p.port} 上的 ${p.proto.toUpperCase()} 监听者（${p.command}）`,
  'icmp.echo': () => '回显请求由内核应答',
  'icmp.redirect': ({ params: p }) => {
    const head = `来自 ${p.from} 的重定向：去往 ${p.dst} 经 ${p.gateway}`;
    if (p.result === 'applied') return `${head}——接受：生成路由异常（\`ip route get ${p.dst}\` 显示 \`cache <redirected>\`），之后去往 ${p.dst} 的包直接发给 ${p.gateway}`;
    if (p.result === 'resolving') return `${head}——可以接受，但还不知道 ${p.gateway} 的 MAC：先用 ARP 询问，路由暂不改变，直到之后的重定向发现它已知`;
    switch (p.why) {
      case 'no-socket': return `${head}——忽略：这里没有哪个套接字发过它所引用的包`;
      case 'socket-busy': return `${head}——忽略：它到达时，发送该报文段的调用（connect、send）仍占着这个 TCP 套接字，tcp_v4_err 不改动被占用套接字的路由`;
      case 'request-socket': return `${head}——忽略：它引用的 SYN-ACK 属于尚未完成的连接，tcp_req_err 不处理重定向`;
      case 'other-gateway': return `${head}——忽略：去往 ${p.dst} 的路由并不经过 ${p.from}${p.via ? `（它经 ${p.via}）` : `（${p.dst} 直连）`}`;
      case 'not-accepted': return p.forwarding
        ? `${head}——忽略：该设备开启了转发，转发设备只有在 conf/all 和自身 conf 的 accept_redirects 都开启时才接受重定向（ip_forward=1 已关闭 conf/all 的）`
        : `${head}——忽略：accept_redirects 已关闭（conf/all 与该设备）`;
      case 'bad-gateway': return `${head}——忽略：${p.gateway} 不是另一台主机的单播地址`;
      case 'not-onlink': return `${head}——忽略：shared_media 已关闭，且 ${p.gateway} 与 ${p.from} 不在同一子网`;
      case 'not-default': return `${head}——忽略：secure_redirects 只接受默认网关，而 ${p.gateway} 不是`;
      default: return `${head}——忽略`;
    }
  },
  'icmp.deliver': ({ params: p }) => (p.type === 0 ? '回显应答交付给 ping' : `ICMP 差错（type ${p.type} code ${p.code}）报告给发送方套接字`),
  'icmp.unmatched': ({ params: p }) => `ICMP 差错（type ${p.type} code ${p.code}），引用的是 ${p.quoted ? `${p.quoted.proto.toUpperCase()} ${p.quoted.src}${p.quoted.proto === 'icmp' ? '' : `:${p.quoted.sport}`} → ${p.quoted.dst}${p.quoted.proto === 'icmp' ? '' : `:${p.quoted.dport}`}` : '一个包'}：这里没有发出它的套接字，没有应用程序会得知`,
  'tcp.reset': ({ params: p }) => `内核回应一个 TCP 复位（RST），发往 ${p.dst}:${p.dport}`,
  'icmp.send': ({ params: p }) => `内核发送 ICMP 差错（type ${p.type} code ${p.code}），发往 ${p.dst}`,

  'switch.forward': ({ params: p }) => `交换机 ${p.network}：${p.mac} 在 ${p.to.machine}:${p.to.dev}`,
  'switch.flood': ({ params: p }) =>
    `交换机 ${p.network}：${p.broadcast ? '广播' : `尚未学习到 ${p.mac}`}，泛洪到 ${p.to.map((n) => `${n.machine}:${n.dev}`).join('、') || '（无）'}`,
  'vpc.unsupported': () => '既不是 IPv4 也不是 ARP：VPC 不转发',
  'vpc.security-group': ({ params: p }) => sgText(p.why, p.eni, p.dir),
  'vpc.source-dest-check': ({ params: p }) => {
    const which = p.which === 'source' ? '源' : '目的';
    if (p.result === 'off') return `${p.eni} 关闭了源/目的检查：不检查${which}地址 ${p.addr}`;
    if (p.result === 'own') return `${p.eni} 的源/目的检查：${which}地址 ${p.addr} 是它自己的${p.prefix ? `（${p.prefix}）` : ''}`;
    return `${p.eni} 的源/目的检查：${which}地址 ${p.addr} 不是它的地址`;
  },
  'vpc.route': ({ params: p }) => vpcRouteText(p.why, p.dst),
  'vpc.deliver': ({ params: p }) => `VPC 把它交付给 ENI ${p.eni}（${p.mac}）`,
  'vpc.arp': ({ params: p }) => {
    if (p.result === 'ignored') return `VPC 自己应答 ARP：忽略来自 ${p.from} 的应答`;
    if (p.result === 'unanswered') return `VPC：没有 ENI 持有 ${p.target}，也没有路由覆盖它，无人应答`;
    const who = p.who === 'eni' ? `ENI ${p.eni} 的地址` : p.who === 'router' ? 'VPC 路由器' : `路由到 ENI ${p.eni}`;
    return `VPC 代为应答 ${p.target}：${who}，MAC ${p.mac}`;
  },
  'vpc.arp-reply': ({ params: p }) => `发给 ${p.eni} 的 ARP 应答：${p.target} 位于 ${p.mac}`,

  drop: ({ params: p }) => (p.cause ? (causes[p.cause.code] as (c: typeof p.cause) => string)(p.cause) : `丢弃：${p.reason}`),
};

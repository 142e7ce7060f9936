// 简体中文：多个事件与丢包共用的判定原因。
import type { CtInvalidWhy, MartianWhy, ValidateCheck } from '../../../engine/trace/causes';

export function checkText(c: ValidateCheck, rpFilter: number): string {
  switch (c.code) {
    case 'accept-local':
      return 'accept_local=1：不检查源地址';
    case 'local-source':
      return '源地址是本命名空间自己的地址';
    case 'not-checked':
      return 'rp_filter=0：不检查源地址';
    case 'no-route-back':
      return rpFilter ? '没有回到源地址的路由' : '没有回到源地址的路由，但 rp_filter=0';
    case 'route-type':
      return `回到源地址的路由类型是 ${c.type}`;
    case 'same-dev':
      return `回到源地址的路由从 ${c.dev} 出去，正是包进来的接口`;
    case 'no-address':
      return rpFilter ? `${c.dev} 没有地址，且 rp_filter 已开启` : 'rp_filter=0';
    case 'strict':
      return `严格 rp_filter：回到源地址的路由从 ${c.via} 出去，而不是包进来的 ${c.dev}`;
    case 'loose':
      return rpFilter === 2 ? '宽松 rp_filter：存在回到源地址的路由' : 'rp_filter=0';
  }
}

export function martianText(w: MartianWhy): string {
  switch (w.code) {
    case 'multicast-source':
      return '源地址是组播或广播地址';
    case 'zeronet-source':
      return '源地址在 0.0.0.0/8 内';
    case 'zeronet-dest':
      return '目的地址在 0.0.0.0/8 内';
    case 'loopback-dest':
      return '从网卡收到的环回目的地址';
    case 'loopback-source':
      return '从网卡收到的环回源地址';
    case 'dest-route-type':
      return `路由类型为 ${w.type}`;
    case 'validate':
      return checkText(w.check, w.rpFilter);
  }
}

export function ctInvalidText(w: CtInvalidWhy): string {
  switch (w.code) {
    case 'tcp-state':
      return `TCP ${w.flags.join(',')} 在状态 ${w.state}（${w.dir === 'reply' ? '回复' : '原始'}方向）下不合法`;
    case 'tcp-start':
      return `TCP ${w.flags.join(',')} 不能开始一个连接${w.loose ? '' : '（nf_conntrack_tcp_loose=0）'}`;
    case 'icmp-no-quote':
      return '没有附带原始包的 ICMP 差错';
    case 'icmp-unknown':
      return '关于 conntrack 不认识的连接的 ICMP 差错';
    case 'echo-reply-untracked':
      return '没有被跟踪的回显请求对应的回显应答';
  }
}

// English for the reasons behind verdicts that several events and drops share.
import type { CtInvalidWhy, MartianWhy, ValidateCheck } from '../../../engine/trace/causes';

export function checkText(c: ValidateCheck, rpFilter: number): string {
  switch (c.code) {
    case 'accept-local':
      return 'accept_local=1: source not checked';
    case 'local-source':
      return "the source address is one of this namespace's own addresses";
    case 'not-checked':
      return 'rp_filter=0: source not checked';
    case 'no-route-back':
      return rpFilter ? 'no route back to the source' : 'no route back to the source, but rp_filter=0';
    case 'route-type':
      return `the route back to the source is of type ${c.type}`;
    case 'same-dev':
      return `the route back to the source leaves by ${c.dev}, where the packet came in`;
    case 'no-address':
      return rpFilter ? `${c.dev} has no address and rp_filter is on` : 'rp_filter=0';
    case 'strict':
      return `strict rp_filter: the route back to the source leaves by ${c.via}, not ${c.dev} where the packet came in`;
    case 'loose':
      return rpFilter === 2 ? 'loose rp_filter: a route back to the source exists' : 'rp_filter=0';
  }
}

export function martianText(w: MartianWhy): string {
  switch (w.code) {
    case 'multicast-source':
      return 'a multicast or broadcast source address';
    case 'zeronet-source':
      return 'a source address in 0.0.0.0/8';
    case 'zeronet-dest':
      return 'a destination in 0.0.0.0/8';
    case 'loopback-dest':
      return 'a loopback destination arriving on a network device';
    case 'loopback-source':
      return 'a loopback source arriving on a network device';
    case 'dest-route-type':
      return `route type ${w.type}`;
    case 'validate':
      return checkText(w.check, w.rpFilter);
  }
}

export function ctInvalidText(w: CtInvalidWhy): string {
  switch (w.code) {
    case 'tcp-state':
      return `TCP ${w.flags.join(',')} is not valid in state ${w.state} (${w.dir} direction)`;
    case 'tcp-start':
      return `TCP ${w.flags.join(',')} cannot start a connection${w.loose ? '' : ' (nf_conntrack_tcp_loose=0)'}`;
    case 'icmp-no-quote':
      return 'an ICMP error without the packet it is about';
    case 'icmp-unknown':
      return 'an ICMP error about a connection conntrack does not know';
    case 'echo-reply-untracked':
      return 'an echo reply with no echo request tracked';
  }
}

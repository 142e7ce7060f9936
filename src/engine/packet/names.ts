// The one name table for protocol numbers: ethertypes (include/uapi/linux/if_ether.h), IP
// protocols (/etc/protocols, include/uapi/linux/in.h) and ICMP types and codes (RFC 792,
// include/uapi/linux/icmp.h). Two spellings of each, for two readers: the short name the tools
// take and print (`-p tcp`, `conntrack -L`, `--reject-with icmp-port-unreachable`), and the
// title a packet analyser shows. Protocol vocabulary, the same in every language.

/**
 * IP protocol names as the tools print them: getprotobynumber() over Debian's netbase
 * /etc/protocols (the first name of each line), as iptables-save does.
 */
const NETBASE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'icmp'], [2, 'igmp'], [3, 'ggp'], [4, 'ipencap'], [5, 'st'], [6, 'tcp'], [8, 'egp'], [9, 'igp'],
  [12, 'pup'], [17, 'udp'], [20, 'hmp'], [22, 'xns-idp'], [27, 'rdp'], [29, 'iso-tp4'], [33, 'dccp'],
  [36, 'xtp'], [37, 'ddp'], [38, 'idpr-cmtp'], [41, 'ipv6'], [43, 'ipv6-route'], [44, 'ipv6-frag'],
  [45, 'idrp'], [46, 'rsvp'], [47, 'gre'], [50, 'esp'], [51, 'ah'], [57, 'skip'], [58, 'ipv6-icmp'],
  [59, 'ipv6-nonxt'], [60, 'ipv6-opts'], [73, 'rspf'], [81, 'vmtp'], [88, 'eigrp'], [89, 'ospf'],
  [93, 'ax.25'], [94, 'ipip'], [97, 'etherip'], [98, 'encap'], [103, 'pim'], [108, 'ipcomp'],
  [112, 'vrrp'], [115, 'l2tp'], [124, 'isis'], [132, 'sctp'], [133, 'fc'], [135, 'mobility-header'],
  [136, 'udplite'], [137, 'mpls-in-ip'], [138, 'manet'], [139, 'hip'], [140, 'shim6'], [141, 'wesp'],
  [142, 'rohc'], [143, 'ethernet'],
]);

/** The names `-p` accepts (lower case): netbase's, and the aliases iptables knows. */
const NAME_NUMBERS: ReadonlyMap<string, number> = new Map([
  ...[...NETBASE_NAMES].map(([number, name]) => [name, number] as const),
  ['ip', 0],
  ['hopopt', 0],
  ['icmpv6', 58],
  ['mh', 135],
  ['all', 0],
]);

/** How a packet analyser titles the protocols a trace can carry. */
const TITLES: Readonly<Record<number, string>> = { 1: 'ICMP', 4: 'IPIP', 6: 'TCP', 17: 'UDP', 41: 'IPv6', 47: 'GRE', 50: 'ESP', 132: 'SCTP' };

/** `tcp`, or the number itself for a protocol without a name (as iptables-save prints it). */
export function ipProtoName(num: number): string {
  return NETBASE_NAMES.get(num) ?? String(num);
}

/** The protocol number of a name `-p` accepts (already lower-cased), or undefined. */
export function ipProtoNumber(name: string): number | undefined {
  return NAME_NUMBERS.get(name);
}

/** `TCP`, as a packet analyser titles the protocol; undefined when unknown. */
export function ipProtoTitle(num: number): string | undefined {
  return TITLES[num];
}

export const ETHERTYPE_TITLES: Readonly<Record<number, string>> = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x86dd: 'IPv6',
  0x8100: '802.1Q Virtual LAN',
  0x6558: 'Transparent Ethernet Bridging',
};

export const ICMP_ECHOREPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_REDIRECT = 5;
/** redirect for the host (the only code Linux sends: ip_rt_send_redirect) */
export const ICMP_REDIR_HOST = 1;
export const ICMP_ECHO = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_PARAMETERPROB = 12;

/** ICMP_DEST_UNREACH codes */
export const ICMP_NET_UNREACH = 0;
export const ICMP_HOST_UNREACH = 1;
export const ICMP_PROT_UNREACH = 2;
export const ICMP_PORT_UNREACH = 3;
export const ICMP_FRAG_NEEDED = 4;
export const ICMP_NET_ANO = 9;
export const ICMP_HOST_ANO = 10;
export const ICMP_PKT_FILTERED = 13;

/** The types that report an error about another packet (icmp_is_err / nf_conntrack's icmp_error). */
export const ICMP_ERROR_TYPES: ReadonlySet<number> = new Set([ICMP_DEST_UNREACH, 4 /* source quench */, ICMP_REDIRECT, ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB]);

export const ICMP_TYPE_TITLES: Readonly<Record<number, string>> = {
  [ICMP_ECHOREPLY]: 'Echo (ping) reply',
  [ICMP_DEST_UNREACH]: 'Destination unreachable',
  [ICMP_REDIRECT]: 'Redirect',
  [ICMP_ECHO]: 'Echo (ping) request',
  [ICMP_TIME_EXCEEDED]: 'Time-to-live exceeded',
  [ICMP_PARAMETERPROB]: 'Parameter problem',
};

export interface UnreachCodeName {
  readonly code: number;
  /** `--reject-with icmp-…` as iptables spells it, and its alias (libipt_REJECT.c) */
  readonly reject?: readonly [string, string];
  readonly title: string;
}

export const ICMP_UNREACH_CODES: readonly UnreachCodeName[] = [
  { code: ICMP_NET_UNREACH, reject: ['icmp-net-unreachable', 'net-unreach'], title: 'Network unreachable' },
  { code: ICMP_HOST_UNREACH, reject: ['icmp-host-unreachable', 'host-unreach'], title: 'Host unreachable' },
  { code: ICMP_PROT_UNREACH, reject: ['icmp-proto-unreachable', 'proto-unreach'], title: 'Protocol unreachable' },
  { code: ICMP_PORT_UNREACH, reject: ['icmp-port-unreachable', 'port-unreach'], title: 'Port unreachable' },
  { code: ICMP_FRAG_NEEDED, title: 'Fragmentation needed' },
  { code: ICMP_NET_ANO, reject: ['icmp-net-prohibited', 'net-prohib'], title: 'Network administratively prohibited' },
  { code: ICMP_HOST_ANO, reject: ['icmp-host-prohibited', 'host-prohib'], title: 'Host administratively prohibited' },
  { code: ICMP_PKT_FILTERED, reject: ['icmp-admin-prohibited', 'admin-prohib'], title: 'Communication administratively filtered' },
];

/** The ICMP code `--reject-with NAME` sends; undefined for tcp-reset or an unknown name. */
export function rejectCode(name: string): number | undefined {
  return ICMP_UNREACH_CODES.find((c) => c.reject?.[0] === name)?.code;
}

/**
 * ICMP types and codes by the names `iptables --icmp-type` takes (extensions/libipt_icmp.c's
 * table, in its order: a unique prefix is enough, case-insensitive); code undefined = any code.
 */
export const ICMP_TYPE_NAMES: readonly (readonly [string, number, number | undefined])[] = [
  ['any', 0xff, undefined],
  ['echo-reply', 0, undefined],
  ['pong', 0, undefined],
  ['destination-unreachable', 3, undefined],
  ['network-unreachable', 3, 0],
  ['host-unreachable', 3, 1],
  ['protocol-unreachable', 3, 2],
  ['port-unreachable', 3, 3],
  ['fragmentation-needed', 3, 4],
  ['source-route-failed', 3, 5],
  ['network-unknown', 3, 6],
  ['host-unknown', 3, 7],
  ['network-prohibited', 3, 9],
  ['host-prohibited', 3, 10],
  ['TOS-network-unreachable', 3, 11],
  ['TOS-host-unreachable', 3, 12],
  ['communication-prohibited', 3, 13],
  ['host-precedence-violation', 3, 14],
  ['precedence-cutoff', 3, 15],
  ['source-quench', 4, undefined],
  ['redirect', 5, undefined],
  ['network-redirect', 5, 0],
  ['host-redirect', 5, 1],
  ['TOS-network-redirect', 5, 2],
  ['TOS-host-redirect', 5, 3],
  ['echo-request', 8, undefined],
  ['ping', 8, undefined],
  ['router-advertisement', 9, undefined],
  ['router-solicitation', 10, undefined],
  ['time-exceeded', 11, undefined],
  ['ttl-exceeded', 11, undefined],
  ['ttl-zero-during-transit', 11, 0],
  ['ttl-zero-during-reassembly', 11, 1],
  ['parameter-problem', 12, undefined],
  ['ip-header-bad', 12, 0],
  ['required-option-missing', 12, 1],
  ['timestamp-request', 13, undefined],
  ['timestamp-reply', 14, undefined],
  ['address-mask-request', 17, undefined],
  ['address-mask-reply', 18, undefined],
];


export function icmpUnreachTitle(code: number): string | undefined {
  return ICMP_UNREACH_CODES.find((c) => c.code === code)?.title;
}

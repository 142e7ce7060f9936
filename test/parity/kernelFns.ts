// Where the engine and the kernel name the freeing function differently. The engine's drop names
// the kernel function whose logic decided the drop (Drop.fn, a drop event's fn); the tracepoint's
// location is the return address of the call to kfree_skb_reason(), resolved to the function
// that holds it, which is often a caller or a helper (inlined static functions have no symbol of
// their own). Each entry: engine function → the kernel symbols accepted, and why.
import type { FreedPacket } from './kfree';
import type { PlacedDrop } from './lab';

export const KERNEL_FNS: Readonly<Record<string, { readonly symbols: readonly string[]; readonly why: string }>> = {
  nf_hook_slow: {
    symbols: ['nft_do_chain'],
    why: "iptables on this machine is iptables-nft: a rule's DROP is nf_tables' verdict, and the free is attributed to nft_do_chain, the function that evaluated the rule (the engine names the hook's caller, nf_hook_slow, for every table)",
  },
  fib_validate_source: {
    symbols: ['ip_rcv_finish_core'],
    why: 'fib_validate_source decides a martian source (IP_LOCAL_SOURCE, IP_RPFILTER); ip_route_input_slow hands the reason back and ip_rcv_finish_core frees the packet',
  },
  udp_rcv: {
    symbols: ['__udp4_lib_rcv'],
    why: 'udp_rcv only calls __udp4_lib_rcv, which looks the socket up and frees a datagram no socket takes (NO_SOCKET)',
  },
};

export function kernelFnMatches(engineFn: string, kernelSymbol: string): boolean {
  return engineFn === kernelSymbol || (KERNEL_FNS[engineFn]?.symbols.includes(kernelSymbol) ?? false);
}

/**
 * Frees in the lab's namespaces that are no drop of the conversation's packets, and why. Each
 * is narrow: a reason, the freeing functions, the kind of packet, and where (the client's
 * namespace, `client`, or anywhere in the lab).
 */
export const TOLERATED: readonly {
  readonly reason: string;
  readonly fns: readonly string[];
  readonly packet: (p: FreedPacket) => boolean;
  readonly at: 'client' | 'lab';
  readonly why: string;
}[] = [
  {
    reason: 'NO_SOCKET',
    fns: ['ping_rcv'],
    packet: (p) => p.kind === 'ipv4' && p.protocol === 1 && p.icmpType === 0,
    at: 'client',
    why: 'ping (as root) reads echo replies on a raw socket, which gets a clone (raw_local_deliver); the original goes on to icmp_rcv → ping_rcv, finds no datagram ping socket and is freed as NO_SOCKET after the reply was delivered',
  },
  {
    reason: 'QUEUE_PURGE',
    fns: ['skb_queue_purge_reason', 'inet_sock_destruct'],
    packet: (p) => p.kind === 'ipv4' && p.protocol === 1 && p.icmpType !== undefined && [3, 11, 12].includes(p.icmpType),
    at: 'client',
    why: "an ICMP error the client's socket received (ip_icmp_error queues it on the error queue, IP_RECVERR) is freed with the queue when the client closes the socket: the error was delivered",
  },
  {
    reason: 'TCP_INVALID_SYN',
    fns: ['tcp_validate_incoming'],
    packet: (p) => p.kind === 'ipv4' && p.protocol === 6 && p.tcpFlags !== undefined && (p.tcpFlags & 0x12) === 0x12,
    at: 'client',
    why: "the server retransmits its SYN-ACK when the client's ACK died on the way; the client, ESTABLISHED since the first SYN-ACK, answers a challenge ACK and frees the retransmission (tcp_validate_incoming): a consequence of the drop the trace shows, beyond its conversation",
  },
  {
    reason: 'NOT_SPECIFIED',
    fns: ['tcp_rcv_state_process'],
    packet: (p) => p.kind === 'ipv4' && p.protocol === 6 && p.tcpFlags === 0x10,
    at: 'lab',
    why: "socat closes the connection with FINs after the echo, beyond the engine's conversation; depending on which side closes first, a bare ACK of that close can reach a socket already in a closing state, and tcp_rcv_state_process frees it without a reason. Seen now and then in full runs, on flows that delivered and echoed (calico-macvlan multi-to-calico, services-iptables client-to-nodeport), recorded at the server with the device lo; only a bare ACK is tolerated, never a segment with data, SYN, FIN or RST",
  },
  {
    reason: 'TCP_OLD_SEQUENCE',
    fns: ['tcp_validate_incoming'],
    packet: (p) => p.kind === 'ipv4' && p.protocol === 6 && p.tcpFlags === 0x10,
    at: 'lab',
    why: "the same close after the echo, beyond the engine's conversation: a bare ACK that arrives after the socket has taken a later one is outside its window, and tcp_validate_incoming frees it (seen in a full run at the server, device lo, on a flow that delivered); only a bare ACK",
  },
  {
    reason: 'NOT_SPECIFIED',
    fns: ['tcp_v4_rcv'],
    packet: (p) => p.kind === 'ipv4' && p.protocol === 6 && p.tcpFlags === 0x02,
    at: 'lab',
    why: "the client retransmits its SYN after 1 s (its first RTO, as long as socat's connect timeout) when the handshake did not complete; a server still holding the request socket answers it again (tcp_check_req) and tcp_v4_rcv frees it: a retransmission beyond the conversation, racing the client's timeout; only a bare SYN",
  },
];

export function tolerated(d: PlacedDrop, clientNs: string): boolean {
  return TOLERATED.some((t) => t.reason === d.reason && t.fns.includes(d.fn) && t.packet(d.packet) && (t.at === 'lab' || d.ns === clientNs));
}

/** The two tables as test/parity/README.md prints them (a unit test keeps it current). */
export function kernelFnsMarkdown(): string {
  return ['| engine `fn` | kernel symbol(s) | why |', '|---|---|---|', ...Object.entries(KERNEL_FNS).map(([fn, m]) => `| \`${fn}\` | ${m.symbols.map((x) => `\`${x}\``).join(', ')} | ${m.why} |`)].join('\n');
}

export function toleratedMarkdown(): string {
  return ['| reason | freed by | where | why |', '|---|---|---|---|', ...TOLERATED.map((t) => `| ${t.reason} | ${t.fns.map((x) => `\`${x}\``).join(', ')} | ${t.at === 'client' ? "the client's namespace" : 'any namespace of the lab'} | ${t.why} |`)].join('\n');
}

// The Services a node's kube-proxy rules name: each `-A KUBE-SERVICES` rule that matches one
// destination address, protocol and port (kube-proxy's iptables mode writes one per Service
// port, with a comment "namespace/name:port cluster IP"). Read from iptables-save text, so a
// lab built from a real node's rules offers its Services by name without a `kubernetes:` block.

export interface RuleService {
  /** the rule's comment without kube-proxy's " cluster IP" suffix, else the chain it jumps to */
  readonly name: string;
  readonly addr: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
}

const DEST = /(?:^|\s)-d (\d{1,3}(?:\.\d{1,3}){3})(?:\/32)?(?=\s)/;
const PROTO = /(?:^|\s)-p (tcp|udp)(?=\s)/;
const DPORT = /(?:^|\s)--dport (\d{1,5})(?=\s|$)/;
const COMMENT = /(?:^|\s)--comment (?:"((?:[^"\\]|\\.)*)"|(\S+))/;
const TARGET = /(?:^|\s)-[jg] (\S+)/;

/** The Services in one namespace's `iptables-save` text, in rule order, one per address:port/protocol. */
export function kubeServicesInSave(save: string): RuleService[] {
  const out: RuleService[] = [];
  const seen = new Set<string>();
  let nat = false;
  for (const line of save.split('\n')) {
    if (line.startsWith('*')) nat = line === '*nat';
    if (!nat || !line.startsWith('-A KUBE-SERVICES ')) continue;
    const addr = DEST.exec(line)?.[1];
    const protocol = PROTO.exec(line)?.[1] as RuleService['protocol'] | undefined;
    const port = Number(DPORT.exec(line)?.[1]);
    if (!addr || !protocol || !(port >= 1 && port <= 65535)) continue;
    const key = `${addr}:${port}/${protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const comment = COMMENT.exec(line);
    const name = (comment?.[1] ?? comment?.[2])?.replace(/ cluster IP$/, '') ?? TARGET.exec(line)?.[1] ?? key;
    out.push({ name, addr, port, protocol });
  }
  return out;
}

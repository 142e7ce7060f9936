// The iptables state of one namespace (net/ipv4/netfilter/ip_tables.c, x_tables): four
// tables of chains of rules with packet/byte counters, plus ipsets. Tables appear once
// something loads them (a rule, a policy, iptables-restore), as iptables-save shows.
import { BUILTIN_CHAINS, type NfMatch, type NfRuleSpec, type NfTableName } from '../../config/netfilter';
import { Ipsets } from './ipset';

export interface NfRule {
  readonly spec: NfRuleSpec;
  packets: number;
  bytes: number;
}

export interface NfChain {
  readonly name: string;
  readonly builtin: boolean;
  policy: 'ACCEPT' | 'DROP' | '-';
  rules: NfRule[];
  /** policy counters of a built-in chain */
  packets: number;
  bytes: number;
}

export interface NfTable {
  readonly name: NfTableName;
  readonly chains: Map<string, NfChain>;
}

export const TABLE_ORDER: readonly NfTableName[] = ['raw', 'mangle', 'nat', 'filter'];

function newTable(name: NfTableName): NfTable {
  const chains = new Map<string, NfChain>();
  for (const c of BUILTIN_CHAINS[name]) chains.set(c, { name: c, builtin: true, policy: 'ACCEPT', rules: [], packets: 0, bytes: 0 });
  return { name, chains };
}

/** Matches and targets that need connection tracking (they pull nf_conntrack into the netns). */
function needsConntrack(spec: NfRuleSpec): boolean {
  const t = spec.target?.kind;
  return spec.matches.some((m: NfMatch) => m.kind === 'ctstate' || m.kind === 'connmark') ||
    t === 'DNAT' || t === 'SNAT' || t === 'MASQUERADE' || t === 'REDIRECT' || t === 'CONNMARK' || t === 'NOTRACK' || t === 'CT';
}

export class Netfilter {
  private readonly tables = new Map<NfTableName, NfTable>();
  readonly ipsets = new Ipsets();

  /** The table, loading it (with empty built-in chains) on first use. */
  table(name: NfTableName): NfTable {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = newTable(name)));
    return t;
  }

  loaded(name: NfTableName): NfTable | undefined {
    return this.tables.get(name);
  }

  loadedTables(): NfTable[] {
    return TABLE_ORDER.map((n) => this.tables.get(n)).filter((t): t is NfTable => t !== undefined);
  }

  /** Replaces a table wholesale (iptables-restore without --noflush). */
  reset(name: NfTableName): NfTable {
    const t = newTable(name);
    this.tables.set(name, t);
    return t;
  }

  /** Puts a table back as it was (undefined: not loaded), when a transaction failed. */
  put(name: NfTableName, table: NfTable | undefined): void {
    if (table) this.tables.set(name, table);
    else this.tables.delete(name);
  }

  /**
   * Conntrack runs in a namespace once something needs it: the nat table, or a rule that
   * matches on or acts upon connection state (nf_ct_netns_get).
   */
  conntrackEnabled(): boolean {
    if (this.tables.has('nat')) return true;
    for (const t of this.tables.values()) for (const c of t.chains.values()) if (c.rules.some((r) => needsConntrack(r.spec))) return true;
    return false;
  }

  /** True when no table holds a rule or a non-ACCEPT policy: the hooks have nothing to say. */
  isEmpty(): boolean {
    for (const t of this.tables.values()) {
      for (const c of t.chains.values()) if (c.rules.length || c.policy === 'DROP' || !c.builtin) return false;
    }
    return true;
  }
}

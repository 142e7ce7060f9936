// `iptables …`, `iptables-restore` and `ipset …` applied to a namespace's netfilter state,
// refusing what iptables refuses, with its words (iptables v1.8.9, nf_tables backend).
import type { NfCommand, NfRuleSpec, NfTableName, RestoreTable } from '../../config/netfilter';
import type { OpBody } from '../../config/ops';
import type { NfChain, NfTable } from '../netfilter/state';
import { Ipset } from '../netfilter/ipset';
import { forgetLevels, jumpAddedTooDeep, tooManyLevels } from '../netfilter/jumpDepth';
import { fail, type ApplyContext } from './context';

const NO_CHAIN = 'iptables: No chain/target/match by that name.';

function chainOf(table: NfTable, name: string): NfChain {
  const chain = table.chains.get(name);
  if (!chain) fail(NO_CHAIN);
  return chain;
}

function sameSpec(a: NfRuleSpec, b: NfRuleSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** How a command reaches the table: the tool that prints the message, the namespace's ipsets. */
export interface NfCommandContext {
  /** iptables-restore words a set it cannot find with its own name */
  readonly restore?: boolean;
  /** the namespace's ipsets, which `-m set --match-set NAME` must name */
  readonly sets?: { has(name: string): boolean };
}

/** Jumps must name an existing chain of the same table; NAT targets belong to the nat table; sets must exist. */
function checkRule(table: NfTable, rule: NfRuleSpec, nf: NfCommandContext): void {
  for (const m of rule.matches) {
    // libxt_set asks the kernel for the set by name when the rule is parsed
    if (m.kind === 'set' && nf.sets && !nf.sets.has(m.name)) fail(`${nf.restore ? 'iptables-restore' : 'iptables'} v1.8.9 (nf_tables): Set ${m.name} doesn't exist.`);
  }
  const t = rule.target;
  if (!t) return;
  if ((t.kind === 'jump' || t.kind === 'goto') && !table.chains.has(t.chain)) {
    fail(`iptables v1.8.9 (nf_tables): Chain '${t.chain}' does not exist`);
  }
  const natOnly = t.kind === 'DNAT' || t.kind === 'SNAT' || t.kind === 'MASQUERADE' || t.kind === 'REDIRECT';
  if (natOnly && table.name !== 'nat') fail(`iptables v1.8.9 (nf_tables): ${t.kind} target is only valid in the nat table`);
  if ((t.kind === 'NOTRACK' || t.kind === 'CT') && table.name !== 'raw') fail(`iptables v1.8.9 (nf_tables): ${t.kind} target is only valid in the raw table`);
}

/** Whether the rule just added to `chain` nests some chain too deep (only a jump or a goto can). */
function addsTooDeep(table: NfTable, chain: string, rule: NfRuleSpec): boolean {
  const t = rule.target;
  if (!t || (t.kind !== 'jump' && t.kind !== 'goto')) return false;
  return jumpAddedTooDeep(table, chain, t.chain);
}

function referenced(table: NfTable, name: string): boolean {
  for (const c of table.chains.values()) {
    if (c.rules.some((r) => (r.spec.target?.kind === 'jump' || r.spec.target?.kind === 'goto') && r.spec.target.chain === name)) return true;
  }
  return false;
}

/**
 * One iptables command. `checkLevels`: whether a jump or goto it adds is checked against the
 * kernel's chain-depth limit now (an `iptables` command is its own transaction) or later, when
 * the whole iptables-restore table is committed.
 */
export function applyNfCommand(table: NfTable, cmd: NfCommand, checkLevels = true, nf: NfCommandContext = {}): void {
  // only an added rule keeps the levels the last check found valid (jumpDepth.ts)
  if (cmd.action !== 'append' && cmd.action !== 'insert') forgetLevels(table);
  switch (cmd.action) {
    case 'append': {
      const chain = chainOf(table, cmd.chain);
      checkRule(table, cmd.rule, nf);
      chain.rules.push({ spec: cmd.rule, packets: 0, bytes: 0 });
      if (checkLevels && addsTooDeep(table, cmd.chain, cmd.rule)) {
        chain.rules.pop();
        fail(`iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Too many links): rule in chain ${cmd.chain}`);
      }
      return;
    }
    case 'insert': {
      const chain = chainOf(table, cmd.chain);
      checkRule(table, cmd.rule, nf);
      if (cmd.index < 1 || cmd.index > chain.rules.length + 1) fail('iptables: Index of insertion too big.');
      chain.rules.splice(cmd.index - 1, 0, { spec: cmd.rule, packets: 0, bytes: 0 });
      if (checkLevels && addsTooDeep(table, cmd.chain, cmd.rule)) {
        chain.rules.splice(cmd.index - 1, 1);
        fail(`iptables v1.8.9 (nf_tables):  RULE_INSERT failed (Too many links): rule in chain ${cmd.chain}`);
      }
      return;
    }
    case 'delete': {
      const chain = chainOf(table, cmd.chain);
      const i = chain.rules.findIndex((r) => sameSpec(r.spec, cmd.rule));
      if (i < 0) fail('iptables: Bad rule (does a matching rule exist in that chain?).');
      chain.rules.splice(i, 1);
      return;
    }
    case 'delete-index': {
      const chain = chainOf(table, cmd.chain);
      if (cmd.index < 1 || cmd.index > chain.rules.length) fail('iptables: Index of deletion too big.');
      chain.rules.splice(cmd.index - 1, 1);
      return;
    }
    case 'new-chain':
      if (table.chains.has(cmd.chain)) fail('iptables: Chain already exists.');
      table.chains.set(cmd.chain, { name: cmd.chain, builtin: false, policy: '-', rules: [], packets: 0, bytes: 0 });
      return;
    case 'delete-chain': {
      const names = cmd.chain !== undefined ? [cmd.chain] : [...table.chains.values()].filter((c) => !c.builtin).map((c) => c.name);
      for (const name of names) {
        const chain = chainOf(table, name);
        if (chain.builtin) fail('iptables: Invalid argument. Run `dmesg\' for more information.');
        if (chain.rules.length) fail('iptables: Directory not empty.');
        if (referenced(table, name)) fail('iptables: Too many links.');
        table.chains.delete(name);
      }
      return;
    }
    case 'flush':
      for (const c of cmd.chain !== undefined ? [chainOf(table, cmd.chain)] : table.chains.values()) c.rules = [];
      return;
    case 'zero':
      for (const c of cmd.chain !== undefined ? [chainOf(table, cmd.chain)] : table.chains.values()) {
        c.packets = c.bytes = 0;
        for (const r of c.rules) r.packets = r.bytes = 0;
      }
      return;
    case 'policy': {
      const chain = chainOf(table, cmd.chain);
      if (!chain.builtin) fail('iptables: Bad built-in chain name.');
      chain.policy = cmd.policy;
      return;
    }
  }
}

export function applyIptables(ctx: ApplyContext, tableName: NfTableName, cmd: NfCommand): void {
  applyNfCommand(ctx.ns.nf.table(tableName), cmd, true, { sets: ctx.ns.nf.ipsets.sets });
}

/**
 * iptables-restore: each table in the input is replaced (or, with --noflush, kept, with
 * every declared chain created or flushed), then its commands run; all or nothing per table.
 */
export function applyRestore(ctx: ApplyContext, noflush: boolean, tables: readonly RestoreTable[]): void {
  // nf_tables commits the whole input as one transaction: any failure leaves every table as it was
  const before = new Map(tables.map((t) => [t.table, ctx.ns.nf.loaded(t.table)] as const));
  const saved = new Map([...before].map(([name, table]) => [name, table && copyTable(table)] as const));
  try {
    restoreTables(ctx, noflush, tables);
  } catch (e) {
    for (const [name, table] of saved) ctx.ns.nf.put(name, table);
    throw e;
  }
}

/** A copy of a table whose chains and rule lists can change without touching the original. */
function copyTable(table: NfTable): NfTable {
  return { name: table.name, chains: new Map([...table.chains].map(([name, c]) => [name, { ...c, rules: [...c.rules] }])) };
}

function restoreTables(ctx: ApplyContext, noflush: boolean, tables: readonly RestoreTable[]): void {
  for (const t of tables) {
    const before = ctx.ns.nf.loaded(t.table);
    const saved = before && copyTable(before);
    restoreTable(ctx, noflush, t, false);
    // The kernel validates the chains at COMMIT and blames the first rule after which they
    // are invalid. Checking after every rule would cost a walk of the table per rule (a
    // kube-proxy dump has tens of thousands), so only a table that fails is replayed to find it.
    if (!tooManyLevels(ctx.ns.nf.table(t.table))) continue;
    ctx.ns.nf.put(t.table, saved);
    restoreTable(ctx, noflush, t, true);
    fail(`iptables-restore: line ${t.commitLine ?? '?'} failed`);
  }
}

/** One table of the input; with `blame`, the first rule that nests chains too deep fails with its line. */
function restoreTable(ctx: ApplyContext, noflush: boolean, t: RestoreTable, blame: boolean): void {
  const table = noflush ? ctx.ns.nf.table(t.table) : ctx.ns.nf.reset(t.table);
  forgetLevels(table);
  for (const decl of t.chains) {
    const existing = table.chains.get(decl.name);
    if (existing) {
      existing.rules = [];
      if (existing.builtin && decl.policy !== '-') existing.policy = decl.policy;
    } else {
      if (decl.policy !== '-') fail(`iptables-restore: line: chain ${decl.name}: a user-defined chain cannot have a policy`);
      table.chains.set(decl.name, { name: decl.name, builtin: false, policy: '-', rules: [], packets: 0, bytes: 0 });
    }
  }
  const nf: NfCommandContext = { restore: true, sets: ctx.ns.nf.ipsets.sets };
  t.commands.forEach((cmd, i) => {
    applyNfCommand(table, cmd, false, nf);
    const adds = cmd.action === 'append' || cmd.action === 'insert';
    const jumps = adds && (cmd.rule.target?.kind === 'jump' || cmd.rule.target?.kind === 'goto');
    if (blame && jumps && tooManyLevels(table)) {
      const what = cmd.action === 'append' ? 'RULE_APPEND' : 'RULE_INSERT';
      fail(`iptables-restore v1.8.9 (nf_tables):  line ${t.commandLines?.[i] ?? '?'}: ${what} failed (Too many links): rule in chain ${cmd.chain}`);
    }
  });
}

type IpsetOp = Extract<OpBody, { op: 'ipset-create' | 'ipset-add' | 'ipset-del' | 'ipset-flush' | 'ipset-destroy' }>;

export function applyIpset(ctx: ApplyContext, op: IpsetOp): void {
  const sets = ctx.ns.nf.ipsets.sets;
  switch (op.op) {
    case 'ipset-create':
      if (sets.has(op.name)) {
        if (op.exist) return;
        fail('ipset v7.17: Set cannot be created: set with the same name already exists');
      }
      sets.set(op.name, new Ipset(op.name, op.type));
      return;
    case 'ipset-add':
    case 'ipset-del': {
      const set = sets.get(op.name);
      if (!set) fail(`ipset v7.17: The set with the given name does not exist`);
      const present = set.has(op.entry.text);
      if (op.op === 'ipset-add') {
        if (present) {
          if (op.exist) return;
          fail("ipset v7.17: Element cannot be added to the set: it's already added");
        }
        set.add(op.entry);
      } else {
        if (!present) {
          if (op.exist) return;
          fail("ipset v7.17: Element cannot be deleted from the set: it's not added");
        }
        set.delete(op.entry.text);
      }
      return;
    }
    case 'ipset-flush':
      for (const s of op.name !== undefined ? [sets.get(op.name)] : sets.values()) {
        if (!s) fail('ipset v7.17: The set with the given name does not exist');
        s.flush();
      }
      return;
    case 'ipset-destroy':
      if (op.name === undefined) sets.clear();
      else if (!sets.delete(op.name)) fail('ipset v7.17: The set with the given name does not exist');
      return;
  }
}

// iptables, ipsets and IPVS services from the collector's text outputs, as commands a script
// runs: `iptables-restore` with the saved tables as its here-document (counters and comments
// dropped, tables that only hold empty built-in chains with policy ACCEPT left out: they are
// what a new namespace has), `ipset create/add` from `ipset save`, and `ipvsadm` from
// `ipvsadm -Sn`.
import { execIn } from './commands';
import type { NsRef } from './devices';
import type { ScriptCommand } from './script';

const BUILTIN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

interface Table {
  name: string;
  lines: string[];
  trivial: boolean;
}

function tables(save: string): Table[] {
  const out: Table[] = [];
  let current: Table | undefined;
  for (const raw of save.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      current = { name: line.slice(1), lines: [line], trivial: true };
      out.push(current);
      continue;
    }
    if (!current) continue;
    if (line === 'COMMIT') {
      current.lines.push(line);
      current = undefined;
      continue;
    }
    const chain = line.startsWith(':') ? /^:(\S+) (\S+)/.exec(line) : null;
    if (chain) {
      if (!BUILTIN.has(chain[1]) || chain[2] !== 'ACCEPT') current.trivial = false;
      current.lines.push(`:${chain[1]} ${chain[2]} [0:0]`);
      continue;
    }
    // `[packets:bytes] -A …` with -c (a big ruleset has 100,000 of them: no regex for the others)
    current.lines.push(line.startsWith('[') ? line.replace(/^\[\d+:\d+\]\s+/, '') : line);
    current.trivial = false;
  }
  return out;
}

export function iptablesCommand(ns: NsRef, save: string | null): ScriptCommand | undefined {
  if (!save) return undefined;
  const kept = tables(save).filter((t) => !t.trivial);
  if (!kept.length) return undefined;
  const body: string[] = [];
  for (const t of kept) for (const line of t.lines) body.push(line);
  return { head: execIn(ns, "iptables-restore <<'EOF'"), body, tail: 'EOF' };
}

export function ipsetCommands(ns: NsRef, save: string | null): string[] {
  if (!save) return [];
  return save
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(create|add) /.test(l))
    // initval and bucketsize tune the hash table; they change no membership
    .map((l) => execIn(ns, `ipset ${l.replace(/ initval 0x[0-9a-f]+/, '').replace(/ bucketsize \d+/, '')}`));
}

export function ipvsCommands(ns: NsRef, save: string | null): string[] {
  if (!save) return [];
  return save
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^-[AaEe] /.test(l))
    .map((l) => execIn(ns, `ipvsadm ${l}`));
}

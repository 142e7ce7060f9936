// A fast path for the rule lines kube-proxy writes (tens of thousands per node): plain
// `-A CHAIN` lines using a small vocabulary are turned into a command without tokens,
// positions or closures. Anything else — and every line with a mistake — returns undefined
// and goes through the full parser (iptables/options.ts), which owns every error message. A
// test checks, over a generated 300-Service kube-proxy dump and the fixtures, that this path
// returns exactly what the full parser returns.
import { maskOf, type Prefix } from '../../engine/addr/ipv4';
import type { CtState, NfCommand, NfMatch, NfTableName, NfTarget } from '../../engine/config/netfilter';
import { ipProtoNumber } from '../../engine/packet/names';

const CHAIN = /^[A-Za-z0-9_-]{1,28}$/;
const USER_CHAIN = /^[A-Z][A-Z0-9_-]*$/;
const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'MARK', 'CONNMARK', 'LOG', 'NOTRACK', 'CT', 'QUEUE', 'NFQUEUE']);
const CT_STATES = new Set(['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'SNAT', 'DNAT']);
/** The protocols this path takes by name (numbers from the one name table). */
const PROTOS: ReadonlySet<string> = new Set(['tcp', 'udp', 'icmp']);

const WORDS: string[] = [];

/** Words of a line: blanks separate, "double quotes" group (no escapes on this path). */
function words(text: string): string[] | undefined {
  if (text.includes('\\') || text.includes("'")) return undefined;
  // one array for every line: fastRestoreRule reads it before the next line is split
  const out = WORDS;
  out.length = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 34) {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return undefined;
      out.push(text.slice(i + 1, end));
      i = end + 1;
      if (i < n && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) return undefined;
      continue;
    }
    let j = i;
    while (j < n && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 9) j++;
    const w = text.slice(i, j);
    if (w.includes('"')) return undefined;
    out.push(w);
    i = j;
  }
  return out;
}

/** `a.b.c.d[/n]` read character by character (no host bits allowed); undefined otherwise. */
function prefix(w: string | undefined): Prefix | undefined {
  if (!w) return undefined;
  let addr = 0;
  let octet = -1;
  let digits = 0;
  let dots = 0;
  let i = 0;
  for (; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet < 0 ? c - 48 : octet * 10 + (c - 48);
      // parseIpv4 takes one to three digits an octet
      if (octet > 255 || ++digits > 3) return undefined;
    } else if (c === 46 && octet >= 0 && dots < 3) {
      addr = addr * 256 + octet;
      octet = -1;
      digits = 0;
      dots++;
    } else break;
  }
  if (dots !== 3 || octet < 0) return undefined;
  addr = (addr * 256 + octet) >>> 0;
  if (i === w.length) return { addr, len: 32 };
  if (w.charCodeAt(i) !== 47) return undefined;
  const len = decimal(w.slice(i + 1), 32);
  if (len === undefined) return undefined;
  // host bits set: refused, as parsePrefix(…, strict) refuses them
  return addr === (addr & maskOf(len)) >>> 0 ? { addr, len } : undefined;
}

/** A plain decimal number up to `max` (no sign, no leading zero); undefined otherwise. */
function decimal(w: string, max: number): number | undefined {
  if (w.length === 0 || w.length > 5 || (w.length > 1 && w.charCodeAt(0) === 48)) return undefined;
  let n = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n <= max ? n : undefined;
}

function port(w: string | undefined): number | undefined {
  const p = w === undefined ? undefined : decimal(w, 65535);
  return p === 0 ? undefined : p;
}

function hex(w: string | undefined): number | undefined {
  return w && /^0x[0-9a-fA-F]{1,8}$/.test(w) ? parseInt(w, 16) >>> 0 : undefined;
}

export function fastRestoreRule(text: string, table: NfTableName): NfCommand | undefined {
  const w = words(text);
  if (!w || w.length < 2 || w[0] !== '-A' || !CHAIN.test(w[1])) return undefined;
  const chain = w[1];
  const matches: NfMatch[] = [];
  let target: NfTarget | undefined;
  let proto: string | undefined;
  let hasL4 = false;
  let i = 2;
  while (i < w.length) {
    const word = w[i];
    let not = false;
    let opt = word;
    if (word === '!') {
      not = true;
      opt = w[i + 1];
      i++;
    }
    if (opt === '-s' || opt === '-d') {
      const p = prefix(w[i + 1]);
      if (!p || (target !== undefined)) return undefined;
      matches.push({ kind: opt === '-s' ? 'src' : 'dst', not, prefix: p });
      i += 2;
      continue;
    }
    if (not) {
      // negation elsewhere on this path: only `-m mark ! --mark`
      return undefined;
    }
    if (opt === '-p') {
      const name = w[i + 1];
      if (!name || !PROTOS.has(name) || proto !== undefined) return undefined;
      proto = name;
      matches.push({ kind: 'proto', not: false, proto: ipProtoNumber(name)! });
      i += 2;
      continue;
    }
    if (opt === '-m') {
      const mod = w[i + 1];
      i += 2;
      if (mod === 'comment') {
        if (w[i] !== '--comment' || w[i + 1] === undefined) return undefined;
        matches.push({ kind: 'comment', text: w[i + 1] });
        i += 2;
      } else if (mod === 'tcp' || mod === 'udp') {
        if (proto !== mod || hasL4) return undefined;
        hasL4 = true;
        if (w[i] === '--dport') {
          const p = port(w[i + 1]);
          if (p === undefined) return undefined;
          matches.push({ kind: 'l4', proto: mod, dport: { not: false, range: { from: p, to: p } } });
          i += 2;
        } else matches.push({ kind: 'l4', proto: mod });
      } else if (mod === 'statistic') {
        if (w[i] !== '--mode' || w[i + 1] !== 'random' || w[i + 2] !== '--probability' || !/^0\.\d{1,11}$/.test(w[i + 3] ?? '')) return undefined;
        matches.push({ kind: 'statistic', not: false, mode: 'random', probability: Number(w[i + 3]) });
        i += 4;
      } else if (mod === 'mark') {
        let negate = false;
        if (w[i] === '!') {
          negate = true;
          i++;
        }
        const [v, m] = (w[i] === '--mark' ? (w[i + 1] ?? '') : '').split('/');
        const value = hex(v);
        const mask = hex(m);
        if (value === undefined || mask === undefined) return undefined;
        matches.push({ kind: 'mark', not: negate, value, mask });
        i += 2;
      } else if (mod === 'addrtype') {
        if (w[i] !== '--dst-type' || w[i + 1] !== 'LOCAL') return undefined;
        matches.push({ kind: 'addrtype', dst: { not: false, types: ['LOCAL'] } });
        i += 2;
      } else if (mod === 'conntrack') {
        if (w[i] !== '--ctstate') return undefined;
        const states = (w[i + 1] ?? '').split(',');
        if (!states.every((s) => CT_STATES.has(s)) || new Set(states).size !== states.length) return undefined;
        matches.push({ kind: 'ctstate', module: 'conntrack', not: false, states: states as CtState[] });
        i += 2;
      } else return undefined;
      continue;
    }
    if (opt === '-j') {
      const t = w[i + 1];
      i += 2;
      if (t === 'ACCEPT' || t === 'DROP' || t === 'RETURN') target = { kind: t };
      else if (t === 'MASQUERADE' && table === 'nat') {
        if (w[i] === '--random-fully') {
          target = { kind: 'MASQUERADE', randomFully: true };
          i++;
        } else target = { kind: 'MASQUERADE' };
      } else if (t === 'DNAT' && table === 'nat') {
        const m = /^(\d+\.\d+\.\d+\.\d+):([1-9]\d{0,4})$/.exec(w[i + 1] ?? '');
        const addr = m ? prefix(m[1]) : undefined;
        if (w[i] !== '--to-destination' || !m || !addr || Number(m[2]) > 65535 || (proto !== 'tcp' && proto !== 'udp')) return undefined;
        target = { kind: 'DNAT', to: { port: Number(m[2]), addr: addr.addr } };
        i += 2;
      } else if (t === 'MARK' && (table === 'nat' || table === 'mangle')) {
        const v = hex(w[i + 1]);
        if (v === undefined) return undefined;
        if (w[i] === '--or-mark') target = { kind: 'MARK', value: v, mask: v, written: `--or-mark ${w[i + 1]}` };
        else if (w[i] === '--xor-mark') target = { kind: 'MARK', value: v, mask: 0, written: `--xor-mark ${w[i + 1]}` };
        else return undefined;
        i += 2;
      } else if (t && USER_CHAIN.test(t) && !BUILTIN_TARGETS.has(t) && CHAIN.test(t)) target = { kind: 'jump', chain: t };
      else return undefined;
      if (i !== w.length) return undefined; // target options this path does not know
      continue;
    }
    return undefined;
  }
  return { action: 'append', chain, rule: { matches, ...(target ? { target } : {}) } };
}

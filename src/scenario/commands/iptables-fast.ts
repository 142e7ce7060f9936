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

// Matches and targets that many rules share are made once and shared: specs are read-only
// data, and a 10,000-Service dump otherwise allocates the same objects tens of thousands of times.
const PROTO_MATCH: Readonly<Record<string, NfMatch>> = Object.fromEntries([...PROTOS].map((p) => [p, { kind: 'proto', not: false, proto: ipProtoNumber(p)! }]));
const L4_MATCH: Readonly<Record<'tcp' | 'udp', NfMatch>> = { tcp: { kind: 'l4', proto: 'tcp' }, udp: { kind: 'l4', proto: 'udp' } };
const DPORT_MATCHES = { tcp: new Map<number, NfMatch>(), udp: new Map<number, NfMatch>() };
const STATISTIC_MATCHES = new Map<string, NfMatch>();
const DST_LOCAL: NfMatch = { kind: 'addrtype', dst: { not: false, types: ['LOCAL'] } };
const PLAIN_TARGETS: Readonly<Record<'ACCEPT' | 'DROP' | 'RETURN', NfTarget>> = { ACCEPT: { kind: 'ACCEPT' }, DROP: { kind: 'DROP' }, RETURN: { kind: 'RETURN' } };
const MASQUERADE: NfTarget = { kind: 'MASQUERADE' };
const MASQUERADE_RANDOM_FULLY: NfTarget = { kind: 'MASQUERADE', randomFully: true };

function dportMatch(proto: 'tcp' | 'udp', port: number): NfMatch {
  let m = DPORT_MATCHES[proto].get(port);
  if (!m) DPORT_MATCHES[proto].set(port, (m = { kind: 'l4', proto, dport: { not: false, range: { from: port, to: port } } }));
  return m;
}

/**
 * The words of the line being read, as offsets into it: a word is sliced out only when its
 * text is kept (a chain name, a comment), the rest are compared in place. One set of arrays
 * for every line: fastRestoreRule reads them before the next line is split.
 */
const MAX_WORDS = 128;
const MATCHES: NfMatch[] = [];
const STARTS = new Int32Array(MAX_WORDS);
const ENDS = new Int32Array(MAX_WORDS);
let line = '';
let count = 0;

/**
 * Splits `text` into words: blanks separate, "double quotes" group (no escapes on this path).
 * Words end at spaces found with indexOf (native, much faster than a loop over characters);
 * a line with a tab is left to the full parser.
 */
function split(text: string): boolean {
  if (text.includes('\\') || text.includes("'") || text.includes('\t')) return false;
  line = text;
  count = 0;
  const n = text.length;
  let quote = text.indexOf('"');
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    if (count === MAX_WORDS) return false;
    if (i === quote) {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return false;
      STARTS[count] = i + 1;
      ENDS[count++] = end;
      i = end + 1;
      if (i < n && text.charCodeAt(i) !== 32) return false;
      quote = text.indexOf('"', i);
      continue;
    }
    let j = text.indexOf(' ', i);
    if (j < 0) j = n;
    // a quote inside an unquoted word
    if (quote >= 0 && quote < j) return false;
    STARTS[count] = i;
    ENDS[count++] = j;
    i = j;
  }
  return true;
}

/** The chain of the previous rule line, and its comment match (both shared with the next line when equal). */
let lastChain: string | undefined;
let lastComment: Extract<NfMatch, { kind: 'comment' }> | undefined;
/** Recent jump targets (KUBE-MARK-MASQ comes back every other line of a dump): shared while they repeat. */
const RECENT_JUMPS: { readonly kind: 'jump'; readonly chain: string }[] = [];

function jumpTo(chain: string): NfTarget {
  for (const t of RECENT_JUMPS) if (t.chain === chain) return t;
  const t = { kind: 'jump' as const, chain };
  if (RECENT_JUMPS.length === 4) RECENT_JUMPS.shift();
  RECENT_JUMPS.push(t);
  return t;
}

/** Whether word k is `word`. */
function is(k: number, word: string): boolean {
  return k < count && ENDS[k] - STARTS[k] === word.length && line.startsWith(word, STARTS[k]);
}

/** Word k's text (undefined past the last word). */
function word(k: number): string | undefined {
  return k < count ? line.slice(STARTS[k], ENDS[k]) : undefined;
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
  if (!split(text) || count < 2 || !is(0, '-A')) return undefined;
  // a dump lists a chain's rules together: the previous line's chain name is usually this one's
  const chain = lastChain !== undefined && is(1, lastChain) ? lastChain : word(1)!;
  if (chain !== lastChain) {
    if (!CHAIN.test(chain)) return undefined;
    lastChain = chain;
  }
  // gathered in one scratch array, kept as an exact-size copy: a pushed-to array keeps room
  // for 17 elements, and a dump's 100,000 rules are all kept (and copied by the collector)
  const matches = MATCHES;
  matches.length = 0;
  let target: NfTarget | undefined;
  let proto: string | undefined;
  let hasL4 = false;
  let i = 2;
  while (i < count) {
    let not = false;
    if (is(i, '!')) {
      not = true;
      i++;
    }
    if (is(i, '-s') || is(i, '-d')) {
      const p = prefix(word(i + 1));
      if (!p || (target !== undefined)) return undefined;
      matches.push({ kind: is(i, '-s') ? 'src' : 'dst', not, prefix: p });
      i += 2;
      continue;
    }
    if (not) {
      // negation elsewhere on this path: only `-m mark ! --mark`
      return undefined;
    }
    if (is(i, '-p')) {
      const name = word(i + 1);
      if (!name || !PROTOS.has(name) || proto !== undefined) return undefined;
      proto = name;
      matches.push(PROTO_MATCH[name]);
      i += 2;
      continue;
    }
    if (is(i, '-m')) {
      const mod = i + 1;
      i += 2;
      if (is(mod, 'comment')) {
        if (!is(i, '--comment') || i + 1 >= count) return undefined;
        // kube-proxy gives an endpoint chain's rules one comment: the previous one is shared
        if (lastComment === undefined || !is(i + 1, lastComment.text)) lastComment = { kind: 'comment', text: word(i + 1)! };
        matches.push(lastComment);
        i += 2;
      } else if (is(mod, 'tcp') || is(mod, 'udp')) {
        const l4 = is(mod, 'tcp') ? 'tcp' : 'udp';
        if (proto !== l4 || hasL4) return undefined;
        hasL4 = true;
        if (is(i, '--dport')) {
          const p = port(word(i + 1));
          if (p === undefined) return undefined;
          matches.push(dportMatch(l4, p));
          i += 2;
        } else matches.push(L4_MATCH[l4]);
      } else if (is(mod, 'statistic')) {
        const probability = word(i + 3) ?? '';
        if (!is(i, '--mode') || !is(i + 1, 'random') || !is(i + 2, '--probability') || !/^0\.\d{1,11}$/.test(probability)) return undefined;
        let m = STATISTIC_MATCHES.get(probability);
        if (!m) STATISTIC_MATCHES.set(probability, (m = { kind: 'statistic', not: false, mode: 'random', probability: Number(probability) }));
        matches.push(m);
        i += 4;
      } else if (is(mod, 'mark')) {
        let negate = false;
        if (is(i, '!')) {
          negate = true;
          i++;
        }
        const [v, m] = (is(i, '--mark') ? (word(i + 1) ?? '') : '').split('/');
        const value = hex(v);
        const mask = hex(m);
        if (value === undefined || mask === undefined) return undefined;
        matches.push({ kind: 'mark', not: negate, value, mask });
        i += 2;
      } else if (is(mod, 'addrtype')) {
        if (!is(i, '--dst-type') || !is(i + 1, 'LOCAL')) return undefined;
        matches.push(DST_LOCAL);
        i += 2;
      } else if (is(mod, 'conntrack')) {
        if (!is(i, '--ctstate')) return undefined;
        const states = (word(i + 1) ?? '').split(',');
        if (!states.every((s) => CT_STATES.has(s)) || new Set(states).size !== states.length) return undefined;
        matches.push({ kind: 'ctstate', module: 'conntrack', not: false, states: states as CtState[] });
        i += 2;
      } else return undefined;
      continue;
    }
    if (is(i, '-j')) {
      const t = word(i + 1);
      i += 2;
      if (t === 'ACCEPT' || t === 'DROP' || t === 'RETURN') target = PLAIN_TARGETS[t];
      else if (t === 'MASQUERADE' && table === 'nat') {
        if (is(i, '--random-fully')) {
          target = MASQUERADE_RANDOM_FULLY;
          i++;
        } else target = MASQUERADE;
      } else if (t === 'DNAT' && table === 'nat') {
        const m = /^(\d+\.\d+\.\d+\.\d+):([1-9]\d{0,4})$/.exec(word(i + 1) ?? '');
        const addr = m ? prefix(m[1]) : undefined;
        if (!is(i, '--to-destination') || !m || !addr || Number(m[2]) > 65535 || (proto !== 'tcp' && proto !== 'udp')) return undefined;
        target = { kind: 'DNAT', to: { port: Number(m[2]), addr: addr.addr } };
        i += 2;
      } else if (t === 'MARK' && (table === 'nat' || table === 'mangle')) {
        const written = word(i + 1);
        const v = hex(written);
        if (v === undefined) return undefined;
        if (is(i, '--or-mark')) target = { kind: 'MARK', value: v, mask: v, written: `--or-mark ${written}` };
        else if (is(i, '--xor-mark')) target = { kind: 'MARK', value: v, mask: 0, written: `--xor-mark ${written}` };
        else return undefined;
        i += 2;
      } else if (t && USER_CHAIN.test(t) && !BUILTIN_TARGETS.has(t) && CHAIN.test(t)) target = jumpTo(t);
      else return undefined;
      if (i !== count) return undefined; // target options this path does not know
      continue;
    }
    return undefined;
  }
  const kept = matches.slice();
  return { action: 'append', chain, rule: target ? { matches: kept, target } : { matches: kept } };
}

// Kernel parameters: `sysctl [-w] [-q] [-e] KEY=VALUE …` (procps) and `echo VALUE > /proc/sys/net/…`;
// and the one sysfs attribute podpath models, a bridge port's hairpin flag:
// `echo 1 > /sys/class/net/PORT/brport/hairpin_mode` (br_sysfs_if.c, as kubelet's hairpin-veth
// mode writes it; /sys/devices/virtual/net/PORT/… is the same file).
// Keys come out in sysctl's dotted form, converting a /proc/sys path the way procps does: the
// separators swap, so a dot inside a device name becomes "/" (`/proc/sys/net/ipv4/conf/
// mustang.tun0/rp_filter` → `net.ipv4.conf.mustang/tun0.rp_filter`, exactly what
// `sysctl -w net.ipv4.conf.mustang/tun0.rp_filter=1` writes). A key Linux does not have in a
// network namespace is refused here with sysctl's (or the shell's) words, at the key; whether a
// per-device key's device exists, and whether podpath models the key (it warns when not), is
// the engine's to say when it builds the lab (src/engine/kernel/sysctl.ts).
import type { OpBody } from '../../engine/config/ops';
import { cannotStat, linuxKey, procSysPath } from '../../engine/kernel/sysctlKeys';
import { fail } from './args';
import { inContext, type CommandParser } from './parsed';
import type { Token } from './tokenize';

const PROC_SYS = '/proc/sys/';
const BRPORT_HAIRPIN = /^\/sys\/(?:class|devices\/virtual)\/net\/([^/]+)\/brport\/hairpin_mode$/;

/** procps' slashdot(): path form (first separator "/") to dotted form; dotted form unchanged. */
export function toDottedKey(key: string): string {
  const first = key.search(/[./]/);
  if (first < 0 || key[first] === '.') return key;
  return key.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

/** How the command reports a key Linux does not have: sysctl(8)'s words, or the shell's for `echo >`. */
type Missing = 'sysctl' | 'echo' | 'ignore';

function sysctlOp(key: string, value: string, at: Token, missing: Missing): OpBody {
  if (!/^net(\.[A-Za-z0-9_/-]+)+$/.test(key)) {
    fail(at, `podpath models the network sysctls only (net.…), got "${key}"`);
  }
  if (!linuxKey(key).exists && missing !== 'ignore') {
    fail(at, missing === 'sysctl' ? cannotStat(key) : `bash: ${procSysPath(key)}: No such file or directory`);
  }
  if (value === '') fail(at, `expected a value for ${key}`);
  return { op: 'sysctl', key, value, ...(missing === 'ignore' ? { ignoreMissing: true } : {}) };
}

export const parseSysctl: CommandParser = (args, ctx) => {
  args.take(); // `sysctl`
  const words = args.remaining();
  const isFlag = (word: string) => word === '--write' || word === '--quiet' || word === '--ignore' || /^-[a-zA-Z]+$/.test(word);
  // -e (--ignore): procps skips unknown keys without a word (podpath warns); getopt reads
  // options wherever they stand, so it covers every pair of the command
  const missing: Missing = words.some((w) => w.value === '--ignore' || /^-[a-zA-Z]*e[a-zA-Z]*$/.test(w.value)) ? 'ignore' : 'sysctl';
  const ops: OpBody[] = [];
  for (const token of words) {
    const word = token.value;
    if (isFlag(word)) {
      const unsupported = word.startsWith('--') ? undefined : [...word.slice(1)].find((flag) => !'wqe'.includes(flag));
      if (unsupported) fail(token, `sysctl option -${unsupported} is not supported; write \`sysctl -w KEY=VALUE\``);
      continue;
    }
    const eq = word.indexOf('=');
    if (eq <= 0) fail(token, `expected KEY=VALUE, got "${word}"`);
    ops.push(sysctlOp(toDottedKey(word.slice(0, eq)), word.slice(eq + 1), token, missing));
  }
  if (ops.length === 0) fail(args.lastPos(), 'expected KEY=VALUE');
  return inContext(ctx, ...ops);
};

/** `echo 1 > /proc/sys/net/ipv4/ip_forward`, `echo 1 > /sys/class/net/veth1/brport/hairpin_mode` */
export const parseEchoToProc: CommandParser = (args, ctx) => {
  const echo = args.take()!;
  const words = args.remaining().filter((w) => !/^-[neE]+$/.test(w.value));
  const stdout = ctx.shell.redirects.filter((r) => /^1?>>?$/.test(r.op.value));
  if (stdout.length === 0) {
    fail(echo, 'echo changes nothing unless written to /proc/sys/net/… (`echo 1 > /proc/sys/net/ipv4/ip_forward`)');
  }
  if (stdout.length > 1) fail(stdout[1].op, 'expected one `> /proc/sys/net/…` redirection');
  const { op, target } = stdout[0];
  if (ctx.insideExec) {
    fail(op, `the calling shell opens ${target.value} in the machine's root namespace, not in ${ctx.netns}; write \`ip netns exec ${ctx.netns} sysctl -w KEY=VALUE\``);
  }
  if (words.length === 0) fail(echo, 'expected the value to write');
  const brport = BRPORT_HAIRPIN.exec(target.value);
  if (brport) {
    // store_hairpin_mode: kstrtoul, any non-zero number turns it on
    const value = words.map((w) => w.value).join(' ');
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(value)) fail(words[0], `${target.value} takes a number (1 on, 0 off), got "${value}" (the write fails with Invalid argument)`);
    return inContext(ctx, { op: 'brport-sysfs', dev: brport[1], path: target.value, hairpin: Number(value) !== 0 });
  }
  if (target.value.startsWith('/sys/')) {
    fail(target, `the only sysfs file podpath models is a bridge port's /sys/class/net/PORT/brport/hairpin_mode, got "${target.value}"`);
  }
  if (!target.value.startsWith(PROC_SYS + 'net/')) {
    fail(target, `echo only configures podpath through /proc/sys/net/… (and a bridge port's brport/hairpin_mode), got "${target.value}"`);
  }
  const key = toDottedKey(target.value.slice(PROC_SYS.length).replace(/\/+$/, ''));
  return inContext(ctx, sysctlOp(key, words.map((w) => w.value).join(' '), target, 'echo'));
};

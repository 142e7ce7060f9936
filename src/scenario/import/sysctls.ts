// The sysctl writes that give a new namespace a snapshot's values: only the keys podpath
// models (src/engine/kernel/sysctl.ts), and only where the value differs from the one a new
// namespace has. They run at the end of the script, after every device exists: a device
// created earlier copied conf.default as it was then (the kernel's default), so each device's
// own value is compared with that.
import { DEVCONF_DEFAULTS, NET_DEFAULTS, type DevConfName } from '../../engine/kernel/sysctl';
import { execIn } from './commands';
import type { NsRef } from './devices';

const CONF = /^net\.ipv4\.conf\.(.+)\.([a-z_]+)$/;

/** One write, as `sysctl -w` (a device name with a dot goes through /proc/sys instead). */
function write(ns: NsRef, scope: string, name: string, value: string): string {
  if (scope.includes('.') || scope.includes('/')) return execIn(ns, `echo ${value} > /proc/sys/net/ipv4/conf/${scope}/${name}`);
  return execIn(ns, `sysctl -w net.ipv4.conf.${scope}.${name}=${value}`);
}

export function sysctlCommands(ns: NsRef, devices: ReadonlySet<string>, notes: string[]): string[] {
  const values = ns.ns.sysctl;
  const out: string[] = [];
  if (Object.keys(values).length === 0) {
    notes.push(`${ns.name || 'root namespace'}: no sysctls were read: the lab keeps a new namespace's values`);
    return out;
  }
  const forwarding = values['net.ipv4.ip_forward'] ?? '0';
  if (forwarding !== '0') out.push(execIn(ns, 'sysctl -w net.ipv4.ip_forward=1'));
  for (const [key, dflt] of Object.entries(NET_DEFAULTS)) {
    const v = values[key];
    if (v !== undefined && v !== String(dflt)) out.push(execIn(ns, `sysctl -w ${key}=${v}`));
  }
  // without br_netfilter the bridge hands frames on without iptables; podpath's default is on
  if (values['net.bridge.bridge-nf-call-iptables'] === undefined && (ns.ns.link ?? []).some((l) => l.linkinfo?.info_kind === 'bridge')) {
    out.push(execIn(ns, 'sysctl -w net.bridge.bridge-nf-call-iptables=0'));
    notes.push(`${ns.name || 'root namespace'}: br_netfilter was not loaded (no net.bridge keys): written as net.bridge.bridge-nf-call-iptables=0`);
  }
  let other = 0;
  for (const [key, v] of Object.entries(values)) {
    const m = CONF.exec(key);
    if (!m) {
      if (key !== 'net.ipv4.ip_forward' && !(key in NET_DEFAULTS)) other++;
      continue;
    }
    const [, scope, name] = m;
    if (!(name in DEVCONF_DEFAULTS)) {
      other++;
      continue;
    }
    const dflt = String(DEVCONF_DEFAULTS[name as DevConfName]);
    // ip_forward already set every device's forwarding and conf.all/default's
    const expected = name === 'forwarding' ? (forwarding === '0' ? '0' : '1') : dflt;
    if (v === expected) continue;
    if (scope === 'all' || scope === 'default' || devices.has(scope)) out.push(write(ns, scope, name, String(v)));
  }
  if (other) notes.push(`${ns.name || 'root namespace'}: ${other} other sysctl value(s) were read and not compared: podpath does not model those keys (src/engine/kernel/sysctl.ts)`);
  return out;
}

// Ethernet MAC addresses as lower-case colon strings ("02:42:ac:11:00:02").

/** @pattern ^[0-9a-f]{2}(:[0-9a-f]{2}){5}$ */
export type Mac = string;

export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC: Mac = '00:00:00:00:00:00';

export function parseMac(text: string): Mac | undefined {
  const lower = text.toLowerCase();
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(lower) ? lower : undefined;
}

export function isMulticastMac(mac: Mac): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}

/**
 * The MAC podpath gives a device whose script sets none. Linux picks a random one
 * (eth_hw_addr_random); we derive it from where the device was created so traces are
 * reproducible, and export-script pins the same value on real devices so headers compare
 * exactly. Locally administered, unicast (first octet 0x02 set, 0x01 clear).
 */
export function deterministicMac(machine: string, netns: string, dev: string): Mac {
  // FNV-1a over the identity, stretched to 40 bits with a second round.
  const key = `${machine}/${netns}/${dev}`;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    h1 = Math.imul(h1 ^ key.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ key.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  const bytes = [0x02, h1 >>> 24, (h1 >>> 16) & 255, (h1 >>> 8) & 255, h1 & 255, h2 & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

// The netfilter hooks on the packet's path: hook dispatch (hook.ts), connection tracking
// (conntrackIn.ts), NAT (nat.ts) and the REJECT target (reject.ts).
export { nfHook, type NfHook, type NfVerdict } from './hook';

// Notation the languages share: places and devices as the lab names them.

/** `host2:eth0`, or `host2/pod-b:eth0` in a named namespace. */
export function placeText(p: { readonly machine: string; readonly netns: string; readonly dev: string }): string {
  return `${p.machine}${p.netns ? `/${p.netns}` : ''}:${p.dev}`;
}

/** Whether a device elsewhere is in the namespace of the event (then its bare name is enough). */
export function sameNamespace(p: { readonly machine: string; readonly netns: string }, at: { readonly machine: string; readonly netns: string }): boolean {
  return p.machine === at.machine && p.netns === at.netns;
}

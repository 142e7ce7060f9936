// Node ids of the canvas graph: m:<machine>, ns:<machine>/<netns>, d:<machine>/<netns>/<dev>,
// net:<network>. Their own module so layout, collapse and graph can all use them.

export interface DeviceRef {
  readonly machine: string;
  readonly netns: string;
  readonly name: string;
}

export const machineId = (machine: string) => `m:${machine}`;
export const namespaceId = (machine: string, netns: string) => `ns:${machine}/${netns}`;
export const deviceId = (ref: DeviceRef) => `d:${ref.machine}/${ref.netns}/${ref.name}`;
export const networkId = (name: string) => `net:${name}`;

/**
 * The netns name of a machine's group chip: the many namespaces a flow does not enter, drawn as
 * one chip (collapse.ts). No Linux namespace is named that: ip netns names are file names, and
 * podpath's own names are plain words.
 */
export const GROUP_NETNS = '\u2026';
export const groupId = (machine: string) => namespaceId(machine, GROUP_NETNS);

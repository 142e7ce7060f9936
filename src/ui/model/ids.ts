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

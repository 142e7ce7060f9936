// React Flow's node types, defined once at module level (a new object each render makes
// React Flow warn and remount every node).
import type { NodeTypes } from '@xyflow/react';
import { DeviceNode } from './DeviceNode';
import { MachineNode } from './MachineNode';
import { NamespaceNode } from './NamespaceNode';
import { NetworkNode } from './NetworkNode';

export const nodeTypes: NodeTypes = {
  machine: MachineNode,
  namespace: NamespaceNode,
  device: DeviceNode,
  network: NetworkNode,
};

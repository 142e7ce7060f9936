// Shared pieces for applying ops: the namespace a command runs in and the failures Linux
// reports, worded as the real tools word them.
import type { Op } from '../../config/ops';
import type { LabWarning } from '../../trace/types';
import type { Device } from '../dev/device';
import type { Lab } from '../lab';
import type { Netns } from '../netns';

export class CommandError extends Error {}

export interface ApplyContext {
  readonly lab: Lab;
  readonly machine: string;
  readonly ns: Netns;
  readonly op: Op;
  /** The command was accepted, but podpath does not model what it asks for: the build warns. */
  readonly warn?: (w: Pick<LabWarning, 'code' | 'key' | 'value' | 'modelledValue'>) => void;
}

export function fail(message: string): never {
  throw new CommandError(message);
}

export function findDevice(ns: Netns, name: string): Device {
  const dev = ns.devices.get(name);
  if (!dev) fail(`Cannot find device "${name}"`);
  return dev;
}

export function findNetns(ctx: ApplyContext, name: string): Netns {
  const ns = ctx.lab.netns(ctx.machine, name);
  if (!ns) fail(`Cannot open network namespace "${name}": No such file or directory`);
  return ns;
}

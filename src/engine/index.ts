// podpath's engine: build a world from a validated scenario, trace flows through it.
export { buildWorld } from './world';
export type { World, DeviceInfo, RouteGetResult, RouteQuery } from './api';
export type { WorldSpec, MachineSpec, NetworkSpec, NicSpec, BuildError } from './config/world';
export type { Op, OpBody, Loc } from './config/ops';
export type { Trace, Leg, TraceEvent, Drop, Flow, I18nText, Expectation } from './trace/types';
export { DROP_REASONS, dropInfo } from './trace/dropReasons';
export { formatHeaders } from './packet/format';

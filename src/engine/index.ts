// podpath's engine: build a world from a validated scenario, trace flows through it.
export { buildWorld } from './world';
export type { World, DeviceInfo, ListenerInfo, RouteGetResult, RouteQuery, ShowWhat } from './api';
export type { Matrix, MatrixOptions, MatrixTarget, Reach } from './matrix';
export { MATRIX_FLOW_ID, matrixFlow, reachOf } from './matrix';
export type { WorldSpec, MachineSpec, NetworkSpec, NicSpec, BuildError } from './config/world';
export type { Op, OpBody, Loc } from './config/ops';
export type { Trace, Leg, TraceEvent, Drop, Flow, I18nText, Expectation, Outcome, At, Endpoint, Protocol } from './trace/types';
export { TRACE_VERSION } from './trace/types';
export type { EventCode, EventParams, EventBody, EventKind } from './trace/events';
export { EVENT_CODES, eventKind } from './trace/events';
export type { StateRef } from './trace/refs';
export { refKey } from './trace/refs';
export type { DropCause } from './trace/causes';
export { DROP_REASONS, isDropReason, type DropReason } from './trace/dropReasons';
export type { StateDelta, ShownLine } from './trace/state';
export { formatHeaders } from './packet/format';

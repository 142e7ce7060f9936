// Bring your own node: a snapshot of a real node's network configuration
// (scripts/podpath-collect.sh) opened as a lab. Pure TypeScript, for the CLI and the page.
export { parseSnapshot, SNAPSHOT_VERSION, type Snapshot, type ParsedSnapshot } from './snapshot';
export { importSnapshots, ImportError, type ImportExtras, type ImportInput, type ImportResult } from './scenario';

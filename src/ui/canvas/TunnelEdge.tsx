// A tunnel (vxlan, ipip) between two VTEPs: a dashed arc over the machines, so a tunnel from
// the first to the last machine of a row does not run through the ones between.
import { BaseEdge, type EdgeProps } from '@xyflow/react';

/** How high the arc rises, as a share of the distance between its ends. */
const RISE = 0.28;

export function tunnelPath(sx: number, sy: number, tx: number, ty: number): string {
  const distance = Math.hypot(tx - sx, ty - sy);
  const cx = (sx + tx) / 2;
  const cy = Math.min(sy, ty) - Math.max(40, distance * RISE);
  return `M ${sx},${sy} Q ${cx},${cy} ${tx},${ty}`;
}

export function TunnelEdge({ id, sourceX, sourceY, targetX, targetY, style, markerEnd, className }: EdgeProps & { className?: string }) {
  return <BaseEdge id={id} path={tunnelPath(sourceX, sourceY, targetX, targetY)} style={style} markerEnd={markerEnd} className={className} />;
}

export const edgeTypes = { tunnel: TunnelEdge };

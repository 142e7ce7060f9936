// Invisible attachment points on the four sides of a node: graph.ts picks the sides that face
// each other for every edge (the canvas runs in loose connection mode, so any side serves).
import { Handle, Position } from '@xyflow/react';
import type { HandleSide } from '../model/graph';

const POSITION: Record<HandleSide, Position> = { top: Position.Top, bottom: Position.Bottom, left: Position.Left, right: Position.Right };

export function Ports() {
  return (
    <>
      {(Object.keys(POSITION) as HandleSide[]).map((side) => (
        <Handle key={side} id={side} type="source" position={POSITION[side]} isConnectable={false} className="pp-port" />
      ))}
    </>
  );
}

// Placeholder: being written.
export function TopologyCanvas() {
  return <div data-placeholder="TopologyCanvas" />;
}

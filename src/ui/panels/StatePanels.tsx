// Placeholder: being written.
export function StatePanels() {
  return <div data-placeholder="StatePanels" />;
}

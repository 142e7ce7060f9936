// Placeholder: being written.
export function Timeline() {
  return <div data-placeholder="Timeline" />;
}

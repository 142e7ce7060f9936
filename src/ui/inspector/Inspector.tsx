// Placeholder: being written.
export function Inspector() {
  return <div data-placeholder="Inspector" />;
}

// Placeholder: being written.
export function PlaybackBar() {
  return <div data-placeholder="PlaybackBar" />;
}

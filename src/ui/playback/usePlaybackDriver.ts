// Placeholder: being written (timer ticks and keyboard for the playback).
export function usePlaybackDriver(): void {}

// The words of the playback bar and the timeline. Keys start with 'playback.'; zh-CN must have every key en has.
export const en = {
  'playback.label': 'Playback',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'playback.label': '回放',
};

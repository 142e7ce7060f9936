// The words of the inspector and the state panels. Keys start with 'inspector.'; zh-CN must have every key en has.
export const en = {
  'inspector.label': 'Inspector',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'inspector.label': '检查器',
};

// The words of the topology canvas. Keys start with 'canvas.'; zh-CN must have every key en has.
export const en = {
  'canvas.label': 'Canvas',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'canvas.label': '拓扑',
};

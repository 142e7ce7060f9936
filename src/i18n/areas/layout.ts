// The page shell's words: the skip link, the column splitters, and embed mode (the caption and
// the Share dialog's embed builder). zh-CN must have every key en has, with the same {placeholders}.
export const en = {
  'layout.skipToPlayback': 'Skip to playback',
  'layout.resizeFlows': 'Resize the flows column',
  'layout.resizeDetails': 'Resize the step details column',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'layout.skipToPlayback': '跳到回放控制',
  'layout.resizeFlows': '调整流量栏宽度',
  'layout.resizeDetails': '调整步骤详情栏宽度',
};

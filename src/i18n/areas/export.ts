// The words of the step pictures ("Export image" on the canvas, the image fallback of the Share
// dialog's embed snippet). Keys start with 'export.'; zh-CN must have every key en has, with the
// same {placeholders}.
export const en = {
  'export.menu': 'Export this step as an image',
  'export.png': 'PNG picture',
  'export.svg': 'SVG drawing',
  'export.working': 'Drawing…',
  'export.failed': 'The image could not be made: {message}',
  'export.caption.start': 'Before the first step: the topology as built.',
  'export.caption.step': 'Step {current} of {total}: {text}',
  'export.caption.verdict': 'Verdict: {verdict}. The client sees: {outcome}.',
  'export.fallback': 'Image fallback in the snippet (for pages without scripts or iframes)',
  'export.fallbackDownload': 'Download {file}',
  'export.fallbackHint': 'Put the picture next to the page, under this name: the snippet shows it where the live lab cannot run.',
  'export.noDiagram': 'The picture is drawn from the diagram: open the Topology tab to download it.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'export.menu': '把当前步骤导出为图片',
  'export.png': 'PNG 图片',
  'export.svg': 'SVG 矢量图',
  'export.working': '正在绘制…',
  'export.failed': '无法生成图片：{message}',
  'export.caption.start': '第一步之前：搭建好的拓扑。',
  'export.caption.step': '第 {current} 步，共 {total} 步：{text}',
  'export.caption.verdict': '结果：{verdict}。客户端看到：{outcome}。',
  'export.fallback': '在代码片段中附带静态图片（供不能运行脚本或 iframe 的页面使用）',
  'export.fallbackDownload': '下载 {file}',
  'export.fallbackHint': '把图片以这个文件名放在页面旁边：实验无法运行时，代码片段会显示它。',
  'export.noDiagram': '图片由拓扑图绘制：请切换到拓扑标签页再下载。',
};

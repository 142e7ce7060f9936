// The words of the ladder (sequence) diagram and of the box that holds it beside the timeline.
// Keys start with 'ladder.' or 'steps.'; zh-CN must have every key en has, with the same
// {placeholders}.
export const en = {
  'steps.tabs': 'Steps view',
  'steps.timeline': 'Timeline',
  'steps.ladder': 'Ladder',
  'ladder.label': 'Ladder diagram of the conversation',
  'ladder.empty': 'Choose a flow to see its packets here.',
  'ladder.root': 'root',
  'ladder.network': 'network',
  'ladder.arp.request': 'ARP who-has {target}',
  'ladder.arp.reply': 'ARP {target} is-at',
  'ladder.rewrite.src': 'src {from} → {to}',
  'ladder.rewrite.dst': 'dst {from} → {to}',
  'ladder.rewrite.encap': '{tunnel} encap {from} → {to}',
  'ladder.rewrite.decap': '{tunnel} decap',
  'ladder.arrow': '{packet} from {from} to {to}',
  'ladder.arrow.local': '{packet} at {to}',
  'ladder.arrow.dropped': '{packet} from {from}, dropped at {to}',
  'ladder.arrow.droppedLocal': '{packet} dropped at {to}',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'steps.tabs': '步骤视图',
  'steps.timeline': '时间线',
  'steps.ladder': '时序图',
  'ladder.label': '本次会话的时序图（梯形图）',
  'ladder.empty': '选择一条流量，这里会画出它的每个数据包。',
  'ladder.root': '根',
  'ladder.network': '网络',
  'ladder.arp.request': 'ARP 请求：谁是 {target}',
  'ladder.arp.reply': 'ARP 应答：{target} 的地址',
  'ladder.rewrite.src': '源 {from} → {to}',
  'ladder.rewrite.dst': '目的 {from} → {to}',
  'ladder.rewrite.encap': '{tunnel} 封装 {from} → {to}',
  'ladder.rewrite.decap': '{tunnel} 解封装',
  'ladder.arrow': '{packet}：从 {from} 到 {to}',
  'ladder.arrow.local': '{packet}：在 {to}',
  'ladder.arrow.dropped': '{packet}：从 {from} 发出，在 {to} 被丢弃',
  'ladder.arrow.droppedLocal': '{packet}：在 {to} 被丢弃',
};

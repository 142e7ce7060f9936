// Mini-map fills per node kind and theme (machines and networks stand out; devices are specks).
import type { Theme } from '../../store/lab';
import type { TopologyNode } from '../model/graph';

const COLORS: Record<Theme, Record<string, string>> = {
  light: { machine: '#e2e8f0', pod: '#bae6fd', root: '#f1f5f9', device: '#94a3b8', network: '#a5b4fc' },
  dark: { machine: '#334155', pod: '#075985', root: '#1e293b', device: '#64748b', network: '#4f46e5' },
};

export function minimapColor(node: TopologyNode, theme: Theme): string {
  const colors = COLORS[theme];
  if (node.type === 'namespace') return node.data.netns === '' ? colors.root : colors.pod;
  return colors[node.type] ?? colors.device;
}

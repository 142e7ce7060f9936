// The commands of machine scripts stand out in the YAML: `ip`, `iptables`, `bridge`, `sysctl` …
// at the start of a line, or after `ip netns exec NS`, are marked (class cm-pp-command).
import { Decoration, type DecorationSet, MatchDecorator, ViewPlugin, type ViewUpdate, type EditorView } from '@codemirror/view';

/** The commands the script parser knows (src/scenario/commands/dispatch.ts and listeners). */
const COMMANDS = ['ip', 'bridge', 'sysctl', 'iptables', 'iptables-legacy', 'iptables-nft', 'iptables-restore', 'iptables-legacy-restore', 'iptables-nft-restore', 'ipset', 'ipvsadm', 'modprobe', 'nohup', 'echo', 'socat', 'nc'];

// longest first, so `iptables-restore` is not read as `iptables`
const WORDS = [...COMMANDS].sort((a, b) => b.length - a.length).map((c) => c.replace(/-/g, '\\-')).join('|');
export const COMMAND_AT = new RegExp(`(?<=^\\s*|\\bexec\\s+\\S+\\s+)(?:${WORDS})(?=\\s|$)`, 'g');

const decorator = new MatchDecorator({ regexp: COMMAND_AT, decoration: Decoration.mark({ class: 'cm-pp-command' }) });

export const commandHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorator.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = decorator.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

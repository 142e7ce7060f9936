// Where the cursor is in a scenario's YAML, from indentation alone (the text being typed is
// often not valid YAML yet): the keys of the mappings around it, and whether it is typing a
// key or a key's value. List items (`- `) count as indentation and are skipped in the path.

export type CursorPlace =
  /** typing a key of the mapping at `path` */
  | { readonly kind: 'key'; readonly path: readonly string[]; readonly word: string; readonly from: number }
  /** typing the value of `key` (whose mapping is at `path`) */
  | { readonly kind: 'value'; readonly path: readonly string[]; readonly key: string; readonly word: string; readonly from: number }
  /** in a script, a comment, or somewhere nothing is offered */
  | { readonly kind: 'none' };

interface Line {
  /** column of the first key character (after indentation and any "- ") */
  readonly keyAt: number;
  readonly key?: string;
  /** what follows `key:`, comment removed ('' for a mapping's key) */
  readonly rest?: string;
  readonly blank: boolean;
}

function lineInfo(text: string): Line {
  const keyAt = /^\s*(?:-\s+)*/.exec(text)![0].length;
  const body = text.slice(keyAt);
  const kv = /^([A-Za-z0-9_.-]+|"[^"]*"|'[^']*')\s*:(?:\s+(.*))?$/.exec(body.replace(/\s+#.*$/, ''));
  return {
    keyAt,
    ...(kv ? { key: kv[1].replace(/^["']|["']$/g, ''), rest: (kv[2] ?? '').trim() } : {}),
    blank: body.trim() === '' || body.trimStart().startsWith('#'),
  };
}

/** The place of the cursor at `pos` in `text`. */
export function cursorPlace(text: string, pos: number): CursorPlace {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const above = text.slice(0, lineStart).split('\n').slice(0, -1);

  const valueMatch = /^\s*(?:-\s+)*([A-Za-z0-9_.-]+)\s*:\s+(?:\[\s*|.*,\s*)?([^\s#:,[\]{}]*)$/.exec(before);
  const keyMatch = /^\s*(?:-\s+)*([A-Za-z0-9_.-]*)$/.exec(before);
  if (!valueMatch && !keyMatch) return { kind: 'none' };

  // each enclosing mapping's key is on the nearest line above that is less indented
  const path: string[] = [];
  let column = lineInfo(before).keyAt;
  for (let i = above.length - 1; i >= 0 && column > 0; i--) {
    const line = lineInfo(above[i]);
    if (line.blank || line.keyAt >= column) continue;
    if (line.key === undefined || line.rest) return { kind: 'none' }; // a script's line, a block scalar's header, a flow value
    path.unshift(line.key);
    column = line.keyAt;
  }
  if (column > 0) return { kind: 'none' };
  if (valueMatch) {
    const word = valueMatch[2];
    return { kind: 'value', path, key: valueMatch[1], word, from: pos - word.length };
  }
  const word = keyMatch![1];
  return { kind: 'key', path, word, from: pos - word.length };
}

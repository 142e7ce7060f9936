// -m comment (extensions/libxt_comment.c): --comment TEXT, required, at most 255 characters.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { requireOption, type MatchExtension, type RuleState } from '../extension';

export function commentMatch(token: Token, _rule: RuleState): MatchExtension {
  let text = '';
  const ext: MatchExtension = {
    kind: 'match',
    name: 'comment',
    token,
    options: [
      {
        names: ['comment'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          if (v.value.length > 255) fail(v, `comment: a comment may have at most 255 characters; this one has ${v.value.length}`);
          text = v.value;
        },
      },
    ],
    used: new Set(),
    finish: () => requireOption(ext, 'comment'),
    build: () => ({ kind: 'comment', text }),
  };
  return ext;
}

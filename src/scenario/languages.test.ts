// Every word a learner reads in zh-CN is Chinese (issue 12, part 9): walks every shipped
// scenario and fails on a text the page shows whose zh-CN form is missing, or is English prose
// (a one-string text, such as `title: Fixed`, is the same in both languages). A text made only of
// technical tokens (device and namespace names, commands, addresses, protocol and product
// names) may be the same in both.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { I18nText } from '../engine/trace/types';
import type { Scenario } from './model';
import { loadFile } from './testing';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Commands and proper names a Chinese text keeps in Latin letters. */
const KEPT = new Set(['ping', 'curl', 'nc', 'socat', 'ip', 'iptables', 'ipvsadm', 'tcpdump', 'sysctl', 'pod', 'calico', 'macvlan', 'ipvlan', 'flannel', 'service', 'local', 'cluster', 'kubernetes', 'linux', 'aws']);

/** A word a Chinese text may keep as it is: a name with digits or punctuation, an acronym, a CamelCase name, a command. */
function technical(word: string): boolean {
  return /[\d\-_./:=@]/.test(word) || /^[A-Z]{2,}s?$/.test(word) || /^[a-zA-Z]+[A-Z][a-zA-Z]*$/.test(word) || KEPT.has(word.toLowerCase());
}

/** Why `text` is not fit for a zh-CN reader, or undefined when it is. */
function zhProblem(text: I18nText): string | undefined {
  const zh = text['zh-CN'].trim();
  if (!zh) return text.en.trim() ? 'no zh-CN text' : undefined;
  if (CJK.test(zh)) return undefined;
  const prose = zh.split(/[\s,;:()（）、，。；：“”"'`[\]{}<>→←+*!?]+/).filter((w) => w && !technical(w));
  return prose.length ? `zh-CN is not Chinese: "${prose.join(' ')}" in "${zh}"` : undefined;
}

/** Every text of a scenario that the page shows, with where it is. */
function shownTexts(s: Scenario): [string, I18nText | undefined][] {
  const texts: [string, I18nText | undefined][] = [
    ['title', s.title],
    ['summary', s.summary],
  ];
  for (const a of s.articles ?? []) texts.push([`articles ${a.file ?? ''} title`, a.title], [`articles ${a.file ?? ''} part`, a.part]);
  for (const f of s.flows) texts.push([`flows.${f.id}.title`, f.title]);
  for (const v of s.variants) texts.push([`variants.${v.id}.title`, v.title], [`variants.${v.id}.explain`, v.explain]);
  s.tour.forEach((step, i) => texts.push([`tour[${i}].text`, step.text]));
  for (const [id, cell] of Object.entries(s.flowCells ?? {})) {
    texts.push([`flows.${id}.matrix.row`, cell.row], [`flows.${id}.matrix.column`, cell.column], [`flows.${id}.article.note`, cell.article?.note]);
  }
  return texts;
}

describe('zhProblem', () => {
  it.each([
    ['a Chinese text', { en: 'Fixed', 'zh-CN': '修好' }, undefined],
    ['technical tokens only', { en: 'pod-a ping pod-b', 'zh-CN': 'pod-a ping pod-b' }, undefined],
    ['product names and a CamelCase value', { en: 'Calico Pod', 'zh-CN': 'NodePort（Local）' }, undefined],
    ['one string for both languages', { en: 'Fixed', 'zh-CN': 'Fixed' }, 'zh-CN is not Chinese: "Fixed" in "Fixed"'],
    ['English prose around names', { en: 'x', 'zh-CN': 'host1 routes to host2' }, 'zh-CN is not Chinese: "routes to" in "host1 routes to host2"'],
    ['a missing translation', { en: 'Fixed', 'zh-CN': '' }, 'no zh-CN text'],
  ] as const)('%s', (_name, text, problem) => {
    expect(zhProblem(text)).toBe(problem);
  });
});

describe('every shipped scenario speaks Chinese in zh-CN', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s', (file) => {
    const problems = shownTexts(loadFile(`scenarios/${file}`)).flatMap(([where, text]) => {
      const problem = text && zhProblem(text);
      return problem ? [`${where}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });
});

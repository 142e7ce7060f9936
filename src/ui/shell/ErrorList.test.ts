// The page's notice for what a lab sets that podpath accepted without modelling: rendered to
// markup (no DOM here), it names each command where the scenario writes it and says why, in
// the page's language; a lab without warnings shows nothing.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BuildWarning } from '../../engine/config/world';
import { t } from '../../i18n/index';
import { WarningList } from './ErrorList';

const warnings: BuildWarning[] = [
  {
    code: 'sysctl-unmodelled',
    machine: 'a',
    netns: '',
    key: 'net.ipv4.tcp_keepalive_time',
    value: '600',
    loc: { file: 'scenarios/x.yaml', line: 14, col: 7 },
    command: 'sysctl -w net.ipv4.tcp_keepalive_time=600',
  },
  {
    code: 'sysctl-unmodelled',
    machine: 'a',
    netns: 'pod',
    key: 'net.ipv4.neigh.eth0.proxy_delay',
    value: '80',
    modelledValue: '0',
    loc: { file: 'scenarios/x.yaml', line: 15, col: 7 },
    command: 'sysctl -w net.ipv4.neigh.eth0.proxy_delay=80',
  },
];

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&gt;/g, '>').replace(/&#x27;/g, "'");

describe('WarningList', () => {
  it('shows each command at its place with why it changes nothing, as a status notice', () => {
    const html = renderToStaticMarkup(createElement(WarningList, { title: t('en', 'scenario.warnings'), warnings, lang: 'en' }));
    expect(html).toContain('role="status"');
    expect(html).toContain('data-testid="build-warnings"');
    const shown = text(html);
    expect(shown).toContain('Accepted, but not modelled');
    expect(shown).toContain('scenarios/x.yaml:14:7: a: sysctl -w net.ipv4.tcp_keepalive_time=600');
    expect(shown).toContain('Linux has this kernel parameter, podpath does not model it');
    expect(shown).toContain('scenarios/x.yaml:15:7: a (netns pod): sysctl -w net.ipv4.neigh.eth0.proxy_delay=80');
    expect(shown).toContain('podpath models this kernel parameter at 0 only');
  });

  it('starts folded to its title and count, so the notes do not take the canvas its room', () => {
    const html = renderToStaticMarkup(createElement(WarningList, { title: t('en', 'scenario.warnings'), warnings, lang: 'en' }));
    expect(html).toMatch(/<details>/);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(text(html.slice(html.indexOf('<summary'), html.indexOf('</summary>')))).toContain('Accepted, but not modelled: the trace does not show what these settings change (2)');
  });

  it('speaks the page’s language', () => {
    const shown = text(renderToStaticMarkup(createElement(WarningList, { title: t('zh-CN', 'scenario.warnings'), warnings, lang: 'zh-CN' })));
    expect(shown).toContain('已接受但未建模');
    expect(shown).toContain('podpath 没有为它建模');
    expect(shown).toContain('podpath 只按 0 这一个值');
  });

  it('renders nothing for a lab without warnings', () => {
    expect(renderToStaticMarkup(createElement(WarningList, { title: 'x', warnings: [], lang: 'en' }))).toBe('');
  });
});

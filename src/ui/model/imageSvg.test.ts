import { describe, expect, it } from 'vitest';
import { CAPTION_STYLE, composeSvg, layoutCaption, PALETTES } from './imageSvg';

/** Every character 8 px wide. */
const measure = (s: string) => s.length * 8;

describe('the caption strip\'s layout', () => {
  it('wraps each block to the picture\'s width and stacks the lines downwards', () => {
    const { lines, height } = layoutCaption(
      [
        { tone: 'title', text: 'podpath · host-gw' },
        { tone: 'step', text: 'word '.repeat(30).trim() },
      ],
      400,
      measure,
    );
    expect(lines[0]).toMatchObject({ tone: 'title', text: 'podpath · host-gw', size: CAPTION_STYLE.size.title });
    const body = lines.slice(1);
    expect(body.length).toBeGreaterThan(1);
    for (const l of body) expect(measure(l.text)).toBeLessThanOrEqual(400 - 2 * CAPTION_STYLE.padding);
    for (let i = 1; i < lines.length; i++) expect(lines[i].y).toBeGreaterThan(lines[i - 1].y);
    expect(height).toBeGreaterThan(lines.at(-1)!.y);
  });
});

describe('the picture as one SVG', () => {
  const caption = layoutCaption([{ tone: 'drop', text: 'Dropped: <no route> & "more"' }], 600, measure);
  const svg = composeSvg({
    diagram: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><foreignObject/></svg>',
    width: 600,
    diagramHeight: 300,
    caption,
    palette: PALETTES.dark,
    fontFamily: 'ui-sans-serif, "Segoe UI"',
    title: 'host-gw step 5',
  });
  it('is one <svg> document as tall as the diagram and the caption, on the theme\'s background', () => {
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="${300 + caption.height}"`)).toBe(true);
    expect(svg).toContain(`fill="${PALETTES.dark.background}"`);
    expect(svg).not.toContain('<?xml');
    expect(svg.match(/<svg/g)).toHaveLength(2);
  });
  it('writes the caption as escaped text below the diagram, in the page\'s font and the tone\'s colour', () => {
    expect(svg).toContain('>Dropped: &lt;no route&gt; &amp; &quot;more&quot;</text>');
    expect(svg).toContain('font-family="ui-sans-serif, &quot;Segoe UI&quot;"');
    expect(svg).toContain(`fill="${PALETTES.dark.tones.drop}"`);
    const y = Number(/<text x="\d+" y="(\d+)"/.exec(svg)![1]);
    expect(y).toBeGreaterThan(300);
    expect(svg).toContain('<title>host-gw step 5</title>');
  });
});

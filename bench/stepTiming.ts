// The in-page script that times playback steps (bench/ui.ts, bench/uiBigState.ts): a keydown
// of → on the window (what the playback's keyboard listens to), then the time until a task
// after the next animation frame, i.e. after React rendered the step and the browser painted
// it; 60 ms of idle between steps so each starts from an idle page. Stops early at the end.
// A string, not a function: tsx's transform would name the closures with a helper the page lacks.
export function stepTimingScript(steps: number): string {
  return `(async (n) => {
    const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
    const out = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      out.push((await afterPaint()) - t0);
      if (document.querySelector('[data-testid="playback"]')?.getAttribute('data-status') === 'finished') break;
      await new Promise((r) => setTimeout(r, 60));
    }
    return out;
  })(${steps})`;
}

// The in-page script that times playback steps (bench/ui.ts, bench/uiBigState.ts): a keydown
// of → on the window (what the playback's keyboard listens to), then two figures per step:
//
// - `work`: the main thread's time for the step: the script that ran for the key (React's
//   render and commit, the effects) plus the animation frame that drew it (rAF callbacks,
//   style, layout, paint, layerize), measured from that frame's first callback to a task
//   after it. The time the page sat idle waiting for the display's next frame is not in it.
// - `latency`: from the key to a task after the frame that drew it, idle wait included.
//
// Why both: with a fixed pause between steps, the key falls at the same place in the 60 Hz
// frame each time, so the latency measured the frame phase as much as the work (a page that
// did less work waited longer for the frame; a first version of this script saw 22–23 ms
// whatever was hidden). The pause now varies over one frame so the phase is spread evenly.
// Stops early at the end. A string, not a function: tsx's transform would name the closures
// with a helper the page lacks.
export interface StepTimes {
  readonly work: number[];
  readonly latency: number[];
}

export function stepTimingScript(steps: number): string {
  return `(async (n) => {
    const out = { work: [], latency: [] };
    for (let i = 0; i < n; i++) {
      let frameStart = 0;
      requestAnimationFrame(() => { frameStart = performance.now(); }); // the first callback of the next frame
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      // React renders in a microtask queued by the key; a few turns let the ones it queues run too
      for (let k = 0; k < 8; k++) await Promise.resolve();
      const scriptEnd = performance.now();
      const painted = await new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
      out.work.push((scriptEnd - t0) + (painted - Math.max(frameStart, scriptEnd)));
      out.latency.push(painted - t0);
      if (document.querySelector('[data-testid="playback"]')?.getAttribute('data-status') === 'finished') break;
      await new Promise((r) => setTimeout(r, 60 + ((i * 7.1) % 16.7)));
    }
    return out;
  })(${steps})`;
}

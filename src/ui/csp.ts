// The page's Content-Security-Policy (issue 15). The built app is a static bundle: every script
// and the engine worker come from the page's own origin, so nothing inline or foreign may run.
// vite.config.ts puts it in the built index.html as a <meta> (dev mode with its inline HMR
// preamble keeps no policy) and sends it as a header from `vite preview` (`npm start`).
//
// - script-src / worker-src 'self': the bundle and the worker file; Vite emits no inline script
//   (the build fails if index.html has one: vite.config.ts; e2e/csp.spec.ts checks the page).
// - style-src 'unsafe-inline': React Flow positions nodes with style attributes and CodeMirror
//   injects <style> elements at run time; neither can carry a nonce from a static page.
// - img-src data: blob:: the picture export draws the diagram from a data: SVG onto a canvas.
// - connect-src: `?src=` fetches a lab from any https address, or over http from this machine
//   (srcUrl.ts); `[::1]` has no CSP spelling, so an http://[::1] lab is refused by the browser.
// - frame-ancestors is left out on purpose: docs embed the page in iframes (`?embed=1`) from any
//   site, and a <meta> policy may not carry it anyway (Chrome reports it as an error).
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'worker-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self' https: http://localhost:* http://127.0.0.1:*",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

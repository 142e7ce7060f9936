// The Content-Security-Policy (issue 15): served with the page (header from `vite preview` and
// <meta> in the built index.html), and the whole lab works under it: no violation while a
// scenario plays, the editor opens (CodeMirror's injected styles), a picture is exported (data:
// and blob: images) and a lab is fetched with ?src=. Violations are caught from the
// `securitypolicyviolation` event and from the console (consoleProblems fails on any error).
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../src/ui/csp';
import { NEW_LAB_TEMPLATE } from '../src/ui/editor/model/template';
import { expect, openLab, playToEnd, test } from './fixtures';

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** The violations the page has reported since it loaded. */
const violations = (page: Page) => page.evaluate(() => window.cspViolations ?? []);

test.beforeEach(async ({ page }) => {
  // runs before the page's own scripts on every load (the CSP does not apply to it)
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations!.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
});

test('the page is served with its Content-Security-Policy, as a header and in the built index.html', async ({ page, consoleProblems }) => {
  void consoleProblems;
  const response = await page.goto('./?scenario=host-gw');
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(CONTENT_SECURITY_POLICY);
  expect(meta).toContain("script-src 'self'");
  expect(meta).not.toContain('frame-ancestors'); // docs embed the page from any site
  // no inline script in the built page (the policy would refuse it)
  expect(await page.locator('script:not([src])').count()).toBe(0);
});

test('no violation while playing a scenario, opening the editor, exporting a picture and loading ?src=', async ({ page, consoleProblems }) => {
  void consoleProblems;
  await openLab(page, '?scenario=host-gw&flow=pod-a-to-pod-b');
  await playToEnd(page);
  await page.getByTestId('edit-toggle').click();
  await expect(page.getByTestId('yaml-editor')).toBeVisible();
  await page.getByTestId('export-image').click();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  await page.getByTestId('export-image').click();
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  expect(await violations(page)).toEqual([]);

  const lab = NEW_LAB_TEMPLATE.replace('id: my-lab', 'id: csp-lab').replace('en: "Two namespaces on a bridge"', 'en: "A lab under the policy"');
  await page.route('https://labs.example/csp.yaml', (route) => route.fulfill({ status: 200, contentType: 'text/yaml', body: lab }));
  await openLab(page, `?src=${encodeURIComponent('https://labs.example/csp.yaml')}`);
  await expect(page.getByTestId('scenario-header').getByRole('heading', { level: 1 })).toHaveText('A lab under the policy');
  expect(await violations(page)).toEqual([]);
});

test('the policy refuses what it should: an inline script injected into the page does not run', async ({ page }) => {
  await openLab(page, '?scenario=host-gw');
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injectedRan = true';
    document.body.append(s);
    return (window as unknown as { injectedRan?: boolean }).injectedRan === true;
  });
  expect(ran).toBe(false);
  // reported once per policy (header and <meta>)
  await expect.poll(async () => (await violations(page)).length).toBeGreaterThan(0);
  for (const v of await violations(page)) expect(v).toMatch(/^script-src(-elem)?: inline$/);
});

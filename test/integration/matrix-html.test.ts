// The HTML report in a real browser: headless Chromium (Debian `chromium`)
// driven by playwright-core. The grid renders one coloured cell per
// scenario × client, and clicking a cell opens its detail (client output,
// queries sent, the answer layout as served).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/matrix/runner.js';
import { renderMatrix } from '../../src/report/matrix-render.js';
import { requirement } from '../helpers/peers.js';
import { suitesMatrix } from '../unit/report/matrix-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
type Browser = import('playwright-core').Browser;
let chromium: typeof import('playwright-core').chromium | undefined;
let missing = '';
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  missing = 'playwright-core is not installed (npm install)';
}
if (!missing && !existsSync(CHROMIUM)) missing = `${CHROMIUM} not found (scripts/install-lab.sh installs chromium)`;
requirement(missing || undefined);

describe.skipIf(Boolean(missing))(`HTML matrix in headless Chromium${missing ? ` — skipped: ${missing}` : ''}`, () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    const doc = await runMatrix({ clients: 'glibc-getaddrinfo,go-pure,dnspython,chromium', scenarios: 'canonical,cname-last,unrelated-first', jobs: 2 });
    file = join(mkdtempSync(join(tmpdir(), 'dnsorder-html-')), 'matrix.html');
    writeFileSync(file, renderMatrix(doc, 'html'));
    browser = await chromium!.launch({
      executablePath: CHROMIUM,
      args: LAUNCH_ARGS,
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the grid with a legend, and a click opens the cell detail', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Self-contained: no request may leave the file.
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);

    const cells = page.locator('table.grid td.cell button');
    expect(await cells.count()).toBe(12);
    expect(await page.locator('table.grid th.client').allTextContents()).toEqual(['glibc-getaddrinfo', 'go-pure', 'dnspython', 'chromium']);
    // A browser column: Chromium's built-in DNS client refuses the whole answer with the unrelated record.
    expect(await page.locator('button[data-scenario="unrelated-first"][data-client="chromium"]').getAttribute('data-outcome')).toBe('no-address');
    expect(await page.locator('button[data-scenario="cname-last"][data-client="chromium"]').getAttribute('data-outcome')).toBe('ok');
    expect(await page.locator('.legend').textContent()).toContain('wrong-address');
    const bad = page.locator('button[data-scenario="cname-last"][data-client="glibc-getaddrinfo"]');
    expect(await bad.getAttribute('data-outcome')).toBe('no-address');
    expect(await bad.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(224, 164, 0)');
    expect(await page.locator('.security').textContent()).toContain('go-pure on unrelated-first');

    expect(await page.locator('#detail').isVisible()).toBe(false);
    await bad.click();
    const detail = page.locator('#detail');
    await detail.waitFor({ state: 'visible' });
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('cname-last × glibc-getaddrinfo');
    expect(text).toContain('outcome: no-address');
    expect(text).toContain('queries sent: 1');
    expect(text).toContain('EAI_NONAME'); // the client's own output
    expect(text).toMatch(/edge\.cname-last\.order\.test\. 300 IN A 192\.0\.2\.1/); // the answer layout, terminal first
    await page.locator('#detail-close').click();
    expect(await detail.isVisible()).toBe(false);

    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
  });
});

// `--suites host,trixie`, from a hand-made document (no root needed): each
// client's name spans its host and trixie columns, the model spans both
// header rows, and the changes between releases are listed under the grid.
describe.skipIf(Boolean(missing))(`HTML matrix with suites in headless Chromium${missing ? ` — skipped: ${missing}` : ''}`, () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'dnsorder-html-')), 'suites.html');
    writeFileSync(file, renderMatrix(suitesMatrix(), 'html'));
    browser = await chromium!.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws one column group per client over its userlands, and lists what changed', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);

    expect(await page.locator('table.grid th.client').allTextContents()).toEqual(['glibc-getaddrinfo', 'musl-getaddrinfo', 'model-glibc']);
    expect(await page.locator('table.grid th.userland').allTextContents()).toEqual(['host', 'trixie', 'host', 'trixie']);
    expect(await page.locator('table.grid td.cell button').count()).toBe(15);

    // The group header covers exactly its two userland columns, which hold their cells.
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const group = await box('th.group:has-text("glibc-getaddrinfo")');
    const host = await box('th.userland[data-client="glibc-getaddrinfo"]');
    const trixie = await box('th.userland[data-client="glibc-getaddrinfo@trixie"]');
    expect(Math.abs(group.x - host.x)).toBeLessThan(2);
    expect(Math.abs(group.x + group.width - (trixie.x + trixie.width))).toBeLessThan(2);
    const cell = await box('button[data-scenario="cname-last"][data-client="glibc-getaddrinfo@trixie"]');
    expect(cell.x).toBeGreaterThanOrEqual(trixie.x - 1);
    expect(cell.x + cell.width).toBeLessThanOrEqual(trixie.x + trixie.width + 1);
    const model = await box('th.client:has-text("model-glibc")');
    expect(model.y).toBeLessThanOrEqual(group.y + 1);
    expect(model.y + model.height).toBeGreaterThanOrEqual(host.y + host.height - 1);

    const changes = page.locator('#changes li');
    expect(await changes.count()).toBe(1);
    expect(await changes.first().textContent()).toBe('cname-last glibc-getaddrinfo: host (glibc 2.36): ∅ no-address → trixie (glibc 2.41): ✓ ok');
    expect(await page.locator('#changes .not-run').textContent()).toContain('musl-getaddrinfo@trixie');

    await page.locator('button[data-scenario="cname-last"][data-client="glibc-getaddrinfo@trixie"]').click();
    const detail = page.locator('#detail');
    await detail.waitFor({ state: 'visible' });
    expect(await detail.textContent()).toContain('cname-last × glibc-getaddrinfo@trixie');
    expect(await detail.textContent()).toContain('glibc 2.41');
    expect(errors).toEqual([]);
  });
});

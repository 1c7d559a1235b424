// The first view: the copy of the default page written into index.html, shown while the app and
// its data load (see first-view.mjs and src/ui/first_view.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { start, stop, started, screenshot, watchedPage } from './browser.mjs';
import { makeFirstView } from './first-view.mjs';

const COMMITTED = fileURLToPath(new URL('../../public/first-view.html', import.meta.url));

let server;
let browser;
before(async () => ({ server, browser } = await start()));
after(() => stop({ server, browser }));

/** A page whose app is held back: its WebAssembly is not answered until `release()`. It records
 * what the Content-Security-Policy refuses (see watchedPage). */
async function heldPage(viewport, beforeLoad) {
  const page = await watchedPage(browser, viewport, beforeLoad);
  let held;
  const wasm = new Promise((resolve) => {
    held = resolve;
  });
  await page.route('**/*_bg.wasm', async (route) => {
    await wasm;
    await route.continue();
  });
  page.release = () => held();
  return page;
}

const text = (page, selector) => page.locator(selector).first().evaluate((e) => e.textContent.trim());

test('a plain link shows the page at once, then the app in its place with the same figures', async (t) => {
  for (const [width, height] of [
    [375, 812],
    [768, 1024],
    [1280, 800],
    [1440, 900],
    [1920, 1080],
  ]) {
    const page = await heldPage({ width, height });
    try {
      await page.goto(server.url, { waitUntil: 'domcontentloaded' });
      // Before the app has started: the headline, the first chart drawn, and a note that the
      // model is loading; none of it can be used yet.
      const firstView = page.locator('#first-view');
      assert.equal(await firstView.isVisible(), true);
      assert.equal(await page.locator('#first-view .first-view-page').getAttribute('inert'), '');
      assert.equal(await text(page, '#first-view .first-view-status'), 'Loading the funding model…');
      const headline = await text(page, '#first-view #headline');
      assert.match(headline, /^What this scenario does\s*0 practices gain and 0 lose at least 0\.1% of their NHS payments\. /);
      const chart = page.locator('#first-view #chart-winners-losers .first-view-chart svg:visible');
      assert.equal(await chart.count(), 1, 'one drawing of the first chart shows at this width');
      const box = await chart.boundingBox();
      assert.ok(box.y < height && box.height > 150, `the first chart is on the first screen (${JSON.stringify(box)})`);
      // The drawing made nearest this width: drawn at most a fifth narrower or wider than shown,
      // so that its text is near the size the app's own draws.
      const drawn = Number((await chart.getAttribute('viewBox')).split(' ')[2]);
      assert.ok(box.width / drawn > 0.8 && box.width / drawn < 1.2, `drawn ${drawn} px wide, shown ${box.width.toFixed(0)}`);
      const caption = await text(page, '#first-view #chart-winners-losers figcaption');
      await screenshot(page, `first-view-${width}`);
      // The app starts and takes its place, showing the same figures.
      page.release();
      await started(page);
      assert.equal(await text(page, '#headline'), headline);
      assert.equal(await text(page, '#chart-winners-losers figcaption'), caption);
      assert.equal(await page.locator('#chart-winners-losers canvas').getAttribute('width') !== null, true, 'its chart drawn');
      assert.deepEqual(page.problems, []);
    } catch (err) {
      await screenshot(page, `failure-first-view-${width}`);
      throw err;
    } finally {
      await page.close();
    }
  }
});

test('the first view in index.html is the page this build draws (else run scripts/first-view.sh)', async () => {
  const made = await makeFirstView(browser, server.url);
  const committed = await readFile(COMMITTED, 'utf8');
  assert.ok(
    made === committed,
    `public/first-view.html is not the page this build draws: run scripts/first-view.sh (it is ${committed.length} bytes, the page ${made.length})`,
  );
});

test('without JavaScript the page says the app needs it, and shows no first view', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    assert.equal(await page.locator('#first-view').isVisible(), false);
    assert.match(await page.locator('body').innerText(), /^GP Funding Explorer needs JavaScript and WebAssembly/);
  } finally {
    await context.close();
  }
});

test('a link with settings of its own, or a reader who guesses first, never sees the first view', async () => {
  const cases = [
    ['?v=1&dep=0.1', null],
    ['#chart-deprivation', null],
    ['', () => localStorage.setItem('gpfe-predict', '1')],
  ];
  for (const [address, beforeLoad] of cases) {
    const page = await heldPage({ width: 1280, height: 900 }, beforeLoad);
    try {
      await page.goto(server.url + address, { waitUntil: 'domcontentloaded' });
      assert.equal(await page.locator('#first-view').count(), 0, `${address || 'with guessing on'}: gone before the app starts`);
      page.release();
      await page.waitForSelector('#headline');
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  }
});

test('the first view holds no script and no style attribute, and names no other origin', async () => {
  const html = await readFile(COMMITTED, 'utf8');
  assert.doesNotMatch(html, /<script|\sstyle="|\son[a-z]+="/i);
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i);
});

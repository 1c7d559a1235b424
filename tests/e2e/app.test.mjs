// End to end: the release build in dist/, served on 127.0.0.1 from here, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { serve } from './server.mjs';
import { launch, openPage, screenshot, DIST } from './browser.mjs';

let server;
let browser;

before(async () => {
  await access(path.join(DIST, 'index.html')).catch(() => {
    throw new Error(`no build at ${DIST}: run \`trunk build --release\` first (scripts/test.sh does)`);
  });
  server = await serve(DIST);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `body` with a fresh page; on failure saves a screenshot named after the test. */
async function withPage(t, body, viewport) {
  const page = await openPage(browser, server.url, viewport);
  try {
    await body(page);
  } catch (err) {
    const file = await screenshot(page, `failure-${t.name.replace(/\W+/g, '-')}`);
    err.message += `\n(screenshot: ${file})`;
    throw err;
  } finally {
    await page.close();
  }
}

const canvasPixels = (page) =>
  page.$eval('#example-chart', (canvas) => canvas.toDataURL('image/png'));

test('the page loads, shows its title and draws the chart', async (t) => {
  await withPage(t, async (page) => {
    await page.waitForSelector('h1');
    assert.equal(await page.textContent('h1'), 'GP Funding Explorer');
    await page.waitForFunction(() => document.querySelector('#example-chart')?.width > 0);
    const blank = await page.$eval('#example-chart', (c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      return data.every((v, i) => i % 4 === 3 || v === 255);
    });
    assert.equal(blank, false, 'the chart has drawn something other than white');
    assert.deepEqual(page.problems, []);
  });
});

test('moving the slider with the keyboard redraws the chart', async (t) => {
  await withPage(t, async (page) => {
    await page.waitForFunction(() => document.querySelector('#example-chart')?.width > 0);
    const before = await canvasPixels(page);
    const tableBefore = await page.textContent('#example-table');

    await page.focus('#weight-65-plus');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () => document.querySelector('#weight-65-plus-value')?.textContent === '3.0×',
    );
    await page.waitForFunction(
      (old) => document.querySelector('#example-chart').toDataURL('image/png') !== old,
      before,
    );

    assert.notEqual(await canvasPixels(page), before, 'the chart pixels changed');
    const tableAfter = await page.textContent('#example-table');
    assert.notEqual(tableAfter, tableBefore);
    assert.match(tableAfter, /£61,290\.32/);
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'slider-moved-1280');
  });
});

test('the England dataset loads and "About the data" shows the published totals', async (t) => {
  await withPage(t, async (page) => {
    await page.waitForSelector('#about-data');
    const status = await page.textContent('#dataset-status');
    assert.match(status, /6,669 practices/);
    assert.match(status, /62,134,645 registered patients/);
    assert.match(status, /£10,230,094,803\.70/);
    await page.click('#about-data summary');
    const totals = await page.textContent('#national-totals');
    assert.match(totals, /62,130,227\.86/);
    assert.match(totals, /4,368,731,529\.76/);
    const about = await page.textContent('#about-data');
    assert.match(about, /Open Government Licence v3\.0/);
    assert.match(about, /Contains OS data © Crown copyright and database right/);
    assert.match(about, /December 2025/);
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'about-data-1280');
  });
});

test('a dataset that cannot be fetched gets a message and the rest of the page still works', async (t) => {
  const page = await browser.newPage();
  page.problems = [];
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  try {
    await page.route('**/england-2022-23.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(server.url);
    await page.waitForSelector('#dataset-status .error');
    assert.match(
      await page.textContent('#dataset-status'),
      /could not be loaded: fetching data\/england-2022-23\.json failed: HTTP 404/,
    );
    await page.focus('#weight-65-plus');
    await page.keyboard.press('End');
    await page.waitForFunction(
      () => document.querySelector('#weight-65-plus-value')?.textContent === '6.0×',
    );
    assert.deepEqual(page.problems, []);
  } catch (err) {
    await screenshot(page, 'failure-dataset-404');
    throw err;
  } finally {
    await page.close();
  }
});

for (const width of [375, 1920]) {
  test(`the layout fits a ${width} px wide screen`, async (t) => {
    await withPage(
      t,
      async (page) => {
        await page.waitForFunction(() => document.querySelector('#example-chart')?.width > 0);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.equal(overflow, 0, 'no horizontal scrolling');
        assert.deepEqual(page.problems, []);
        await screenshot(page, `layout-${width}`);
      },
      { width, height: 900 },
    );
  });
}

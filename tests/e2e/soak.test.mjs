// A long session: 10,000 random changes to the controls in one page, then the memory it holds
// and the numbers it shows, checked against `gpfe` for the link the page ends on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { start, stop, started, openPage, screenshot, DIST } from './browser.mjs';

const GPFE = process.env.GPFE_BIN ?? path.resolve(DIST, '../target/release/gpfe');
const CHANGES = 10_000;
const SEED = 20221123;

let server;
let browser;
before(async () => ({ server, browser } = await start()));
after(() => stop({ server, browser }));

/** JS heap after a full collection, the WebAssembly memory and the number of DOM elements. */
async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { wasm, elements } = await page.evaluate(() => ({
    wasm: window.appWasmMemory?.buffer.byteLength ?? null,
    elements: document.getElementsByTagName('*').length,
  }));
  return { js: usedSize, wasm, elements };
}

/** Makes `count` random changes to the sidebar's controls, from a seeded generator. */
function randomChanges(page, count, seed) {
  return page.evaluate(
    async ({ count, seed }) => {
      let state = seed >>> 0;
      const random = () => {
        // mulberry32
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const codes = ['E85124', 'A84036', 'A81015', 'QHM', 'ZZZ999', ''];
      const fire = (el, ...types) => types.forEach((t) => el.dispatchEvent(new Event(t, { bubbles: true })));
      const kinds = {};
      for (let i = 0; i < count; i++) {
        // Controls come and go with the settings (a story's extra levers), so look each time.
        const controls = [...document.querySelectorAll('aside.sidebar input, aside.sidebar select')].filter(
          (el) => !el.disabled && el.type !== 'file',
        );
        const el = controls[Math.floor(random() * controls.length)];
        if (el.tagName === 'SELECT') {
          el.selectedIndex = Math.floor(random() * el.options.length);
          fire(el, 'input', 'change');
        } else if (el.type === 'checkbox' || el.type === 'radio') {
          el.click();
        } else if (el.type === 'range' || el.type === 'number') {
          const min = Number(el.min || 0);
          const max = Number(el.max || 1);
          const step = Number(el.step) || (max - min) / 100;
          const value = min + Math.round((random() * (max - min)) / step) * step;
          el.value = String(Number(value.toFixed(6)));
          fire(el, 'input', 'change');
        } else {
          el.value = codes[Math.floor(random() * codes.length)];
          fire(el, 'input', 'change');
        }
        kinds[el.type || el.tagName] = (kinds[el.type || el.tagName] ?? 0) + 1;
        // Let the page handle it (a message, unlike a timer, is not held back when chained).
        await new Promise((r) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = r;
          channel.port2.postMessage(0);
        });
      }
      return { kinds, state };
    },
    { count, seed },
  );
}

function gpfe(...args) {
  return JSON.parse(execFileSync(GPFE, args, { encoding: 'utf8' }));
}

/** What gpfe says when it cannot run a scenario, or null when it can. */
function gpfeRefusal(query) {
  try {
    execFileSync(GPFE, ['summary', '--scenario', query], { encoding: 'utf8', stdio: 'pipe' });
    return null;
  } catch (err) {
    return err.stderr.split('\n')[0].replace(/^gpfe: /, '');
  }
}

test(`${CHANGES.toLocaleString('en-GB')} random control changes leave memory flat and the numbers equal to gpfe`, async (t) => {
  const page = await openPage(browser, 'about:blank');
  await page.addInitScript(() =>
    addEventListener('TrunkApplicationStarted', (e) => (window.appWasmMemory = e.detail.wasm.memory)),
  );
  await page.goto(server.url);
  await started(page);
  await page.waitForSelector('#headline');
  const cdp = await page.context().newCDPSession(page);
  try {
    // Warm up, so that what is built once (fonts, caches, every story's controls) is counted
    // in both measurements.
    let { state } = await randomChanges(page, 200, SEED);
    const before = await memory(page, cdp);
    const started = Date.now();
    const kinds = {};
    for (let done = 0; done < CHANGES; done += 1_000) {
      const batch = await randomChanges(page, 1_000, state);
      state = batch.state;
      for (const [k, n] of Object.entries(batch.kinds)) kinds[k] = (kinds[k] ?? 0) + n;
    }
    const seconds = (Date.now() - started) / 1000;
    // The link is written once the controls have been still for a moment.
    await page.waitForTimeout(800);
    const afterwards = await memory(page, cdp);
    const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
    t.diagnostic(`${CHANGES} changes in ${seconds.toFixed(0)} s: ${JSON.stringify(kinds)}`);
    t.diagnostic(`JS heap before ${mb(before.js)}, after ${mb(afterwards.js)}`);
    t.diagnostic(`WebAssembly memory before ${mb(before.wasm)}, after ${mb(afterwards.wasm)}`);
    t.diagnostic(`DOM elements before ${before.elements}, after ${afterwards.elements}`);
    console.log(
      `SOAK ${CHANGES} changes in ${seconds.toFixed(0)} s; JS heap ${mb(before.js)} -> ${mb(afterwards.js)}; ` +
        `WebAssembly memory ${mb(before.wasm)} -> ${mb(afterwards.wasm)}; DOM elements ${before.elements} -> ${afterwards.elements}`,
    );
    assert.ok(Object.keys(kinds).length >= 4, `every kind of control was changed: ${JSON.stringify(kinds)}`);
    assert.ok(afterwards.js < before.js * 1.2 + 2e6, 'the JS heap stays flat');
    assert.ok(afterwards.wasm !== null && afterwards.wasm <= before.wasm + 16 * 2 ** 20, 'WebAssembly memory stays flat');

    // Where the link the page ends on cannot be run (a code that names nothing), the page says
    // so as gpfe does, keeping the last good view; with the codes mended, the numbers agree.
    let query = new URL(page.url()).search.slice(1);
    const refusal = gpfeRefusal(query);
    if (refusal) {
      t.diagnostic(`the link the changes ended on is refused by gpfe: ${refusal}`);
      assert.ok((await page.textContent('#model-error')).includes(refusal), refusal);
      // The code boxes may sit in a closed story section: set them as the changes did.
      const codes = gpfe('params')
        .filter((p) => p.kind === 'code')
        .map((p) => [`control-${p.key}`, p.default]);
      await page.evaluate((codes) => {
        for (const [id, code] of codes) {
          const input = document.getElementById(id);
          input.value = code;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }
      }, codes);
      await page.waitForFunction(() => !document.querySelector('#model-error'));
      await page.waitForTimeout(800);
      query = new URL(page.url()).search.slice(1);
    }
    const summary = gpfe('summary', '--scenario', query);
    const bins = summary.winners_losers;
    const gain = bins[0].practices + bins[1].practices;
    const lose = bins[3].practices + bins[4].practices;
    const q = summary.by_imd_quintile;
    const money = (v) => `£${Number(v).toFixed(2)}`;
    const headline = await page.textContent('#headline');
    const expected =
      `${gain === 1 ? '1 practice gains' : `${gain.toLocaleString('en-GB')} practices gain`} and ${lose === 1 ? '1 loses' : `${lose.toLocaleString('en-GB')} lose`} at least 0.1% of their NHS payments. ` +
      `Money per weighted patient, ${summary.per_weighted_patient_yardstick}: least deprived fifth ${money(q[0].scenario_per_weighted_patient)}, most deprived fifth ${money(q[4].scenario_per_weighted_patient)}`;
    assert.ok(headline.includes(expected), `for ?${query}:\n${headline}\nexpected\n${expected}`);
    t.diagnostic(`final link: ?${query}`);
    assert.deepEqual(page.problems, []);
    const elsewhere = page.requests.filter((url) => !/^(about|data|blob):/.test(url) && !url.startsWith(server.url));
    assert.deepEqual(elsewhere, [], 'nothing asked of another origin');
    await screenshot(page, 'soak-final-1280');
  } finally {
    await page.close();
  }
});

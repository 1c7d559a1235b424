// End to end: the release build in dist/, served on 127.0.0.1 from here, in headless Chromium.
// Numbers on the page are checked against the `gpfe` command line for the same query string.
import jsQR from 'jsqr';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { start, stop, openPage, recordFirstChart, screenshot, started, DIST, ARTEFACTS } from './browser.mjs';

const GPFE = process.env.GPFE_BIN ?? path.resolve(DIST, '../target/release/gpfe');

let server;
let browser;

before(async () => {
  ({ server, browser } = await start({
    '/embed-test.html': path.join(path.dirname(new URL(import.meta.url).pathname), 'embed-page.html'),
  }));
});
after(() => stop({ server, browser }));

/**
 * Runs `body` with a fresh page at `query`, then checks the page asked nothing of any other origin
 * and the Content-Security-Policy refused nothing (unless the test provokes it); on failure saves
 * a screenshot named after the test.
 */
async function withPage(t, body, { query = '', viewport, provokesPolicy = false, beforeLoad } = {}) {
  const page = await openPage(browser, server.url + query, viewport, beforeLoad);
  try {
    await page.waitForSelector('#headline');
    await body(page);
    if (!provokesPolicy) {
      const elsewhere = page.requests.filter((url) => !/^(data|blob):/.test(url) && !url.startsWith(server.url));
      assert.deepEqual(elsewhere, [], 'the page asks nothing of any origin but its own');
      assert.deepEqual(page.problems.filter((p) => p.startsWith('policy violation')), []);
    }
  } catch (err) {
    const file = await screenshot(page, `failure-${t.name.replace(/\W+/g, '-')}`);
    err.message += `\n(screenshot: ${file})`;
    throw err;
  } finally {
    await page.close();
  }
}

function gpfe(...args) {
  return JSON.parse(execFileSync(GPFE, args, { encoding: 'utf8' }));
}

const number = (text) => Number(text.replace(/[£,%\s]/g, ''));

/** The winners-and-losers table as [practices, patients] per bin. */
async function winnersLosers(page) {
  const card = page.locator('#chart-winners-losers');
  await card.getByRole('button', { name: 'Show as table' }).click();
  const rows = await card.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent)),
  );
  await card.getByRole('button', { name: 'Show as chart' }).click();
  return rows.map((r) => ({ practices: number(r[1]), patients: number(r[3]) }));
}

function assertMatchesSummary(rows, summary) {
  assert.equal(rows.length, 5);
  rows.forEach((row, i) => {
    assert.equal(row.practices, summary.winners_losers[i].practices, `bin ${i} practices`);
    assert.ok(Math.abs(row.patients - summary.winners_losers[i].patients) <= 0.5, `bin ${i} patients`);
  });
}

const canvasPixels = (page, id) =>
  page.$eval(`#chart-${id} canvas`, (canvas) => canvas.toDataURL('image/png'));

test('the explorer loads the England dataset and shows the 2022/23 baseline', async (t) => {
  await withPage(t, async (page) => {
    assert.equal(await page.textContent('h1'), 'GP Funding Explorer');
    assert.equal(await page.textContent('#scenario-name'), '2022/23 as paid');
    assert.match(await page.textContent('#headline'), /0 practices gain and 0 lose/);
    await page.waitForFunction(
      () => document.querySelector('#chart-winners-losers canvas')?.width > 300,
    );
    const blank = await page.$eval('#chart-winners-losers canvas', (c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      return data.every((v, i) => i % 4 === 3 || v === 255);
    });
    assert.equal(blank, false, 'the chart has drawn something other than white');
    assertMatchesSummary(await winnersLosers(page), gpfe('summary'));
    assert.deepEqual(page.problems, []);
    const elsewhere = page.requests.filter((url) => !url.startsWith(server.url));
    assert.deepEqual(elsewhere, [], 'the page asks nothing of any origin but its own');
    assert.ok(page.requests.some((url) => url.endsWith('/data/england-2022-23.bin')));
    assert.ok(
      !page.requests.some((url) => url.endsWith('/data/england-2022-23-names.bin')),
      'the names are not fetched until a view shows them',
    );
    await screenshot(page, 'explorer-1280');
  });
});

test('moving a formula slider gives the same winners and losers as gpfe', async (t) => {
  await withPage(t, async (page) => {
    await page.waitForFunction(
      () => document.querySelector('#chart-winners-losers canvas')?.width > 300,
    );
    const before = await canvasPixels(page, 'winners-losers');
    await page.focus('#control-ns');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => location.search.includes('ns=0.5'));
    const query = new URL(page.url()).search.slice(1);
    assert.equal(query, 'v=1&ns=0.5');
    assert.equal(await page.textContent('#scenario-name'), 'Custom scenario');
    await page.waitForFunction(
      (old) => document.querySelector('#chart-winners-losers canvas').toDataURL('image/png') !== old,
      before,
    );
    assertMatchesSummary(await winnersLosers(page), gpfe('summary', '--scenario', query));
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'slider-moved-1280');
  });
});

/** The deprivation fifths' table as the scenario's £ per weighted patient, least deprived first. */
async function fifths(page) {
  const card = page.locator('#chart-deprivation-quintile');
  await card.scrollIntoViewIfNeeded();
  await card.getByRole('button', { name: 'Show as table' }).click();
  const rows = await card.locator('table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
  );
  await card.getByRole('button', { name: 'Show as chart' }).click();
  // Columns: fifth, practices, registered patients, £ per weighted patient 2022/23, scenario.
  return rows.map((r) => ({ practices: number(r[1]), scenario: number(r[4]) }));
}

function assertFifthsMatchSummary(rows, summary, what) {
  assert.equal(rows.length, 5);
  rows.forEach((row, i) => {
    const expected = summary.by_imd_quintile[i];
    assert.equal(row.practices, expected.practices, `${what}: fifth ${i + 1} practices`);
    assert.equal(row.scenario, Number(expected.scenario_per_weighted_patient.toFixed(2)), `${what}: fifth ${i + 1} £ per weighted patient`);
  });
}

// Each part of the formula on its own slider, and the whole formula's choice, moved in the page:
// the winners and losers and the deprivation fifths are those gpfe gives for the same query.
for (const key of ['as', 'an', 'ru', 'mf', 'ns']) {
  test(`the formula part slider ${key} gives the same winners, losers and fifths as gpfe`, async (t) => {
    await withPage(t, async (page) => {
      await page.waitForFunction(
        () => document.querySelector('#chart-winners-losers canvas')?.width > 300,
      );
      const before = await canvasPixels(page, 'winners-losers');
      await page.focus(`#control-${key}`);
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
      await page.waitForFunction((k) => location.search.includes(`${k}=0.5`), key);
      const query = new URL(page.url()).search.slice(1);
      assert.equal(query, `v=1&${key}=0.5`);
      // Custom, or the preset with this very query (ru=0.5 is "Rurality halved").
      assert.notEqual(await page.textContent('#scenario-name'), '2022/23 as paid');
      await page.waitForFunction(
        (old) => document.querySelector('#chart-winners-losers canvas').toDataURL('image/png') !== old,
        before,
      );
      const summary = gpfe('summary', '--scenario', query);
      assert.ok(summary.winners_losers.some((bin, i) => i !== 2 && bin.practices > 0), `${key}=0.5 moves some practice`);
      assertMatchesSummary(await winnersLosers(page), summary);
      assertFifthsMatchSummary(await fifths(page), summary, query);
      assert.deepEqual(page.problems, []);
    });
  });
}

for (const formula of ['pmc', 'own']) {
  test(`the formula part choice fm=${formula} gives the same winners, losers and fifths as gpfe`, async (t) => {
    await withPage(t, async (page) => {
      await page.waitForFunction(
        () => document.querySelector('#chart-winners-losers canvas')?.width > 300,
      );
      const before = await canvasPixels(page, 'winners-losers');
      await page.check(`#control-fm-${formula}`);
      await page.waitForFunction((f) => location.search.includes(`fm=${f}`), formula);
      const query = new URL(page.url()).search.slice(1);
      assert.equal(query, `v=1&fm=${formula}`);
      await page.waitForFunction(
        (old) => document.querySelector('#chart-winners-losers canvas').toDataURL('image/png') !== old,
        before,
      );
      const summary = gpfe('summary', '--scenario', query);
      assertMatchesSummary(await winnersLosers(page), summary);
      assertFifthsMatchSummary(await fifths(page), summary, query);
      assert.deepEqual(page.problems, []);
    });
  });
}

test('finding E85124 opens its panel with the numbers gpfe gives', async (t) => {
  await withPage(t, async (page) => {
    await page.fill('#find-input', 'E85124');
    await page.waitForSelector('#find-results li');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#practice-panel');
    // The code alone until the names file, fetched when the finder is first used, arrives.
    await page.waitForFunction(() => document.querySelector('#practice-title')?.textContent !== 'E85124');
    assert.match(await page.textContent('#practice-title'), /GP AT HAND \(E85124\)/);
    assert.match(await page.textContent('#practice-panel .where'), /^SW6 7SX, /);
    assert.ok(page.requests.some((url) => url.endsWith('/data/england-2022-23-names.bin')));
    await page.waitForFunction(() => location.search.includes('practice=E85124'));
    const panel = await page.textContent('#practice-panel');
    const expected = gpfe('practice', 'E85124');
    assert.ok(panel.includes('£9,991,908.40'), 'baseline total');
    assert.ok(panel.includes('84032.72'), 'published weighted list in the walk-through');
    for (const [row, key] of [['additional needs', 'needs'], ['rurality', 'rurality'], ['area costs', 'area'], ['remainder', 'remainder']]) {
      assert.ok(panel.includes(`× ${row}`), `${row} in the walk-through`);
      assert.ok(panel.includes(expected.formula_parts.baseline[key].toFixed(4)), `${row}'s index as gpfe prints it`);
    }
    assert.equal(expected.total_baseline, '9991908.40');
    // Each fitted part says how it was fitted and how much of the spread it explains, as gpfe.
    const fit = gpfe('summary').formula_fit;
    for (const key of ['needs', 'rurality', 'area']) {
      const points = (fit.r_squared_lost_without[key] * 100).toFixed(1);
      assert.ok(panel.includes(`explains ${points} points`), `${key}: explains ${points} points`);
    }
    // Where the surgery is: its council and constituency, as gpfe practice prints them.
    assert.equal(
      await page.textContent('#practice-place'),
      `The surgery is in ${expected.local_authority} (council) and ${expected.constituency} (constituency), in a neighbourhood classed "Urban: Nearer to a major town or city".`,
    );
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'practice-panel-1280');
  });
});

test("E85124's panel shows, row for row, what gpfe practice prints, under every preset", async (t) => {
  // "£1,234.56" or "-£1,234.56" on the page; "1234.56" or "-1234.56" from gpfe.
  const pence = (text) => Math.round(Number(text.trim().replace(/[£,]/g, '')) * 100);
  const fromGpfe = (text) => Math.round(Number(text) * 100);
  await withPage(t, async (page) => {
    for (const preset of gpfe('presets')) {
      await page.goto(`${server.url}?preset=${preset.name}&practice=E85124`);
      await page.waitForSelector('#practice-lines tbody tr');
      const shown = await page.$$eval('#practice-lines tbody tr', (rows) =>
        rows.map((r) => [r.querySelector('th').textContent, ...[...r.querySelectorAll('td')].map((c) => c.textContent)]),
      );
      const practice = gpfe('practice', 'E85124', '--scenario', `preset=${preset.name}`);
      const expected = [
        ...practice.rows.rows,
        practice.rows.total,
        ...practice.rows.outside_total.map((r) => ({ ...r, label: `${r.label} (paid outside the total)` })),
      ];
      assert.equal(shown.length, expected.length, `${preset.name}: rows on the page`);
      expected.forEach((row, i) => {
        const [label, baseline, scenario, change] = shown[i];
        assert.equal(label, row.label, `${preset.name}: row ${i + 1}`);
        assert.equal(pence(baseline), fromGpfe(row.baseline), `${preset.name}: ${row.label}, 2022/23`);
        assert.equal(pence(scenario), fromGpfe(row.scenario), `${preset.name}: ${row.label}, scenario`);
        assert.equal(pence(change), fromGpfe(row.scenario) - fromGpfe(row.baseline), `${preset.name}: ${row.label}, change`);
      });
      // The rows above the total add up to it, on the page as in the model.
      const sum = (col) => shown.slice(0, practice.rows.rows.length).reduce((a, r) => a + pence(r[col]), 0);
      assert.equal(sum(1), fromGpfe(practice.total_baseline), `${preset.name}: 2022/23 rows add up to the total`);
      assert.equal(sum(2), fromGpfe(practice.total_scenario), `${preset.name}: scenario rows add up to the total`);
    }
    assert.deepEqual(page.problems, []);
  });
});

test('the receipt opens from the practice panel by keyboard and its total and weighted list are what gpfe practice --receipt prints', async (t) => {
  // "£1,234.56" or "-£1,234.56" on the page; "1234.56" or "-1234.56" from gpfe.
  const pence = (text) => Math.round(Number(text.trim().replace(/[£,]/g, '')) * 100);
  const fromGpfe = (text) => Math.round(Number(text) * 100);
  await withPage(t, async (page) => {
    for (const preset of ['df-july-2018', 'need-index', 'baseline']) {
      await page.goto(`${server.url}?preset=${preset}&practice=E85124`);
      await page.waitForSelector('#practice-panel');
      await page.focus('#receipt-toggle');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#receipt-table');
      assert.equal(await page.getAttribute('#receipt-toggle', 'aria-expanded'), 'true');
      // The receipt names its practice, as gpfe practice --receipt does, once the names are here.
      const named = gpfe('practice', 'E85124', '--receipt', '--json', '--scenario', `preset=${preset}`).name;
      await page.waitForFunction(
        (name) => document.querySelector('#receipt-table caption')?.textContent === `${name} (E85124): from its patients to its total`,
        named,
      );
      const row = async (key) =>
        page.$eval(`#receipt-table tr[data-step="${key}"]`, (tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent));
      const receipt = gpfe('practice', 'E85124', '--receipt', '--json', '--scenario', `preset=${preset}`);
      const step = (key) => receipt.steps.find((s) => s.step === key);
      const [totalBaseline, totalScenario] = await row('total');
      assert.equal(pence(totalBaseline), fromGpfe(step('total').baseline), `${preset}: 2022/23 total`);
      assert.equal(pence(totalScenario), fromGpfe(step('total').scenario), `${preset}: scenario total`);
      const [weightedBaseline, weightedScenario] = await row('weighted');
      assert.equal(number(weightedBaseline), Number(step('weighted').baseline.toFixed(2)), `${preset}: 2022/23 weighted list`);
      assert.equal(number(weightedScenario), Number(step('weighted').scenario.toFixed(2)), `${preset}: scenario weighted list`);
      // Every step gpfe prints is on the page, in the same order.
      const keys = await page.$$eval('#receipt-table tr[data-step]', (trs) => trs.map((tr) => tr.dataset.step));
      assert.deepEqual(keys, receipt.steps.map((s) => s.step), `${preset}: the steps`);
      // The payments on the page add up to its total.
      const paid = await page.$$eval('#receipt-table tr.payment:not([data-step^="outside-"])', (trs) =>
        trs.filter((tr) => !tr.querySelector('.kind')).map((tr) => tr.querySelectorAll('td')[1].textContent),
      );
      assert.equal(paid.reduce((a, t) => a + pence(t), 0), pence(totalScenario), `${preset}: payments add up`);
    }
    // The CSV download holds the same steps.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#receipt-csv')]);
    assert.match(csv.suggestedFilename(), /^gp-funding-receipt-E85124.*\.csv$/);
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
    assert.equal(lines[0], 'step,section,label,role,unit,2022_23,scenario,explanation');
    assert.ok(lines.some((l) => l.startsWith('total,Total,Total NHS payments,total,pounds,9991908.40,9991908.40,')));
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'receipt-1280');
  });
});

for (const width of [375, 1920]) {
  test(`the receipt fits a ${width} px wide screen and prints alone`, async (t) => {
    await withPage(
      t,
      async (page) => {
        await page.waitForSelector('#practice-panel');
        await page.click('#receipt-toggle');
        await page.waitForSelector('#receipt-table');
        await page.$eval('#receipt', (el) => el.scrollIntoView());
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.equal(overflow, 0, 'the page does not scroll sideways (the table scrolls in its box)');
        await page.locator('#receipt').screenshot({ path: `${ARTEFACTS}/receipt-${width}.png` });
        // Printed, only the receipt shows.
        await page.emulateMedia({ media: 'print' });
        const shown = await page.evaluate(() => {
          const visible = (sel) => {
            const el = document.querySelector(sel);
            return !!el && el.getClientRects().length > 0;
          };
          return {
            receipt: visible('#receipt-table'),
            title: visible('h1'),
            panel: visible('#practice-title'),
            charts: visible('#chart-winners-losers'),
            buttons: visible('#receipt-csv'),
          };
        });
        assert.deepEqual(shown, { receipt: true, title: false, panel: false, charts: false, buttons: false });
        await screenshot(page, `receipt-print-${width}`);
        await page.emulateMedia({ media: 'screen' });
        assert.deepEqual(page.problems, []);
      },
      { query: '?v=1&dep=0.1&practice=E85124', viewport: { width, height: 1000 } },
    );
  });
}

test('a practice whose age bands do not fit its list is flagged in its panel and counted in About, as gpfe says', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.waitForSelector('#practice-panel');
      const expected = gpfe('practice', 'G83047');
      assert.equal(expected.implausible_remainder, true);
      assert.match(await page.textContent('#practice-mismatch'), /the remainder is 0\.55, outside 0\.67 to 1\.5/);
      const summary = gpfe('summary');
      const about = await page.textContent('#formula-fit');
      assert.ok(about.includes(`${summary.implausible_remainders} practices have a remainder below 0.67 or above 1.5`), about);
      assert.deepEqual(page.problems, []);
    },
    { query: '?practice=G83047' },
  );
});

test('with the rest of the formula off, every per-head figure shown falls for the most deprived fifth and rises for the least', async (t) => {
  const query = 'v=1&an=0&ru=0&mf=0&ns=0';
  await withPage(
    t,
    async (page) => {
      const card = page.locator('#chart-deprivation-quintile');
      await card.scrollIntoViewIfNeeded();
      await card.getByRole('button', { name: 'Show as table' }).click();
      const rows = await card.locator('table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
      );
      assert.equal(rows.length, 5);
      const money = (text) => Number(text.replace(/[£,]/g, ''));
      const [least, most] = [rows[0], rows[4]];
      // Columns: fifth, practices, registered patients, £ per weighted patient 2022/23, scenario.
      assert.ok(money(most[4]) < money(most[3]), `most deprived: ${most[3]} then ${most[4]}`);
      assert.ok(money(least[4]) > money(least[3]), `least deprived: ${least[3]} then ${least[4]}`);
      const summary = gpfe('summary', '--scenario', query);
      assert.equal(money(most[4]), summary.by_imd_quintile[4].scenario_per_weighted_patient);
      assert.equal(money(least[4]), summary.by_imd_quintile[0].scenario_per_weighted_patient);
      assert.match(await card.textContent(), /published 2022\/23 weighted list/);
      // The headline names the same yardstick and the same figures.
      // (The headline's first sentences: "how sure" follows once the controls settle.)
    const headlineStart = async () => (await page.textContent('#headline')).split('Pot:')[0];
    const headline = await headlineStart();
      assert.match(headline, /on the published 2022\/23 weighted list/);
      assert.ok(headline.includes(`most deprived fifth £${summary.by_imd_quintile[4].scenario_per_weighted_patient.toFixed(2)}`), headline);
      assert.deepEqual(page.problems, []);
    },
    { query: `?${query}` },
  );
});

test('a link with a scenario and a practice restores the same numbers', async (t) => {
  const query = 'v=1&share=formula&practice=E85124';
  await withPage(
    t,
    async (page) => {
      await page.waitForSelector('#practice-panel');
      assert.equal(await page.textContent('#scenario-name'), 'One price per weighted patient for everyone');
      assertMatchesSummary(await winnersLosers(page), gpfe('summary', '--scenario', query));
      const practice = gpfe('practice', 'E85124', '--scenario', 'v=1&share=formula');
      const change = Number(practice.change).toLocaleString('en-GB', { minimumFractionDigits: 2 });
      assert.ok(
        (await page.textContent('#practice-panel')).includes(change.replace('-', '-£')),
        `the panel shows the change ${practice.change}`,
      );
      assert.equal(await page.isChecked('#control-share-formula'), true);
      assert.deepEqual(page.problems, []);
    },
    { query: `?${query}` },
  );
});

test('every preset applied in the page gives the numbers gpfe gives', async (t) => {
  await withPage(t, async (page) => {
    for (const preset of gpfe('presets')) {
      await page.click(`[data-preset="${preset.name}"]`);
      await page.waitForFunction(
        (q) => location.search === (q ? `?${q}` : ''),
        preset.query,
      );
      assert.equal(await page.textContent('#scenario-name'), preset.name === 'baseline' ? '2022/23 as paid' : preset.title);
      const summary = gpfe('summary', '--scenario', `preset=${preset.name}`);
      assertMatchesSummary(await winnersLosers(page), summary);
      if (summary.digital_first) {
        // The rules' effect is worked out once the card is on screen (or the page is still).
        await page.locator('#df-rules-effect').scrollIntoViewIfNeeded();
        await page.waitForFunction(() => /^[+-]\d/.test(document.querySelector('#df-rules-effect')?.textContent ?? ''));
        const effect = await page.textContent('#df-rules-effect');
        const expected = summary.digital_first.rules_effect_pct;
        assert.ok(
          effect.startsWith(`${expected >= 0 ? '+' : ''}${expected.toFixed(2)}%`),
          `${preset.name}: ${effect} against ${expected}`,
        );
        const df = summary.digital_first;
        const theoretical = await page.textContent('#df-theoretical');
        const pct = df.theoretical_digital_first_practice.rules_effect_pct;
        assert.ok(
          theoretical.includes(`${pct >= 0 ? '+' : ''}${pct.toFixed(2)}% against the rules before 2019`),
          `${preset.name}: ${theoretical} against ${pct}`,
        );
        const said = await page.textContent('#df-summary');
        const f = (v) => Math.round(v).toLocaleString('en-GB');
        assert.ok(
          said.includes(`the other ${f(df.returned_to_donors)} of its 2022/23 list`) &&
            said.includes(`Then ${f(df.joiners)} patients move to it`),
          `${preset.name}: ${said}`,
        );
      } else {
        assert.equal(await page.locator('#digital-first').count(), 0);
      }
      if (summary.networks) {
        const text = await page.textContent('#networks-count');
        const n = summary.networks;
        const f = (v) => v.toLocaleString('en-GB');
        assert.equal(
          text,
          `${f(n.count)}: ${f(n.in_band)} in the 30,000-50,000 band, ${f(n.below_band)} smaller, ${f(n.above_band)} larger`,
          preset.name,
        );
      }
    }
    assert.deepEqual(page.problems, []);
    await page.click('[data-preset="df-july-2018"]');
    await page.locator('#digital-first').scrollIntoViewIfNeeded();
    await screenshot(page, 'digital-first-1280');
  });
});

test('the real history loads on request and shows every year', async (t) => {
  await withPage(t, async (page) => {
    await page.click('#load-history');
    await page.waitForSelector('#chart-history-lists');
    const card = page.locator('#chart-history-lists');
    await card.scrollIntoViewIfNeeded();
    await card.getByRole('button', { name: 'Show as table' }).click();
    const rows = await card.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent)),
    );
    assert.deepEqual(rows.map((r) => r[0]), [
      '2014/15', '2015/16', '2016/17', '2017/18', '2018/19', '2019/20', '2020/21', '2021/22', '2022/23',
    ]);
    assert.equal(rows[0][1], '7,959');
    assert.equal(rows[8][1], '6,669');
    assert.equal(rows[8][4], '£10,230,094,803.70');
    await page.locator('#chart-history-per-weighted').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('#chart-history-per-weighted canvas')?.width > 300);
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'history-1280');
  });
});

test('charts download as PNG at twice their size and tables as CSV, named after the scenario', async (t) => {
  await withPage(
    t,
    async (page) => {
      const card = page.locator('#chart-winners-losers');
      await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
      const cssWidth = await card.locator('canvas').evaluate((c) => c.clientWidth);
      const [png] = await Promise.all([page.waitForEvent('download'), card.locator('.download-png').click()]);
      assert.equal(png.suggestedFilename(), 'gp-funding-winners-losers-dep-0.1.png');
      assert.match(png.url(), /^blob:/, 'saved from a Blob, not a data URL');
      const bytes = await readFile(await png.path());
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
      assert.equal(bytes.readUInt32BE(16), cssWidth * 2, 'twice the on-screen width');
      // The description travels with the image, in a text chunk after the header.
      assert.equal(bytes.subarray(37, 52).toString('latin1'), 'tEXtDescription');
      const textLength = bytes.readUInt32BE(33);
      const description = bytes.subarray(53, 41 + textLength).toString('latin1');
      const shown = await page.$eval('#chart-winners-losers-description', (p) => p.textContent);
      assert.equal(description, shown);
      assert.match(description, /^Under this scenario [\d,]+ practices gain and [\d,]+ lose/);
      const [csv] = await Promise.all([page.waitForEvent('download'), card.locator('.download-csv').click()]);
      assert.equal(csv.suggestedFilename(), 'gp-funding-winners-losers-dep-0.1.csv');
      assert.match(csv.url(), /^blob:/, 'saved from a Blob, not a data URL');
      const table = await readFile(await csv.path(), 'utf8');
      assert.equal(table.split('\n')[0], 'Change,Practices,Share of practices,Registered patients,Share of patients');
      const [all] = await Promise.all([page.waitForEvent('download'), page.click('#download-practices')]);
      assert.equal(all.suggestedFilename(), 'gp-funding-practices-dep-0.1.csv');
      const practices = (await readFile(await all.path(), 'utf8')).trim().split('\n');
      assert.equal(practices.length, 6_670);
      // The download waits for the names file, which nothing on this page had fetched.
      assert.ok(practices.some((line) => line.startsWith('E85124,GP AT HAND,')), 'the file names each practice');
      assert.deepEqual(page.problems, []);
    },
    { query: '?v=1&dep=0.1' },
  );
});

test('a chart and the map download as SVG with the title, scenario and source drawn in and the description in <desc>', async (t) => {
  await withPage(
    t,
    async (page) => {
      const card = page.locator('#chart-deprivation');
      await card.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('#chart-deprivation canvas')?.width > 300);
      const [download] = await Promise.all([page.waitForEvent('download'), card.locator('.download-svg').click()]);
      assert.equal(download.suggestedFilename(), 'gp-funding-deprivation-dep-0.1.svg');
      assert.match(download.url(), /^blob:/);
      const text = await readFile(await download.path(), 'utf8');
      const shown = await page.$eval('#chart-deprivation-description', (p) => p.textContent);
      const parsed = await page.evaluate((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          root: root.nodeName,
          error: doc.getElementsByTagName('parsererror').length,
          width: Number(root.getAttribute('width')),
          title: root.querySelector(':scope > title')?.textContent,
          desc: root.querySelector(':scope > desc')?.textContent,
          texts: [...root.querySelectorAll('text')].map((e) => e.textContent.trim()),
          rects: root.querySelectorAll('rect').length,
        };
      }, text);
      assert.equal(parsed.root, 'svg');
      assert.equal(parsed.error, 0, 'the file parses as SVG');
      assert.equal(parsed.title, 'Do practices in deprived areas get less per weighted patient?');
      assert.equal(parsed.desc, shown);
      assert.match(parsed.desc, /^Under this scenario [\d,]+ practices gain/);
      assert.ok(parsed.texts.includes('Do practices in deprived areas get less per weighted patient?'), 'the title is drawn');
      assert.ok(parsed.texts.includes('Scenario: A 10% uplift per standard deviation of deprivation'), 'the scenario is drawn');
      assert.ok(parsed.texts.some((s) => s.includes('Open Government Licence v3.0')), 'the source is drawn');
      assert.ok(parsed.texts.includes('£ per 2022/23 weighted patient'), 'the axis is labelled');
      // Ten deciles, two bars each, and the legend's two keys.
      assert.ok(parsed.rects >= 22, `${parsed.rects} rectangles`);
      const cssWidth = await card.locator('canvas').evaluate((c) => c.clientWidth);
      assert.equal(parsed.width, cssWidth, 'drawn at the on-screen size');
      // The map too, with its colour key drawn in.
      const map = page.locator('#chart-map');
      await map.scrollIntoViewIfNeeded();
      const [mapDownload] = await Promise.all([page.waitForEvent('download'), map.locator('.download-svg').click()]);
      assert.equal(mapDownload.suggestedFilename(), 'gp-funding-map-dep-0.1.svg');
      const mapParsed = await page.evaluate((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          error: doc.getElementsByTagName('parsererror').length,
          title: root.querySelector(':scope > title')?.textContent,
          desc: root.querySelector(':scope > desc')?.textContent,
          texts: [...root.querySelectorAll('text')].map((e) => e.textContent.trim()),
          shapes: root.querySelectorAll('polygon').length,
        };
      }, await readFile(await mapDownload.path(), 'utf8'));
      assert.equal(mapParsed.error, 0);
      assert.equal(mapParsed.title, 'Where does the money move? Change in total payments by ICB area');
      assert.equal(mapParsed.desc, shown);
      assert.ok(mapParsed.shapes >= 42, `${mapParsed.shapes} shapes`);
      assert.ok(mapParsed.texts.includes('within ±0.1%'), 'the colour key is drawn');
      assert.ok(mapParsed.texts.includes('Scenario: A 10% uplift per standard deviation of deprivation'));
      assert.deepEqual(page.problems, []);
    },
    { query: '?v=1&dep=0.1' },
  );
});

test('a page embedding charts in iframes shows each with its scenario and source, fits each frame to its chart, and a dark one is dark', async (t) => {
  const page = await openPage(browser, `${server.url}embed-test.html`);
  try {
    const first = page.frameLocator('#first');
    const second = page.frameLocator('#second');
    await first.locator('#chart-deprivation canvas').waitFor();
    await second.locator('#chart-map canvas').waitFor();
    for (const frame of [first, second]) {
      assert.match(await frame.locator('.embed-scenario').textContent(), /A 10% uplift per standard deviation of deprivation/);
      assert.match(await frame.locator('.embed-source').textContent(), /Open Government Licence|OGL v3\.0/);
      assert.equal(await frame.locator('.embed-source a').getAttribute('href'), './?v=1&dep=0.1');
      assert.equal(await frame.locator('.controls').count(), 0, 'no controls in an embed');
    }
    const drawn = async (frame, selector) => frame.locator(selector).evaluate((c) => c.width > 300);
    const frames = page.frames();
    await Promise.all(
      frames.slice(1).map((f) => f.waitForFunction(() => [...document.querySelectorAll('canvas')].some((c) => c.width > 300))),
    );
    assert.equal(await drawn(first, '#chart-deprivation canvas'), true);
    assert.equal(await drawn(second, '#chart-map canvas'), true);
    // Each frame is fitted to its content's height by the host's script, the short one too.
    for (const id of ['first', 'second', 'third']) {
      const frame = page.frame({ url: new RegExp(`embed=${id === 'second' ? 'map' : id === 'first' ? 'deprivation' : 'winners-losers'}`) });
      await page.waitForFunction(
        async (frameId) => {
          const f = document.getElementById(frameId);
          const content = f.contentDocument?.body?.getBoundingClientRect().height ?? 0;
          return content > 200 && Math.abs(f.getBoundingClientRect().height - Math.ceil(content)) <= 1;
        },
        id,
      );
      const content = await frame.evaluate(() => document.body.getBoundingClientRect().height);
      const height = await page.$eval(`#${id}`, (f) => f.getBoundingClientRect().height);
      assert.ok(Math.abs(height - Math.ceil(content)) <= 1, `#${id}: frame ${height}, content ${content}`);
    }
    // theme=dark: a dark page, and a chart drawn on a dark ground.
    const dark = page.frame({ url: /theme=dark/ });
    await dark.waitForFunction(() => document.querySelector('canvas')?.width > 300);
    const lightness = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    const background = await dark.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.ok(lightness(background) < 60, `dark background ${background}`);
    const corner = await dark.evaluate(() => [...document.querySelector('canvas').getContext('2d').getImageData(1, 1, 1, 1).data]);
    assert.ok(lightness(`rgb(${corner.join(',')})`) < 60, `dark chart ground ${corner}`);
    const light = await first.locator('html').evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.ok(lightness(light) > 200, `light by default ${light}`);
    // The description says in words what the chart shows, for screen readers too.
    const description = await dark.$eval('#chart-winners-losers-description', (p) => p.textContent);
    assert.match(description, /^Under this scenario [\d,]+ practices gain and [\d,]+ lose at least 0\.1% of their NHS payments; practices in the most deprived fifth of areas gain [\d.]+% in all\.$/);
    assert.equal(await dark.$eval('#chart-winners-losers canvas', (c) => c.getAttribute('aria-describedby')), 'chart-winners-losers-description');
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'embed-page');
  } catch (err) {
    await screenshot(page, 'failure-embed-page');
    throw err;
  } finally {
    await page.close();
  }
});

test('an embed with theme=auto follows the reader\'s colour scheme', async (t) => {
  const lightness = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
  for (const [scheme, dark] of [['dark', true], ['light', false]]) {
    const page = await openPage(browser, 'about:blank');
    try {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.url}?v=1&dep=0.1&embed=winners-losers&theme=auto`);
      await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const corner = await page.evaluate(() => [...document.querySelector('canvas').getContext('2d').getImageData(1, 1, 1, 1).data]);
      assert.equal(lightness(background) < 60, dark, `${scheme}: page ${background}`);
      assert.equal(lightness(`rgb(${corner.join(',')})`) < 60, dark, `${scheme}: chart ${corner}`);
      // The reader's system changes its scheme: the embed follows it, without a reload.
      await page.emulateMedia({ colorScheme: dark ? 'light' : 'dark' });
      await page.waitForFunction(
        (wantDark) => {
          const [r, g, b] = document.querySelector('canvas').getContext('2d').getImageData(1, 1, 1, 1).data;
          return (r + g + b) / 3 < 60 === wantDark;
        },
        !dark,
      );
      const after = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      assert.equal(lightness(after) < 60, !dark, `${scheme} then the other: page ${after}`);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  }
});

test('the Embed button gives an iframe snippet for the chart and the scenario', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.locator('#chart-deprivation .embed-button').click();
      const snippet = await page.locator('#chart-deprivation .embed-snippet textarea').inputValue();
      const dataId = await page.textContent('#data-id');
      assert.match(dataId, /^2022-23-[0-9a-f]{8}$/);
      assert.match(snippet, new RegExp(`^<iframe src="${server.url}\\?v=1&dep=0\\.1&data=${dataId}&embed=deprivation"`));
      const summary = gpfe('summary', '--scenario', 'v=1&dep=0.1');
      const count = (n) => n.toLocaleString('en-GB');
      const gain = summary.winners_losers[0].practices + summary.winners_losers[1].practices;
      const lose = summary.winners_losers[3].practices + summary.winners_losers[4].practices;
      assert.match(
        snippet,
        new RegExp(`title="Do practices in deprived areas get less per weighted patient\\? Under this scenario ${count(gain)} practices gain and ${count(lose)} lose at least 0\\.1% of their NHS payments; `),
      );
      // The host page's few lines that fit the frame, listening only to the app's origin.
      assert.match(snippet, /<\/iframe>\n<script>\n[\s\S]*<\/script>$/);
      assert.ok(snippet.includes(`e.origin !== "${new URL(server.url).origin}"`), snippet);
      assert.ok(snippet.includes('"gpfe-height"'));
      // Dark colours for a dark page.
      await page.locator('#chart-deprivation .embed-theme select').selectOption('dark');
      const dark = await page.locator('#chart-deprivation .embed-snippet textarea').inputValue();
      assert.match(dark, new RegExp(`^<iframe src="${server.url}\\?v=1&dep=0\\.1&data=${dataId}&embed=deprivation&theme=dark"`));
    },
    { query: '?v=1&dep=0.1' },
  );
});

test("Cite gives the chart's citation and the gpfe command that prints its figures", async (t) => {
  await withPage(
    t,
    async (page) => {
      const card = page.locator('#chart-deprivation');
      await card.locator('.cite-button').click();
      assert.equal(await card.locator('.cite-button').getAttribute('aria-expanded'), 'true');
      const citation = await card.locator('.cite textarea').inputValue();
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      });
      const dataId = await page.textContent('#data-id');
      assert.equal(
        citation,
        `GP Funding Explorer 0.1.0, "Do practices in deprived areas get less per weighted patient?", scenario: A 10% uplift per standard deviation of deprivation. ${server.url}?v=1&dep=0.1&data=${dataId}#chart-deprivation (data: NHS Payments to General Practice, England, 2022/23, NHS England, 6,669 practices, Open Government Licence v3.0; accessed ${today}).`,
      );
      const command = await card.locator('.cite code').textContent();
      assert.equal(command, "gpfe summary --scenario 'v=1&dep=0.1'");
      // The command, run, gives the figures the page states.
      const summary = gpfe('summary', '--scenario', 'v=1&dep=0.1');
      const gain = summary.winners_losers[0].practices + summary.winners_losers[1].practices;
      const description = await page.$eval('#chart-deprivation-description', (p) => p.textContent);
      assert.ok(description.includes(`${gain.toLocaleString('en-GB')} practices gain`), description);
      // The link in the citation opens the same view at the chart.
      await page.goto(`${server.url}?v=1&dep=0.1#chart-deprivation`);
      await page.waitForSelector('#headline');
      await page.waitForTimeout(800);
      const top = await page.$eval('#chart-deprivation', (e) => e.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < 40, `at the chart (${top})`);
    },
    { query: '?v=1&dep=0.1' },
  );
});

test('a guided tour steps with the arrow keys, setting the controls at each step, and its link opens on the same step', async (t) => {
  await withPage(t, async (page) => {
    await page.click('[data-tour="digital-first"]');
    await page.waitForFunction(() => location.search === '?v=1&dfn=23997&dfr=0&dfw=0&story=digital-first&step=1');
    assert.match(await page.textContent('#tour-step'), /step 1 of 3/);
    await page.locator('h1').click();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.search === '?v=1&dfn=23997&dfp=off&story=digital-first&step=2');
    assert.match(await page.textContent('#tour-step'), /The July 2018 proposals/);
    await page.waitForSelector('#digital-first');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => location.search === '?v=1&dfn=23997&dfr=0&dfw=0&story=digital-first&step=1');
    assert.equal((await page.textContent('#tour-next')).trim(), 'Next →');
    await page.click('#tour-next');
    await page.waitForFunction(() => location.search === '?v=1&dfn=23997&dfp=off&story=digital-first&step=2');
    // The link, opened afresh, shows the same step with the same settings and headline.
    // (The headline's first sentences: "how sure" follows once the controls settle.)
    const headlineStart = async () => (await page.textContent('#headline')).split('Pot:')[0];
    const headline = await headlineStart();
    await page.reload();
    await page.waitForSelector('#tour-step');
    assert.match(await page.textContent('#tour-step'), /step 2 of 3/);
    assert.equal(await page.evaluate(() => location.search), '?v=1&dfn=23997&dfp=off&story=digital-first&step=2');
    assert.equal(await headlineStart(), headline);
    // Ending the tour takes it out of the link.
    await page.click('#tour-step >> text=End the tour');
    await page.waitForFunction(() => location.search === '?v=1&dfn=23997&dfp=off');
    // A step that does not exist is named, and the tour opens at its first step.
    await page.goto(`${server.url}?story=digital-first&step=9`);
    await page.waitForSelector('#url-problems');
    assert.match(await page.textContent('#url-problems'), /'step' must be a whole number from 1 to 3 for the tour 'digital-first', not '9'/);
    assert.match(await page.textContent('#tour-step'), /step 1 of 3/);
    assert.deepEqual(page.problems, []);
  });
});

test('on a phone, a tour step stays on screen below the chart it points at, the controls open or closed', async (t) => {
  const height = 812;
  // Where the step and its chart are on screen, in CSS px from the top of the window.
  const layout = (page, chart) =>
    page.evaluate((chart) => {
      const box = (e) => e.getBoundingClientRect();
      return {
        step: box(document.querySelector('#tour-step')),
        next: box(document.querySelector('#tour-next')),
        chart: box(document.getElementById(chart)),
      };
    }, chart);
  const onScreenBelow = (l, what) => {
    assert.ok(l.step.top > height / 2 && Math.abs(l.step.bottom - height) < 1, `${what}: the step at ${l.step.top}-${l.step.bottom}`);
    assert.ok(l.next.top >= l.step.top && l.next.bottom <= height, `${what}: Next at ${l.next.top}-${l.next.bottom}`);
    assert.ok(l.chart.top >= 0 && l.chart.top < l.step.top - 200, `${what}: the chart starts at ${l.chart.top}, above the step at ${l.step.top}`);
  };
  // A link to a step opens with the controls closed.
  await withPage(
    t,
    async (page) => {
      await page.waitForSelector('#tour-step');
      assert.equal(await page.locator('#controls-toggle').getAttribute('aria-expanded'), 'false');
      await page.waitForFunction(() => Math.abs(document.getElementById('chart-deprivation').getBoundingClientRect().top) < 40);
      onScreenBelow(await layout(page, 'chart-deprivation'), 'a link to step 2');
      assert.match(await page.textContent('#tour-step'), /step 2 of 3/);
      await page.click('#tour-next');
      await page.waitForFunction(() => /step=3/.test(location.search));
      await page.waitForFunction(() => Math.abs(document.getElementById('chart-map').getBoundingClientRect().top) < 40);
      onScreenBelow(await layout(page, 'chart-map'), 'after Next');
      await screenshot(page, 'tour-step-375');
      assert.deepEqual(page.problems, []);
    },
    { query: '?v=1&dep=0.1&story=fairness&step=2', viewport: { width: 375, height } },
  );
  // A tour started from the open controls.
  await withPage(
    t,
    async (page) => {
      await page.click('#controls-toggle');
      await page.click('[data-tour="fairness"]');
      await page.waitForFunction(() => /step=1/.test(location.search));
      await page.waitForFunction(() => Math.abs(document.getElementById('chart-deprivation-quintile').getBoundingClientRect().top) < 40);
      onScreenBelow(await layout(page, 'chart-deprivation-quintile'), 'step 1 from the controls');
      assert.deepEqual(page.problems, []);
    },
    { viewport: { width: 375, height } },
  );
});

test('on a phone, a wide table keeps its caption within what can be seen of it', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.waitForSelector('#receipt-toggle');
      await page.click('#receipt-toggle');
      await page.waitForSelector('#receipt-table');
      await page.waitForSelector('#glossary');
      for (const id of ['chart-icbs', 'chart-councils']) {
        await page.locator(`#${id}`).getByRole('button', { name: 'Show as table' }).click();
      }
      await page.waitForSelector('#chart-councils table');
      // Each table wider than its scrolling box, with the caption's box against the visible box.
      const tables = await page.evaluate(() =>
        [...document.querySelectorAll('.table-scroll')]
          .filter((box) => box.offsetParent && box.querySelector('caption') && box.scrollWidth > box.clientWidth + 1)
          .map((box) => {
            const caption = box.querySelector('caption').getBoundingClientRect();
            const visible = box.getBoundingClientRect();
            return { caption: box.querySelector('caption').textContent, left: caption.left - visible.left, right: caption.right - visible.right, table: box.scrollWidth, box: box.clientWidth };
          }),
      );
      t.diagnostic(JSON.stringify(tables));
      const captions = tables.map((x) => x.caption).join(' | ');
      assert.match(captions, /STATION ROAD SURGERY \(G83047\): from its patients to its total/);
      assert.ok(tables.length >= 3, `the receipt and the two charts' tables are wider than the screen: ${captions}`);
      for (const x of tables) {
        assert.ok(x.left >= -0.5 && x.right <= 0.5, `"${x.caption}" lies within its box of ${x.box} px (a table of ${x.table} px): ${x.left}, ${x.right}`);
      }
      // Scrolled sideways, the caption stays in view.
      await page.$eval('#receipt .table-scroll', (box) => box.scrollBy(200, 0));
      const shift = await page.$eval('#receipt .table-scroll', (box) => box.querySelector('caption').getBoundingClientRect().left - box.getBoundingClientRect().left);
      assert.ok(Math.abs(shift) < 1, `the receipt's caption moved ${shift} px when its table was scrolled`);
      await screenshot(page, 'receipt-375');
      assert.deepEqual(page.problems, []);
    },
    { query: '?v=1&ns=0.5&practice=G83047', viewport: { width: 375, height: 812 } },
  );
});

test('presentation mode enlarges the page and keeps only the tours beside the charts', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.waitForFunction(() => document.body.classList.contains('present'));
      // Built just after the first chart has shown, and hidden.
      await page.locator('.controls').waitFor({ state: 'attached' });
      assert.equal(await page.locator('.controls').isVisible(), false);
      assert.equal(await page.locator('.tours').isVisible(), true);
      await page.click('[data-tour="fairness"]');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => location.search.includes('dep=0.1'));
      // Only the story's levers show: here the deprivation uplift.
      assert.equal(await page.locator('#control-dep').isVisible(), true);
      assert.equal(await page.locator('#control-ns').isVisible(), false);
      await page.click('[data-tour="digital-first"]');
      await page.waitForFunction(() => location.search.includes('dfn=23997'));
      assert.equal(await page.locator('#control-dfn').isVisible(), true);
      assert.equal(await page.locator('#control-dep').isVisible(), false);
      assert.equal(await page.locator('#control-nws').isVisible(), false);
      await screenshot(page, 'present-1280');
      // Text is larger in presentation mode: the page's type and the headline's, measured.
      const sizes = () =>
        page.evaluate(() => ({
          body: parseFloat(getComputedStyle(document.body).fontSize),
          headline: parseFloat(getComputedStyle(document.querySelector('#headline')).fontSize),
        }));
      const presenting = await sizes();
      await page.click('#present');
      await page.waitForFunction(() => !document.body.classList.contains('present'));
      const reading = await sizes();
      assert.ok(presenting.body >= reading.body * 1.2, `body text ${presenting.body}px presenting, ${reading.body}px reading`);
      assert.ok(presenting.headline >= reading.headline * 1.2, `headline ${presenting.headline}px presenting, ${reading.headline}px reading`);
      assert.deepEqual(page.problems, []);
    },
    { query: '?present=1' },
  );
});

test('axe finds no serious or critical accessibility problem in any view', async (t) => {
  const axePath = path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules/axe-core/axe.min.js');
  for (const query of ['', '?v=1&dep=0.1&practice=E85124', '?preset=df-july-2018', '?preset=family-care-networks&bh=trust&bd=0.1', '?present=1']) {
    await withPage(
      t,
      async (page) => {
        // With a practice, its receipt is open too.
        if (query.includes('practice=')) {
          await page.click('#receipt-toggle');
          await page.waitForSelector('#receipt-table');
        }
        // Evaluated through the DevTools protocol, as the page's policy refuses inline script.
        await page.evaluate(await readFile(axePath, 'utf8'));
        const violations = await page.evaluate(async () =>
          (await window.axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
        );
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(bad, [], `${query || 'the default view'}: ${JSON.stringify(violations)}`);
      },
      { query },
    );
  }
});

test('your own payments file is used in the browser, and a bad one is refused with its problems', async (t) => {
  await withPage(t, async (page) => {
    const header =
      'Practice Code,Practice Name,Number of Registered Patients (Last Known Figure),Number of Weighted Patients (Last Known Figure),Total NHS Payments to General Practice,Global Sum';
    const good = `${header}\nE85124,GP AT HAND,109484.5,84032.72,9991908.40,8450321.31\nA81001,THE DENSHAM SURGERY,4029.25,4579.78,720462.51,438099.78\nZZ9999,A NEW PRACTICE,5000,5200,800000,600000\n`;
    const bad = `${header}\nE85124,GP AT HAND,many,84032.72,9991908.40,8450321.31\n`;
    await page.setInputFiles('#own-data-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.waitForSelector('#own-data-problems');
    assert.match(
      await page.textContent('#own-data-problems'),
      /line 2, column 'Number of Registered Patients \(Last Known Figure\)': 'many' is not a number/,
    );
    assert.equal(await page.locator('#own-data-banner').count(), 0, 'the built-in data stays in use');
    assert.match(await page.textContent('#headline'), /0 practices gain and 0 lose/);

    await page.setInputFiles('#own-data-file', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.waitForSelector('#own-data-banner');
    assert.match(await page.textContent('#own-data-banner'), /Using your file mine\.csv: 3 practices/);
    await page.waitForSelector('#headline');
    await page.click('[data-preset="pure-capitation"]');
    await page.waitForFunction(() => !document.querySelector('#headline').textContent.includes('0 practices gain and 0 lose'));
    const rows = await winnersLosers(page);
    assert.equal(rows.reduce((n, r) => n + r.practices, 0), 3, 'the model ran on the three practices of the file');
    await page.click('#own-data-return');
    await page.waitForFunction(() => !document.querySelector('#own-data-banner'));
    assert.equal(
      (await winnersLosers(page)).reduce((n, r) => n + r.practices, 0),
      6_463,
      'back on the built-in dataset',
    );
    assert.deepEqual(page.problems, []);
  });
});

test('the page runs under a policy that refuses inline script and every other origin', async (t) => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const policy = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
  assert.ok(policy, 'index.html carries a Content-Security-Policy');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['style-src'], ["'self'"]);
  assert.deepEqual([...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\ssrc=/.test(m[1])), [], 'no inline script');
  assert.ok(!/\sstyle=/.test(html), 'no inline style');
  await withPage(t, async (page) => {
    await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
    const attempts = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true;';
      document.body.append(script);
      const elsewhere = await fetch('http://example.org/').then(() => 'fetched', () => 'refused');
      return { inlineRan: window.inlineRan === true, elsewhere };
    });
    assert.deepEqual(attempts, { inlineRan: false, elsewhere: 'refused' });
    // Violation reports arrive as events after the fact.
    for (let i = 0; i < 50 && page.problems.filter((p) => p.startsWith('policy violation')).length < 2; i++) {
      await page.waitForTimeout(50);
    }
    assert.equal(page.problems.filter((p) => p.startsWith('policy violation: script-src')).length, 1, page.problems.join('\n'));
    assert.equal(page.problems.filter((p) => p.startsWith('policy violation: connect-src')).length, 1, page.problems.join('\n'));
  }, { provokesPolicy: true });
});

test('the start-up dataset downloads once, preloaded beside the WebAssembly', async (t) => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous"/g)]
    .map((m) => m[1])
    .filter((href) => href.includes('data/'));
  assert.equal(preloaded.length, 1, 'index.html preloads one data file');
  await withPage(t, async (page) => {
    await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
    const data = page.requests.filter((url) => new URL(url).pathname.includes('/data/'));
    // The app's own fetch of the file is answered by the preload: one request, not two.
    assert.deepEqual(data, [new URL(preloaded[0], server.url).href]);
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => e.name.includes('/data/')).map((e) => e.initiatorType),
    );
    assert.deepEqual(entries, ['link']);
  });
});

test('the headline and the first chart show before the rest of the page is built', async (t) => {
  // What is on the page at the moment the first chart is drawn, and in the frame that shows it.
  await withPage(
    t,
    async (page) => {
      await page.waitForFunction(() => window.firstChart?.shown !== undefined);
      const { drawn, shown } = await page.evaluate(() => window.firstChart);
      assert.match(drawn.headline, /practices gain and \d+ lose/);
      assert.deepEqual(drawn.present, [], 'nothing below is built before the first chart is drawn');
      assert.deepEqual(shown.present, [], 'nor in the frame that shows it');
      // Then the rest follows on its own, without a scroll or a click.
      for (const selector of ['#control-ns', '#chart-deprivation', '#sources-assumptions', '#glossary']) {
        await page.waitForSelector(selector, { state: 'attached', timeout: 10000 });
      }
      assert.ok((await page.locator('#sources-table tbody tr').count()) > 40);
    },
    { beforeLoad: [recordFirstChart, ['#control-ns', '#chart-deprivation', '#sources-assumptions', '#glossary']] },
  );
});

test('names in a payments file that hold HTML and script are shown as text and never run', async (t) => {
  await withPage(t, async (page) => {
    const header =
      'Practice Code,Practice Name,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice,Global Sum';
    const names = ['<img src=x onerror="window.pwned=1">', '<script>window.pwned=2</script>', '"><svg onload=window.pwned=3>'];
    const csv = [header, ...names.map((n, i) => `ZZ000${i},"${n.replaceAll('"', '""')}",5000,800000,600000`)].join('\n');
    await page.setInputFiles('#own-data-file', {
      name: '<b onmouseover=window.pwned=4>x</b>.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.waitForSelector('#own-data-banner');
    assert.match(await page.textContent('#own-data-banner'), /Using your file <b onmouseover=window\.pwned=4>x<\/b>\.csv: 3 practices/);
    for (const [i, name] of names.entries()) {
      await page.fill('#find-input', `ZZ000${i}`);
      await page.waitForSelector('#find-results li');
      assert.ok((await page.textContent('#find-results')).includes(name), 'the result names the practice as written');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#practice-panel');
      assert.equal(await page.textContent('#practice-title'), `${name} (ZZ000${i})`);
    }
    await page.mouse.move(5, 5);
    const injected = await page.evaluate(() => ({
      pwned: window.pwned ?? null,
      elements: document.querySelectorAll('main img, main svg, main b, body script:not([src])').length,
    }));
    assert.deepEqual(injected, { pwned: null, elements: 0 });
    assert.deepEqual(page.problems, []);
  });
});

test('a bad setting in a link is named and falls back to its default', async (t) => {
  await withPage(
    t,
    async (page) => {
      const banner = await page.textContent('#url-problems');
      assert.match(banner, /'ns' is 9, outside its range 0 to 2/);
      assert.match(banner, /'zz' is not a setting of this model/);
      assert.equal(await page.inputValue('#control-ns'), '1');
      assert.equal(await page.inputValue('#control-lt'), '0.2', 'the good setting is kept');
      assert.deepEqual(page.problems, []);
    },
    { query: '?v=1&ns=9&lt=0.2&zz=1' },
  );
});

test('Back undoes a change, and Reset returns to the baseline', async (t) => {
  await withPage(t, async (page) => {
    await page.check('#control-qof');
    await page.waitForFunction(() => location.search.includes('qof=1'));
    await page.click('[data-preset="age-only"]');
    await page.waitForFunction(() => location.search === '?v=1&an=0&ru=0&mf=0&ns=0');
    await page.goBack();
    await page.waitForFunction(() => location.search === '?v=1&qof=1');
    assert.equal(await page.isChecked('#control-qof'), true);
    assert.equal(await page.inputValue('#control-ns'), '1');
    await page.click('#reset');
    await page.waitForFunction(() => location.search === '');
    assert.equal(await page.textContent('#scenario-name'), '2022/23 as paid');
    assert.deepEqual(page.problems, []);
  });
});

test('the map names the area under the pointer, and practices appear as dots on demand', async (t) => {
  await withPage(
    t,
    async (page) => {
      const map = page.locator('#chart-map canvas');
      await map.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('#chart-map canvas')?.width > 300);
      const box = await map.boundingBox();
      // The middle of England's bounding box lies inside some ICB area.
      await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.55);
      await page.waitForSelector('#chart-map .tooltip');
      assert.match(await page.textContent('#chart-map .tooltip'), /: [+-]\d+\.\d\d%$/);
      const before = await map.evaluate((c) => c.toDataURL());
      await page.check('#chart-map input[type=checkbox]');
      await page.waitForFunction((old) => document.querySelector('#chart-map canvas').toDataURL() !== old, before);
      await page.locator('#chart-map').getByRole('button', { name: 'Show as table' }).click();
      assert.equal(await page.locator('#chart-map tbody tr').count(), 42);
      assert.deepEqual(page.problems, []);
      await screenshot(page, 'map-1280');
    },
    { query: '?v=1&dep=0.1' },
  );
});

test('Copy link puts the exact view on the clipboard', async (t) => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}?v=1&lt=0&practice=E85124`);
    await page.waitForSelector('#practice-panel');
    await page.click('#copy-link');
    await page.waitForFunction(() => document.querySelector('.scenario-bar .status').textContent === 'Link copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const dataId = await page.textContent('#data-id');
    assert.equal(copied, `${server.url}?v=1&lt=0&practice=E85124&data=${dataId}`);
    // Opened as it was shared, the link shows the same view and no notice.
    await page.goto(copied);
    await page.waitForSelector('#practice-panel');
    assert.equal(await page.locator('#data-changed').count(), 0);
    // A link made with other data says plainly that the data has changed since.
    await page.goto(`${server.url}?v=1&lt=0&data=2021-22-0123abcd`);
    await page.waitForSelector('#headline');
    assert.match(
      await page.textContent('#data-changed'),
      new RegExp(`This link was made with other data \\(2021-22-0123abcd\\) than the data here now \\(${dataId}\\): the data has changed since`),
    );
    await page.goto(`${server.url}?v=1&lt=0&data=2021-22-0123abcd&embed=winners-losers`);
    await page.waitForSelector('#data-changed');
  } catch (err) {
    await screenshot(page, 'failure-copy-link');
    throw err;
  } finally {
    await context.close();
  }
});

test('an app that cannot start says so instead of leaving a blank page', async (t) => {
  const page = await browser.newPage();
  try {
    await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(server.url);
    await page.waitForSelector('.start-failure');
    assert.match(
      await page.textContent('.start-failure'),
      /^GP Funding Explorer could not start: .+\. It needs a current browser with JavaScript and WebAssembly/,
    );
    assert.equal(await page.getAttribute('.start-failure', 'role'), 'alert');
    assert.equal(await page.locator('#first-view').count(), 0, 'the copy of the page shown while it loads has gone');
  } catch (err) {
    await screenshot(page, 'failure-start');
    throw err;
  } finally {
    await page.close();
  }
});

test('a dataset that cannot be fetched gets a message, not a blank page', async (t) => {
  const page = await browser.newPage();
  page.problems = [];
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  try {
    await page.route('**/england-2022-23.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(server.url);
    await page.waitForSelector('#dataset-status.error');
    assert.match(
      await page.textContent('#dataset-status'),
      /could not be loaded: fetching data\/england-2022-23\.bin failed: HTTP 404/,
    );
    assert.equal(await page.locator('#first-view').count(), 0, 'the copy of the page shown while it loads has gone');
    assert.deepEqual(page.problems, []);
  } catch (err) {
    await screenshot(page, 'failure-dataset-404');
    throw err;
  } finally {
    await page.close();
  }
});

for (const width of [375, 768, 1920]) {
  test(`the layout fits a ${width} px wide screen`, async (t) => {
    await withPage(
      t,
      async (page) => {
        // Charts draw as they come into view: scroll through the page so every one is drawn.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0; y < height; y += 600) {
          await page.evaluate((top) => window.scrollTo(0, top), y);
          await page.waitForTimeout(60);
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForFunction(
          () => document.querySelector('#chart-list-size canvas')?.width > 300,
        );
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.equal(overflow, 0, 'no horizontal scrolling');
        assert.deepEqual(page.problems, []);
        await screenshot(page, `layout-${width}`);
      },
      { query: '?v=1&dep=0.1&practice=E85124', viewport: { width, height: 1000 } },
    );
  });
}

test('parts of the page off screen are skipped by the browser, and shown on screen and in print', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.locator('#glossary dl').waitFor({ state: 'attached' });
      // Whether the browser renders an element, or skips it as off screen (content-visibility).
      const rendered = (selector) =>
        page.evaluate((s) => document.querySelector(s).checkVisibility({ contentVisibilityAuto: true }), selector);
      const settle = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await settle();
      assert.equal(await rendered('#headline p'), true, 'the headline, on screen, is rendered');
      assert.equal(await rendered('#glossary dl'), false, 'the glossary, at the foot of the page, is skipped');
      assert.equal(await rendered('#chart-list-size canvas'), false, 'a chart far below is skipped');
      // A drawn chart well off screen is hidden, so that the browser need not copy it into every
      // frame (chart::within); scrolled to, it shows.
      const shown = (selector) => page.$eval(selector, (c) => getComputedStyle(c).visibility);
      await page.waitForFunction(() => document.querySelector('#chart-list-size canvas')?.width > 300);
      assert.equal(await shown('#chart-list-size canvas'), 'hidden', 'a drawn chart far below is hidden');
      assert.equal(await shown('#chart-winners-losers canvas'), 'visible', 'a chart on screen is shown');
      // Its description still follows the scenario while skipped.
      const before = await page.textContent('#chart-list-size-description');
      await page.fill('#control-dep', '0.2');
      await page.waitForFunction((b) => document.querySelector('#chart-list-size-description').textContent !== b, before);
      await page.locator('#chart-list-size canvas').scrollIntoViewIfNeeded();
      await settle();
      assert.equal(await shown('#chart-list-size canvas'), 'visible', 'scrolled to, the chart shows');
      await page.locator('#glossary dl').scrollIntoViewIfNeeded();
      await settle();
      assert.equal(await rendered('#glossary dl'), true, 'scrolled to, the glossary is rendered');
      assert.equal(await rendered('#headline p'), false, 'scrolled past, the headline is skipped');
      await page.emulateMedia({ media: 'print' });
      await settle();
      assert.equal(await rendered('#headline p'), true, 'in print everything is rendered');
      assert.equal(await rendered('#chart-list-size canvas'), true, 'in print everything is rendered');
      assert.equal(await shown('#chart-winners-losers canvas'), 'visible', 'in print a chart scrolled past shows');
    },
    { viewport: { width: 1280, height: 900 } },
  );
});

test('a chart whose box narrows, the window unchanged, is redrawn sharp at its new width', async (t) => {
  await withPage(
    t,
    async (page) => {
      const sharp = () =>
        page.$eval('#chart-winners-losers canvas', (c) => ({ backing: c.width, css: c.clientWidth, ratio: devicePixelRatio }));
      const drawnAtItsWidth = () =>
        page.waitForFunction(() => {
          const c = document.querySelector('#chart-winners-losers canvas');
          return c.width > 0 && c.width === Math.round(c.clientWidth * devicePixelRatio);
        });
      await drawnAtItsWidth();
      const wide = await sharp();
      // As a panel opening beside it would: no window resize, only the chart's box.
      await page.$eval('#chart-winners-losers', (f) => (f.style.maxWidth = '420px'));
      await drawnAtItsWidth();
      const narrow = await sharp();
      t.diagnostic(`canvas ${wide.css} px wide (${wide.backing} drawn), then ${narrow.css} px (${narrow.backing} drawn)`);
      assert.ok(narrow.css < wide.css - 100, `the canvas narrowed from ${wide.css} to ${narrow.css} px`);
      assert.equal(narrow.backing, Math.round(narrow.css * narrow.ratio));
      // Widened again while shown as a table (its canvas hidden), then shown as a chart: drawn
      // at the width it now has.
      const toggle = page.locator('#chart-winners-losers .chart-actions button').first();
      await toggle.click();
      await page.locator('#chart-winners-losers table').waitFor();
      await page.$eval('#chart-winners-losers', (f) => (f.style.maxWidth = ''));
      await toggle.click();
      await drawnAtItsWidth();
      const back = await sharp();
      assert.equal(back.css, wide.css, 'back at its full width');
      assert.equal(back.backing, Math.round(back.css * back.ratio));
    },
    { viewport: { width: 1280, height: 900 } },
  );
});

for (const [width, height] of [[375, 900], [768, 1024], [1920, 1080]]) {
  test(`at ${width}x${height} the headline and the winners-and-losers chart are on the first screen`, async (t) => {
    await withPage(
      t,
      async (page) => {
        await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
        const box = async (selector) =>
          page.$eval(selector, (e) => {
            const r = e.getBoundingClientRect();
            return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
          });
        const headline = await box('#headline');
        const chart = await box('#chart-winners-losers');
        const canvas = await box('#chart-winners-losers canvas');
        t.diagnostic(`headline ${Math.round(headline.top)}-${Math.round(headline.bottom)}, chart ${Math.round(chart.top)}-${Math.round(chart.bottom)}`);
        assert.ok(headline.bottom <= height, `the headline ends at ${headline.bottom}, within ${height}`);
        assert.ok(chart.top < height - 300, `the chart starts at ${chart.top}, well within ${height}`);
        // Most of the chart's drawing is on the first screen.
        assert.ok(canvas.top + 0.75 * (canvas.bottom - canvas.top) <= height, `the canvas ${canvas.top}-${canvas.bottom}`);
        const toggle = page.locator('#controls-toggle');
        if (width < 860) {
          // The controls are one tap away, and stay as they were left. (They are built just after
          // the first chart has shown: wait for them to be on the page, hidden.)
          assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
          await page.locator('#control-dep').waitFor({ state: 'attached' });
          assert.equal(await page.locator('#control-dep').isVisible(), false);
          await toggle.focus();
          await page.keyboard.press('Enter');
          assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
          assert.equal(await page.locator('#control-dep').isVisible(), true);
          await page.focus('#control-dep');
          await page.keyboard.press('ArrowRight');
          await page.waitForFunction(() => !/dep=0\.1(&|$)/.test(location.search));
          assert.equal(await toggle.getAttribute('aria-expanded'), 'true', 'open after a change');
          await page.reload();
          await page.waitForSelector('#headline');
          assert.equal(await page.locator('#controls-toggle').getAttribute('aria-expanded'), 'true', 'open after a reload');
          await page.locator('#control-dep').waitFor({ state: 'visible' });
          await page.locator('#controls-toggle').click();
          assert.equal(await page.locator('#control-dep').isVisible(), false);
        } else {
          assert.equal(await toggle.isVisible(), false, 'no toggle: the controls are beside the results');
          await page.locator('#control-dep').waitFor({ state: 'visible' });
        }
        await screenshot(page, `first-screen-${width}`);
      },
      { query: '?v=1&dep=0.1', viewport: { width, height } },
    );
  });
}

test('a link to a chart opens scrolled to that chart', async (t) => {
  for (const [width, height] of [[375, 900], [1920, 1080]]) {
    await withPage(
      t,
      async (page) => {
        await page.waitForFunction(() => document.querySelector('#chart-list-size canvas')?.width > 300);
        // The charts above it settle to their heights; the chart is then at the top.
        await page.waitForTimeout(800);
        const top = await page.$eval('#chart-list-size', (e) => e.getBoundingClientRect().top);
        assert.ok(top >= 0 && top < 40, `the chart is at the top of the window (${top})`);
        assert.ok(await page.evaluate(() => window.scrollY) > 1000);
      },
      { query: '?v=1&dep=0.1#chart-list-size', viewport: { width, height } },
    );
  }
});

test('every setting shows its source and how sure it is, and a preset resting on an assumption says so', async (t) => {
  await withPage(
    t,
    async (page) => {
      const params = gpfe('params');
      // The table is built just after the first chart has shown.
      await page.waitForSelector('#sources-table tbody tr', { state: 'attached' });
      const rows = await page.$$eval('#sources-table tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
      );
      assert.equal(rows.length, params.length, 'one row per setting');
      const words = { published: 'Published', estimate: 'Estimate', illustrative: 'Illustrative choice' };
      params.forEach((p, i) => {
        assert.equal(rows[i][1], p.key);
        assert.equal(rows[i][3], words[p.certainty], p.key);
        if (p.source) assert.ok(rows[i][4].startsWith(p.source.publisher), `${p.key}: ${rows[i][4]}`);
      });
      // Each control says it too, beside its help.
      assert.match(await page.textContent('#control-dep >> xpath=ancestor::div[contains(@class,"control")]'), /(Published|Estimate|Illustrative choice)\./);
      const preset = gpfe('presets').find((p) => p.name === 'share-2029');
      assert.equal(await page.textContent('#scenario-assumptions'), `Assumption: ${preset.assumptions}`);
      assert.match(await page.textContent('body'), /Sources and assumptions/);
      assert.doesNotMatch(await page.textContent('body'), /model research/i);
      assert.deepEqual(page.problems, []);
    },
    { query: '?preset=share-2029' },
  );
});

test('the headline says how sure it is, with the range gpfe gives, once the controls settle', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.waitForFunction(() => document.querySelector('#how-sure')?.textContent.startsWith('How sure'));
      const expected = gpfe('summary', '--scenario', 'preset=savings-pacs').how_sure;
      assert.equal(await page.textContent('#how-sure'), expected.text);
      assert.ok(
        expected.least_deprived_per_weighted_patient[0] < expected.least_deprived_per_weighted_patient[1],
        'the cost of an admission moves what practices get',
      );
      // Where no unverified input acts, nothing is claimed; with a part of the formula at
      // another strength, the age-sex table the published list is split with acts.
      assert.equal(gpfe('summary', '--scenario', 'v=1&dep=0.1').how_sure.text, '');
      assert.deepEqual(gpfe('summary', '--scenario', 'v=1&ns=0').how_sure.inputs, [
        'age-sex weights 20% nearer to or further from the reference cell',
      ]);
      assert.deepEqual(page.problems, []);
    },
    { query: '?preset=savings-pacs' },
  );
});

test('lever by lever: the split of the most deprived fifth\'s change is the one gpfe gives', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.click('#levers-toggle');
      await page.waitForSelector('#chart-levers canvas');
      const expected = gpfe('levers', 'q5', '--scenario', 'v=1&an=0.5&dep=0.1&floor=90&qof=1');
      const money = (v) => `£${Number(v).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      const caption = await page.textContent('#chart-levers figcaption');
      assert.ok(caption.startsWith(`The most deprived fifth changes by ${money(expected.change)} a year`), caption);
      assert.ok(caption.includes(`the largest share, ${money(expected.levers[0].change)}, comes from ${expected.levers[0].label}`), caption);
      const parts = expected.levers.reduce((sum, l) => sum + Math.round(Number(l.change) * 100), 0);
      assert.equal(parts, Math.round(Number(expected.change) * 100), 'the parts add up to the change');
      // England's split: another group, another answer.
      await page.selectOption('#levers-group', 'england');
      const england = gpfe('levers', 'england', '--scenario', 'v=1&an=0.5&dep=0.1&floor=90&qof=1');
      await page.waitForFunction(
        (want) => document.querySelector('#chart-levers figcaption')?.textContent.startsWith(`England changes by ${want}`),
        money(england.change),
      );
      assert.deepEqual(page.problems, []);
    },
    { query: '?v=1&an=0.5&dep=0.1&floor=90&qof=1' },
  );
});

test('a constituency found by name opens with its practices as gpfe area gives them, and its link and embed show the same', async (t) => {
  const query = 'preset=age-only';
  const expected = gpfe('area', 'E14001518', '--scenario', query);
  await withPage(
    t,
    async (page) => {
      await page.fill('#find-input', 'stockton north');
      const option = page.locator('#find-results li', { hasText: 'Constituency E14001518' });
      await option.click();
      await page.waitForSelector('#area-panel #chart-area');
      assert.equal(await page.textContent('#area-title'), 'Stockton North');
      await page.waitForFunction(() => location.search.includes('area=E14001518'));
      assert.equal((await page.textContent('#chart-area-description')).trim(), expected.sentence);
      // The table lists every practice with gpfe's change.
      const card = page.locator('#chart-area');
      await card.getByRole('button', { name: 'Show as table' }).click();
      const rows = await card.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      assert.equal(rows.length, expected.practices.length);
      for (const p of expected.practices) {
        const row = rows.find((r) => r[0].endsWith(`(${p.code})`));
        assert.ok(row, `${p.code} in the table`);
        assert.equal(number(row[4]), Number(p.change_pct.toFixed(2)), `${p.code}'s change`);
      }
      // The council and constituency charts are among the explorer's.
      assert.ok(await page.isVisible('#chart-councils'));
      assert.ok(await page.isVisible('#chart-constituencies'));
      assert.deepEqual(page.problems, []);
      await screenshot(page, 'area-panel');

      // The link opens on the same area; the embed shows the same sentence.
      await page.goto(`${server.url}?${query}&area=E14001518`);
      await page.waitForSelector('#area-panel #chart-area-description');
      assert.equal((await page.textContent('#chart-area-description')).trim(), expected.sentence);
      // Opened from the link, the panel fetches the practices' names itself.
      await page.locator('#chart-area').getByRole('button', { name: 'Show as table' }).click();
      await page.waitForFunction((n) => {
        const cells = [...document.querySelectorAll('#chart-area tbody tr > :first-child')];
        return cells.length === n && cells.every((c) => /\S \([A-Z]\d{5}\)$/.test(c.textContent));
      }, expected.practices.length);
      await page.goto(`${server.url}?${query}&area=E14001518&embed=area`);
      await page.waitForSelector('#chart-area-description');
      assert.equal((await page.textContent('#chart-area-description')).trim(), expected.sentence);
      await screenshot(page, 'embed-area');
      // A code that names no area says so.
      await page.goto(`${server.url}?${query}&area=E99999999&embed=area`);
      assert.match(await page.textContent('.error'), /'area' names no council, constituency or NHS area with code 'E99999999'/);
    },
    { query: `?${query}` },
  );
});

test("presentation mode shows a QR code that decodes to the view's link, without presentation mode", async (t) => {
  const query = 'preset=age-only&practice=E85124';
  await withPage(
    t,
    async (page) => {
      await page.waitForSelector('#view-qr img');
      // The code is drawn on a canvas at four pixels a module and read back by jsQR.
      const { width, height, data } = await page.evaluate(async () => {
        const img = document.querySelector('#view-qr img');
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = 400;
        canvas.height = 400;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0, 400, 400);
        return { width: 400, height: 400, data: [...ctx.getImageData(0, 0, 400, 400).data] };
      });
      const code = jsQR(Uint8ClampedArray.from(data), width, height);
      assert.ok(code, 'the QR code decodes');
      assert.equal(code.data, `${server.url}?${query}&data=${await page.textContent('#data-id')}`);
      assert.match(await page.getAttribute('#view-qr img', 'alt'), /^QR code of this view's link: /);
      // Changing the view changes the code once it has settled.
      await page.click('#present');
      assert.equal(await page.locator('#view-qr').count(), 0, 'no code outside presentation mode');
      assert.deepEqual(page.problems, []);
      await screenshot(page, 'present-qr');
    },
    { query: `?${query}&present=1` },
  );
});

test('after a first visit the page works offline, from its own service worker', async (t) => {
  const query = 'preset=age-only';
  await withPage(
    t,
    async (page) => {
      await page.waitForSelector('#chart-winners-losers canvas');
      // The worker is installed and has kept every file the first visit loaded.
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForFunction(async () => {
        const cache = await caches.open('gpfe-v1');
        const kept = (await cache.keys()).map((r) => new URL(r.url).pathname);
        return kept.some((p) => p.endsWith('.wasm')) && kept.some((p) => p.includes('/data/')) && kept.some((p) => p.endsWith('/'));
      });
      const before = await page.textContent('#headline');
      await page.context().setOffline(true);
      await page.reload();
      await started(page);
      await page.waitForSelector('#chart-winners-losers canvas');
      assert.equal(await page.textContent('#headline'), before, 'the same figures offline');
      // Another view of the same page works offline too.
      await page.goto(`${server.url}?v=1&an=0`);
      await page.waitForSelector('#headline');
      assert.notEqual(await page.textContent('#headline'), before);
      await page.context().setOffline(false);
      assert.deepEqual(page.problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
    },
    { query: `?${query}` },
  );
});

test('Copy image puts the chart on the clipboard as a PNG', async (t) => {
  await withPage(t, async (page) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const card = page.locator('#chart-winners-losers');
    await card.locator('canvas').waitFor();
    await card.getByRole('button', { name: /^Copy the chart/ }).click();
    await card.locator('.copy-status', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item.getType('image/png');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return { types: item.types, size: blob.size, signature: [...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('') };
    });
    assert.deepEqual(copied.types, ['image/png']);
    assert.equal(copied.signature, 'PNG');
    assert.ok(copied.size > 10_000, `${copied.size} bytes`);
    assert.deepEqual(page.problems, []);
  });
});

/** The points of the small curve beside slider `key`, once worked out, as [x, y] pairs. */
async function curvePoints(page, key) {
  const control = page.locator(`#control-${key}`).locator('xpath=..');
  await control.scrollIntoViewIfNeeded();
  const svg = control.locator('svg.curve');
  await svg.waitFor();
  const data = await svg.getAttribute('data-points');
  return data.split(' ').map((p) => p.split(':').map(Number));
}

function assertCurveIsSweep(points, range, what) {
  // The small curve has 21 points: every other point of gpfe's 41, which it rounds to 4 places.
  assert.equal(points.length, 21, what);
  points.forEach(([x, y], i) => {
    const [gx, gy] = range[2 * i];
    assert.ok(Math.abs(x - gx) < 1e-9, `${what}: point ${i} at ${x}, gpfe ${gx}`);
    assert.ok(Math.abs(y - gy) <= 5e-5, `${what}: point ${i} is ${y}, gpfe ${gy}`);
  });
}

test('the curve beside a slider is the range gpfe seek gives, for each headline', async (t) => {
  await withPage(
    t,
    async (page) => {
      const gap = gpfe('seek', 'an', 'gap', '--scenario', 'preset=age-only');
      assertCurveIsSweep(await curvePoints(page, 'an'), gap.range, 'gap');
      const label = await page.locator('#control-an').locator('xpath=..').locator('svg.curve').getAttribute('aria-label');
      assert.ok(label.startsWith('The gap between the most and least deprived fifths across the range of'), label);
      await page.selectOption('#curve-headline', 'losers');
      await page.waitForFunction(() => document.querySelector('#control-an')?.parentElement.querySelector('svg.curve')?.getAttribute('aria-label').startsWith('Practices losing'));
      const losers = gpfe('seek', 'an', 'losers', '--scenario', 'preset=age-only');
      assertCurveIsSweep(await curvePoints(page, 'an'), losers.range, 'losers');
      await page.selectOption('#curve-headline', 'practice');
      await page.waitForFunction(() => document.querySelector('#control-an')?.parentElement.querySelector('svg.curve')?.getAttribute('aria-label').startsWith('The selected practice'));
      const practice = gpfe('seek', 'an', 'practice:A81001', '--scenario', 'preset=age-only');
      assertCurveIsSweep(await curvePoints(page, 'an'), practice.range, 'practice');
      // A slider in a closed section has no curve: none is worked out for it.
      assert.equal(await page.locator('#control-nwp').count(), 1);
      assert.equal(await page.locator('#control-nwp').locator('xpath=..').locator('svg.curve').count(), 0);
      assert.deepEqual(page.problems, []);
    },
    { query: '?preset=age-only&practice=A81001' },
  );
});

test('Seek and Apply set the value gpfe seek finds, and the goal is then met', async (t) => {
  await withPage(
    t,
    async (page) => {
      const control = page.locator('#control-an').locator('xpath=..');
      await control.scrollIntoViewIfNeeded();
      // A goal out of reach says so, with the nearest value: no strength of rurality closes it.
      const ru = page.locator('#control-ru').locator('xpath=..');
      await ru.scrollIntoViewIfNeeded();
      await ru.getByRole('button', { name: /^Seek/ }).click();
      const none = gpfe('seek', 'ru', 'gap', '--scenario', 'preset=age-only');
      assert.equal(none.reached, false);
      assert.equal(none.best, 0);
      assert.equal(Math.round(none.measure * 10), -309);
      assert.match(
        await ru.locator('.seek-answer').textContent(),
        /^No value in its range reaches it; nearest at 0\.000× \(-£30\.9[01] per weighted patient\)\.$/,
      );
      // The gap between the most and least deprived fifths closes.
      const gap = gpfe('seek', 'an', 'gap', '--scenario', 'preset=age-only');
      assert.equal(gap.reached, true);
      await control.scrollIntoViewIfNeeded();
      await control.getByRole('button', { name: /^Seek/ }).click();
      const answer = control.locator('.seek-answer');
      await answer.waitFor();
      assert.match(await answer.textContent(), /^Reaches the goal at 1\.97/);
      const value = Number(await control.locator('.seek-apply').getAttribute('data-value'));
      assert.ok(Math.abs(value - gap.value) < 5e-5, `page ${value}, gpfe ${gap.value}`);
      await control.getByRole('button', { name: 'Apply' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /(^|&)an=1\.9/.test(location.search.slice(1)));
      const query = new URL(page.url()).search.slice(1);
      const summary = gpfe('summary', '--scenario', query);
      const [least, , , , most] = summary.by_imd_quintile.map((q) => Number(q.scenario_per_weighted_patient));
      assert.ok(most >= least, `most deprived ${most}, least ${least}`);
      const rows = await fifths(page);
      assert.ok(rows[4].scenario >= rows[0].scenario, JSON.stringify(rows));
      assert.deepEqual(page.problems, []);
    },
    { query: '?preset=age-only' },
  );
});

test('Seek and Apply bring the selected practice back to its 2022/23 payments, as gpfe says', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.selectOption('#curve-headline', 'practice');
      const control = page.locator('#control-an').locator('xpath=..');
      await control.scrollIntoViewIfNeeded();
      await control.getByRole('button', { name: /^Seek/ }).click();
      await control.locator('.seek-apply').waitFor();
      const found = gpfe('seek', 'an', 'practice:A81001', '--scenario', 'preset=age-only');
      const value = Number(await control.locator('.seek-apply').getAttribute('data-value'));
      assert.ok(Math.abs(value - found.value) < 5e-5, `page ${value}, gpfe ${found.value}`);
      await control.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => /(^|&)an=1\.6/.test(location.search.slice(1)));
      const query = new URL(page.url()).search.slice(1).replace(/&?practice=A81001/, '');
      const practice = gpfe('practice', 'A81001', '--scenario', query);
      assert.ok(Number(practice.change) >= 0, `change ${practice.change}`);
      assert.deepEqual(page.problems, []);
    },
    { query: '?preset=age-only&practice=A81001' },
  );
});

test("a term in a setting's help opens its glossary entry, leaving the address alone", async (t) => {
  await withPage(t, async (page) => {
    const before = page.url();
    const link = page.locator('#help-an a.term', { hasText: 'IMD' });
    await link.scrollIntoViewIfNeeded();
    assert.equal(await link.getAttribute('href'), '#glossary-imd');
    await link.click();
    await page.waitForFunction(() => document.activeElement?.id === 'glossary-imd');
    const entry = page.locator('#glossary-imd');
    assert.equal(await entry.textContent(), 'IMD (Index of Multiple Deprivation)');
    const box = await entry.boundingBox();
    const height = page.viewportSize().height;
    assert.ok(box.y >= 0 && box.y < height, `the entry is on screen (${box.y})`);
    assert.equal(page.url(), before);
    // Every entry the core declares is on the page, each term linked at least once somewhere.
    const ids = await page.locator('.glossary dt').evaluateAll((dts) => dts.map((d) => d.id));
    assert.ok(ids.includes('glossary-weighted-patient') && ids.length >= 20, ids.join());
    assert.deepEqual(page.problems, []);
  });
});

test('predict, then reveal: the results stay hidden until the guess, then the guess is set beside the change gpfe gives', async (t) => {
  await withPage(t, async (page) => {
    await page.check('#tour-predict');
    await page.click('[data-tour="fairness"]');
    await page.click('#tour-next');
    await page.waitForFunction(() => location.search === '?v=1&dep=0.1&story=fairness&step=2');
    const hidden = () => page.evaluate(() => getComputedStyle(document.querySelector('#results')).visibility === 'hidden');
    assert.equal(await hidden(), true, 'the results are hidden before the guess');
    assert.equal(await page.isDisabled('#predict-reveal'), true);
    await page.check('#predict-gain');
    await page.check('#predict-size-1');
    await page.click('#predict-reveal');
    const fifth = gpfe('summary', '--scenario', 'v=1&dep=0.1').by_imd_quintile[4];
    const text = await page.textContent('#predict-verdict');
    assert.ok(
      text.startsWith(`You said the most deprived fifth would gain 1% to 5%; it gains ${fifth.change_pct.toFixed(2)}% (`),
      text,
    );
    assert.ok(text.endsWith('Right direction; the size differs.'), text);
    assert.equal(await hidden(), false, 'the results show once revealed');
    // The next step asks again; the mode is remembered in this browser only.
    await page.click('#tour-next');
    await page.waitForSelector('#predict-reveal');
    assert.equal(await hidden(), true);
    assert.equal(await page.evaluate(() => localStorage.getItem('gpfe-predict')), '1');
    assert.deepEqual(page.problems, []);
  });
});

test('Seek and Apply leave no practice losing more than 5%, as gpfe says', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.selectOption('#curve-headline', 'losers');
      const control = page.locator('#control-an').locator('xpath=..');
      await control.scrollIntoViewIfNeeded();
      await control.getByRole('button', { name: /^Seek/ }).click();
      await control.locator('.seek-apply').waitFor();
      const found = gpfe('seek', 'an', 'losers', '--scenario', 'v=1&an=0.5');
      assert.equal(found.reached, true);
      const value = Number(await control.locator('.seek-apply').getAttribute('data-value'));
      assert.ok(Math.abs(value - found.value) < 5e-5, `page ${value}, gpfe ${found.value}`);
      await control.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => !/(^|&)an=0\.5(&|$)/.test(location.search.slice(1)));
      const query = new URL(page.url()).search.slice(1);
      const summary = gpfe('summary', '--scenario', query);
      assert.equal(summary.winners_losers[4].practices, 0, 'no practice loses more than 5%');
      const rows = await winnersLosers(page);
      assertMatchesSummary(rows, summary);
      assert.equal(rows[4].practices, 0);
      assert.deepEqual(page.problems, []);
    },
    { query: '?v=1&an=0.5' },
  );
});

/** The deprivation fifths' table as A's and B's (or 2022/23's and the scenario's) £ per weighted patient. */
async function fifthsBothSides(page) {
  const card = page.locator('#chart-deprivation-quintile');
  await card.scrollIntoViewIfNeeded();
  await card.getByRole('button', { name: 'Show as table' }).click();
  const headers = await card.locator('table thead th').evaluateAll((ths) => ths.map((th) => th.textContent.trim()));
  const rows = await card.locator('table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
  );
  await card.getByRole('button', { name: 'Show as chart' }).click();
  return { headers, rows: rows.map((r) => ({ practices: number(r[1]), baseline: number(r[3]), scenario: number(r[4]) })) };
}

function assertFifthsMatch(fifths, summary) {
  assert.equal(fifths.rows.length, 5);
  fifths.rows.forEach((row, i) => {
    const q = summary.by_imd_quintile[i];
    assert.equal(row.practices, q.practices, `fifth ${i + 1} practices`);
    assert.equal(row.baseline, q.baseline_per_weighted_patient, `fifth ${i + 1} first side`);
    assert.equal(row.scenario, q.scenario_per_weighted_patient, `fifth ${i + 1} second side`);
  });
}

test('an A-against-B link shows B against A as gpfe --compare does, and can swap and stop', async (t) => {
  const [a, b] = ['preset=age-only', 'preset=need-index'];
  for (const [width, height] of [[375, 900], [1920, 1080]]) {
    await withPage(
      t,
      async (page) => {
        const summary = gpfe('summary', '--scenario', a, '--compare', b);
        // The headline says which practices do better under which, naming A and B.
        const headline = await page.textContent('#compare-headline');
        const count = (n) => n.toLocaleString('en-GB');
        assert.ok(
          headline.startsWith(
            `Under B (${summary.compare.b_name}), ${count(summary.compare.gainers_under_b)} practices get at least 0.1% more than under A (${summary.compare.a_name}) and ${count(summary.compare.losers_under_b)} practices get at least 0.1% less`,
          ),
          headline,
        );
        assert.equal(headline, summary.compare.text);
        assert.match(await page.textContent('#compare-names'), /A \(the controls change it\)/);
        assert.match(await page.textContent('#chart-winners-losers .chart-title'), /^B against A: /);
        await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
        assertMatchesSummary(await winnersLosers(page), summary);
        const fifths = await fifthsBothSides(page);
        assert.deepEqual(fifths.headers.slice(3, 5), [
          '£ per weighted patient, A',
          '£ per weighted patient, B (on the 2022/23 weighted list)',
        ]);
        assertFifthsMatch(fifths, summary);
        await screenshot(page, `compare-${width}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `nothing wider than the window (${overflow}px)`);

        // The charts against 2022/23 show A alone.
        await page.locator('#show-against-2022').click();
        await page.waitForFunction(
          () => !document.querySelector('#chart-winners-losers .chart-title').textContent.startsWith('B against A'),
        );
        assertMatchesSummary(await winnersLosers(page), gpfe('summary', '--scenario', a));
        await page.locator('#show-b-against-a').click();

        // Swap: B becomes what the controls change, and the link says so.
        await page.locator('#compare-swap').click();
        await page.waitForFunction(() => location.search.startsWith('?v=1&fm=pmc&b.'));
        const query = new URL(page.url()).search.slice(1);
        assert.equal(query, 'v=1&fm=pmc&b.v=1&b.an=0&b.ru=0&b.mf=0&b.ns=0');
        assertMatchesSummary(await winnersLosers(page), gpfe('summary', '--scenario', b, '--compare', a));

        // Stop comparing: the link loses B and the charts are against 2022/23 again.
        await page.locator('#compare-stop').click();
        await page.waitForFunction(() => !location.search.includes('b.'));
        assert.equal(await page.locator('#compare-headline').count(), 0);
        assertMatchesSummary(await winnersLosers(page), gpfe('summary', '--scenario', b));

        // Compare with a preset from the select.
        await page.locator('#compare-with').selectOption('age-only');
        await page.waitForFunction(() => location.search.includes('b.an=0'));
        assertMatchesSummary(await winnersLosers(page), gpfe('summary', '--scenario', b, '--compare', a));

        // The current settings as B: nothing changes between them until A is moved.
        await page.locator('#compare-stop').click();
        await page.waitForFunction(() => !location.search.includes('b.'));
        await page.locator('#compare-with').selectOption('current');
        await page.waitForFunction(() => location.search.endsWith('b.v=1&b.fm=pmc'));
        assert.match(await page.textContent('#compare-headline'), /no practice gets as much as 0\.1% more or less/);
        assert.deepEqual(page.problems, []);
      },
      { query: `?${a}&b.${b}`, viewport: { width, height } },
    );
  }
});

test('an embedded chart of an A-against-B link shows B against A', async () => {
  const page = await openPage(browser, `${server.url}?preset=age-only&b.preset=need-index&embed=deprivation-quintile`);
  try {
    await page.waitForFunction(() => document.querySelector('#chart-deprivation-quintile canvas')?.width > 300);
    assert.match(await page.textContent('#chart-deprivation-quintile .chart-title'), /^B against A: /);
    const summary = gpfe('summary', '--scenario', 'preset=age-only', '--compare', 'preset=need-index');
    assert.equal(
      await page.textContent('.embed-scenario strong'),
      `B (${summary.compare.b_name}) against A (${summary.compare.a_name})`,
    );
    assertFifthsMatch(await fifthsBothSides(page), summary);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
  }
});

test('the map colours councils and constituencies as gpfe summary --by gives them, once their outlines load', async (t) => {
  const query = 'preset=age-only';
  await withPage(
    t,
    async (page) => {
      const map = page.locator('#chart-map');
      await map.scrollIntoViewIfNeeded();
      for (const [level, by, key, areas] of [
        ['constituencies', 'constituencies', 'by_constituency', 543],
        ['councils', 'councils', 'by_council', 296],
      ]) {
        await page.selectOption('#map-level', level);
        await page.waitForFunction(() => !document.querySelector('#map-loading'));
        assert.match(await page.textContent('#chart-map-title'), new RegExp(`by ${level === 'councils' ? 'council' : 'constituency'} \\(where the surgeries are\\)`));
        const summary = gpfe('summary', '--by', by, '--scenario', query)[key];
        await map.getByRole('button', { name: 'Show as table' }).click();
        const rows = await map.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
        assert.equal(rows.length, areas, level);
        for (const area of summary.filter((_, i) => i % 37 === 0)) {
          const row = rows.find((r) => r[0] === area.name);
          assert.ok(row, `${area.name} in the table`);
          assert.equal(number(row[2]), Number(area.change_pct.toFixed(2)), `${area.name}'s change`);
        }
        await map.getByRole('button', { name: 'Show as map' }).click();
        await page.waitForTimeout(300);
        await screenshot(page, `map-${level}`);
      }
      // The outlines came from the page's own origin, once.
      const fetched = page.requests.filter((u) => u.includes('local-areas-2024.bin'));
      assert.equal(fetched.length, 1);
      assert.deepEqual(page.problems, []);
    },
    { query: `?${query}` },
  );
});

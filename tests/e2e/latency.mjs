// Cold load, first-load bytes and slider-to-paint latency over 100 mouse moves of a formula
// slider, in headless Chromium on the release build. A benchmark, not a test: `scripts/bench.sh`
// runs it and prints its figures. For each input event the slider fires:
//
//   work:  from the event's dispatch to the end of the work it triggers (model run, every
//          visible chart redrawn), measured by a timer queued behind that work;
//   paint: from the event's dispatch to the end of the first frame rendered after it, which
//          shows the new numbers and charts;
//   input: from the event's creation (event.timeStamp) to its dispatch: the browser's own queue,
//          which Chromium aligns with the display's frames for mouse moves.
// At each size it then drags the slider of a page that holds nothing else, for the floor the
// browser itself sets on this machine, and of a page that holds the slider and plain canvases
// of the same sizes as the charts that were on screen, redrawn simply on each move, for what
// the browser takes to show that many canvases changing; and the same plain drawings as
// canvases of a quarter of the pixels and as SVG, for what other ways of drawing would take.
import { serve } from './server.mjs';
import { launch, recordFirstChart, started } from './browser.mjs';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import path from 'node:path';

const dist = process.env.GPFE_DIST ?? new URL('../../dist', import.meta.url).pathname;
const server = await serve(dist, { '/load-floor.html': new URL('load-floor.html', import.meta.url).pathname });
const browser = await launch();
try {
  // Cold load: a fresh page, from navigation to its first paint, which shows the first view
  // written into index.html with its first chart (checked: that chart is in the page and shown
  // when it first paints); from navigation to the frame that first shows the app's own first
  // chart, timed in the page (the frame after the chart's canvas took its size, which it does as
  // it is drawn); and from navigation to when the harness, polling, saw that chart, which adds its
  // own delay. And what the page fetched, measured as the gzip-compressed size of each file.
  const firstView = [];
  const cold = [];
  const polled = [];
  let bytes = 0;
  let raw = 0;
  let brotli = 0;
  const files = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const fetched = [];
    page.on('requestfinished', (r) => fetched.push(new URL(r.url()).pathname));
    await page.addInitScript(recordFirstChart);
    await page.addInitScript(() => {
      // Whether the first view's first chart is shown when the page first paints.
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.name !== 'first-contentful-paint') continue;
          const svg = [...document.querySelectorAll('#first-view #chart-winners-losers svg')].find((e) => e.getBoundingClientRect().height > 0);
          window.firstPaint = { at: entry.startTime, chart: Boolean(svg) };
        }
      }).observe({ type: 'paint', buffered: true });
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.firstChart?.shown !== undefined && window.firstPaint !== undefined);
    polled.push(await page.evaluate(() => performance.now()));
    cold.push(await page.evaluate(() => window.firstChart.shown.at));
    const paint = await page.evaluate(() => window.firstPaint);
    if (!paint.chart) throw new Error('the first paint did not show the first view with its first chart');
    firstView.push(paint.at);
    if (i === 0) {
      for (const file of fetched) {
        const body = await readFile(path.join(dist, file.endsWith('/') ? `${file}index.html` : file));
        const gz = gzipSync(body, { level: 9 }).length;
        raw += body.length;
        bytes += gz;
        brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
        files.push(`${path.basename(file) || 'index.html'} ${(gz / 1e3).toFixed(0)} KB`);
      }
    }
    await context.close();
  }
  for (const list of [firstView, cold, polled]) list.sort((a, b) => a - b);
  console.log(`LOAD cold load to first chart shown (the first view in index.html, at first contentful paint) over 5 fresh pages: median ${firstView[2].toFixed(0)} ms, max ${firstView[4].toFixed(0)} ms`);
  console.log(`LOAD cold load to the app's own first chart over 5 fresh pages: median ${cold[2].toFixed(0)} ms, max ${cold[4].toFixed(0)} ms`);
  console.log(`LOAD the same, as the harness saw it polling: median ${polled[2].toFixed(0)} ms, max ${polled[4].toFixed(0)} ms`);
  // What the first view needs before it can be shown: index.html and what it holds up the first
  // paint for (its style sheet and its one classic script).
  const index = await readFile(path.join(dist, 'index.html'), 'utf8');
  const blocking = [...index.matchAll(/<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"(?![^>]*type="module")/g)].map((m) => m[1] ?? m[2]);
  let viewBytes = gzipSync(index, { level: 9 }).length;
  const viewFiles = [`index.html ${(viewBytes / 1e3).toFixed(1)} KB`];
  for (const file of blocking) {
    const gz = gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
    viewBytes += gz;
    viewFiles.push(`${path.basename(file)} ${(gz / 1e3).toFixed(1)} KB`);
  }
  console.log(`LOAD first view: ${(viewBytes / 1e6).toFixed(3)} MB gzip (${viewFiles.join(', ')})`);
  console.log(`LOAD the app ready to use (first load): ${(raw / 1e6).toFixed(2)} MB raw, ${(bytes / 1e6).toFixed(3)} MB gzip (${(brotli / 1e6).toFixed(3)} MB brotli)`);
  console.log(`LOAD the app ready to use, by file, gzip: ${files.join(', ')}`);
  // The floor under it: a fresh page that only downloads and compiles the same WebAssembly and
  // downloads the start-up file, to its first frame after both (load-floor.html).
  const wasm = (await readFile(path.join(dist, 'index.html'), 'utf8')).match(/data-wasm="([^"]+)"/)[1];
  const floor = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}load-floor.html?wasm=${encodeURIComponent(wasm)}`);
    await page.waitForFunction(() => window.floorShown !== undefined);
    floor.push(await page.evaluate(() => window.floorShown));
    await context.close();
  }
  floor.sort((a, b) => a - b);
  console.log(`LOAD a page that only downloads and compiles the WebAssembly and downloads the start-up file, to its next frame: median ${floor[2].toFixed(0)} ms, max ${floor[4].toFixed(0)} ms`);
  // Slider to paint at three sizes: 1280x900 (the figure recorded since the start), 1920x1080 at a
  // device pixel ratio of 2 (a large high-density screen: every chart that fits in it visible),
  // and 375x812 at 2 (a phone). Each chart's draw time and the model's run time are recorded by
  // the page itself while `window.gpfeDraws` exists (see `canvas::timed`).
  for (const [tag, viewport, deviceScaleFactor] of [
    ['', { width: 1280, height: 900 }, 1],
    ['[1920x1080@2] ', { width: 1920, height: 1080 }, 2],
    ['[375x812@2] ', { width: 375, height: 812 }, 2],
  ]) {
    await drag(tag, viewport, deviceScaleFactor);
  }
} finally {
  await browser.close();
  await server.close();
}

async function drag(tag, viewport, deviceScaleFactor) {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.gpfeDraws = [];
  });
  await page.goto(server.url);
  // The first view (a copy of the page with the same ids) gives way to the app's own page.
  await started(page);
  await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
  // On a phone the controls are behind a button. (They are built just after the first chart.)
  await page.locator('#control-ns').waitFor({ state: 'attached' });
  if (!(await page.isVisible('#control-ns'))) await page.click('#controls-toggle');
  const samples = await moveSlider(page, '#control-ns');
  const draws = await page.evaluate(() => window.gpfeDraws);
  // The CSS size of every chart canvas on screen after the drag, for the second floor below.
  const onScreen = await page.evaluate(() =>
    [...document.querySelectorAll('canvas')]
      .map((c) => c.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.bottom > 0 && r.top < innerHeight)
      .map((r) => [Math.round(r.width), Math.round(r.height)]),
  );
  line(tag, 'input event to end of work', quantiles(samples.map((x) => x.work)));
  line(tag, 'input event to painted frame', quantiles(samples.map((x) => x.paint)));
  line(tag, 'input arrival to dispatch', quantiles(samples.map((x) => x.input)));
  // What the work was: the model's runs and each chart's draws during the drag.
  const names = [...new Set(draws.map(([name]) => name))];
  for (const name of names) {
    const r = quantiles(draws.filter(([n]) => n === name).map(([, ms]) => ms));
    console.log(`DRAW ${tag}${name}: ${r.n} times, p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, max ${f(r.max)} ms`);
  }
  await context.close();

  // The browser's own floor at this size: the same drag on a page that holds the slider and its
  // value alone, no app. What the page cannot go below on this machine and browser.
  const bare = await browser.newContext({ viewport, deviceScaleFactor });
  const empty = await bare.newPage();
  await empty.setContent(
    '<!doctype html><body><input id="s" type="range" min="0" max="2" step="0.05" value="1" ' +
      'style="width:300px;margin:40px"><output id="o">1</output>' +
      '<script>s.addEventListener("input", () => (o.textContent = s.value));</script></body>',
  );
  const floor = await moveSlider(empty, '#s');
  line(tag, 'a page with the slider alone: input event to painted frame', quantiles(floor.map((x) => x.paint)));
  await bare.close();

  // The browser's floor with the charts' canvases: the slider and a canvas of the same CSS size
  // as each chart on screen, at the same pixel ratio, each filled, given 40 bars and 12 labels
  // on every move. Plain drawing, far less than a chart's: what the browser itself takes to
  // show that many canvases changing at that size, whatever draws them.
  const floorOf = async (what, how) =>
    line(
      tag,
      `a page with the slider and ${onScreen.length} ${what}: input event to painted frame`,
      await plainDrawings(viewport, deviceScaleFactor, onScreen, how),
    );
  await floorOf('plain canvases the size of the charts on screen', 'canvas');
  if (onScreen.length === 0) return;
  // The same plain drawings made another way, for whether another way of drawing the charts
  // would leave the page more of the budget: canvases holding a quarter of the pixels (drawn at a
  // pixel ratio of 1 and stretched), and SVG written into the page on each move (which the
  // browser's raster threads draw after the frame, so this is the page's thread alone).
  await floorOf('plain canvases at a pixel ratio of 1', 'canvas1x');
  await floorOf('plain SVG drawings', 'svg');
}

/** Drags the slider of a page holding it and, for each [width, height] of `sizes`, a plain
 * drawing of that CSS size, redrawn on every move with a white ground, 40 bars and 12 labels:
 * a canvas at the page's pixel ratio (`canvas`), a canvas at a pixel ratio of 1 (`canvas1x`), or
 * SVG written into a box (`svg`). Returns the quantiles of input event to painted frame. */
async function plainDrawings(viewport, deviceScaleFactor, sizes, how) {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  const box =
    how === 'svg'
      ? (w, h) => `<div style="width:${w}px;height:${h}px"></div>`
      : (w, h) => `<canvas style="display:block;width:${w}px;height:${h}px"></canvas>`;
  await page.setContent(
    '<!doctype html><body style="margin:0"><input id="s" type="range" min="0" max="2" step="0.05" value="1" ' +
      'style="width:300px;margin:40px"><output id="o">1</output>' +
      sizes.map(([w, h]) => box(w, h)).join('') +
      `<script>const how = ${JSON.stringify(how)};` +
      's.addEventListener("input", () => { o.textContent = s.value; const r = how === "canvas" ? devicePixelRatio : 1;' +
      ' for (const c of document.querySelectorAll("body > canvas, body > div")) {' +
      '  const w = Math.round(c.clientWidth * r), h = Math.round(c.clientHeight * r);' +
      '  if (how === "svg") {' +
      '   let t = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#fff"/>`;' +
      '   for (let i = 0; i < 40; i++) { const b = ((i + 1) * 37 * s.value) % h; t += `<rect x="${(i * w) / 40}" y="${h - b}" width="${w / 50}" height="${b}" fill="#357"/>`; }' +
      '   for (let i = 0; i < 12; i++) t += `<text x="8" y="${(i + 1) * 16}" font-size="12" font-family="sans-serif">label ${i}: ${s.value}</text>`;' +
      '   c.innerHTML = t + "</svg>"; continue; }' +
      '  if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }' +
      '  const x = c.getContext("2d"); x.fillStyle = "#fff"; x.fillRect(0, 0, w, h); x.fillStyle = "#357";' +
      '  for (let i = 0; i < 40; i++) { const b = ((i + 1) * 37 * s.value) % h; x.fillRect((i * w) / 40, h - b, w / 50, b); }' +
      '  x.font = `${12 * r}px sans-serif`; for (let i = 0; i < 12; i++) x.fillText(`label ${i}: ${s.value}`, 8 * r, (i + 1) * 16 * r); } });' +
      '</script></body>',
  );
  const samples = await moveSlider(page, '#s');
  await context.close();
  return quantiles(samples.map((x) => x.paint));
}

function f(v) {
  return v.toFixed(1);
}

function quantiles(values) {
  const s = values.filter((x) => x !== undefined).sort((a, b) => a - b);
  const q = (p) => s[Math.round((s.length - 1) * p)];
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

function line(tag, what, r) {
  console.log(`LATENCY ${tag}${what} over ${r.n} slider moves: p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, max ${f(r.max)} ms`);
}

/**
 * Drags slider `selector` with the mouse, as a user does, to 100 new values, and returns one
 * sample per input event. A capture-phase listener sees each input event before the page does,
 * notes the time, and asks for the next animation frame; a task queued from that frame runs once
 * the frame is rendered.
 */
async function moveSlider(page, selector) {
  await page.evaluate(() => {
    window.latency = [];
    window.addEventListener(
      'input',
      (event) => {
        const start = performance.now();
        const sample = { input: start - event.timeStamp };
        window.latency.push(sample);
        setTimeout(() => (sample.work = performance.now() - start));
        requestAnimationFrame(() => setTimeout(() => (sample.paint = performance.now() - start)));
      },
      { capture: true },
    );
  });
  const slider = page.locator(selector);
  await slider.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  // The app's own record of its draws (see `canvas::timed`) starts here, with the drag.
  await page.evaluate(() => window.gpfeDraws && (window.gpfeDraws = []));
  const box = await slider.boundingBox();
  const steps = 40; // 0 to 2 in steps of 0.05
  const at = (v) => box.x + 8 + ((box.width - 16) * v) / steps;
  await page.mouse.move(at(20), box.y + box.height / 2);
  await page.mouse.down();
  let moves = 0;
  for (let sweep = 0; moves < 100; sweep++) {
    for (let i = 0; i <= steps && moves < 100; i++) {
      const v = sweep % 2 === 0 ? i : steps - i;
      await page.mouse.move(at(v), box.y + box.height / 2);
      await page.waitForTimeout(40);
      moves = await page.evaluate(() => window.latency.length);
    }
  }
  await page.mouse.up();
  await page.waitForTimeout(200);
  return page.evaluate(() => window.latency);
}

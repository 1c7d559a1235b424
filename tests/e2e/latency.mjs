// Slider-to-paint latency over 100 moves of a formula slider, in headless Chromium on the release
// build. A benchmark, not a test: `scripts/bench.sh` runs it and it prints its figures.
//
//   work:  from the input event to the end of the work it triggers (model run, every visible
//          chart redrawn), measured by a timer queued behind that work;
//   paint: from the input event to the first animation frame after that work, when the browser
//          paints the new pixels.
import { serve } from './server.mjs';
import { launch } from './browser.mjs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dist = process.env.GPFE_DIST ?? new URL('../../dist', import.meta.url).pathname;
const server = await serve(dist);
const browser = await launch();
try {
  // Cold load: a fresh page, from navigation to the first chart drawn; and what it fetched,
  // measured as the gzip-compressed size of each file.
  const cold = [];
  let bytes = 0;
  let raw = 0;
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const fetched = [];
    page.on('requestfinished', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
    cold.push(await page.evaluate(() => performance.now()));
    if (i === 0) {
      for (const file of fetched) {
        const body = await readFile(path.join(dist, file.endsWith('/') ? `${file}index.html` : file));
        raw += body.length;
        bytes += gzipSync(body, { level: 9 }).length;
      }
    }
    await context.close();
  }
  cold.sort((a, b) => a - b);
  console.log(`LOAD cold load to first chart over 5 fresh pages: median ${cold[2].toFixed(0)} ms, max ${cold[4].toFixed(0)} ms`);
  console.log(`LOAD first load: ${(raw / 1e6).toFixed(2)} MB raw, ${(bytes / 1e6).toFixed(2)} MB gzip`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.waitForSelector('#headline');
  await page.waitForFunction(() => document.querySelector('#chart-winners-losers canvas')?.width > 300);
  const result = await page.evaluate(async () => {
    const slider = document.querySelector('#control-ns');
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const work = [];
    const paint = [];
    for (let i = 0; i < 100; i++) {
      await frame();
      const value = (i % 2 === 0 ? 0.5 : 1.5) + (i % 10) * 0.01;
      const t0 = performance.now();
      slider.value = String(value);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await tick();
      work.push(performance.now() - t0);
      await frame();
      paint.push(performance.now() - t0);
    }
    const stats = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      const q = (p) => s[Math.round((s.length - 1) * p)];
      return { p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
    };
    return { moves: work.length, work: stats(work), paint: stats(paint) };
  });
  const f = (v) => v.toFixed(1);
  console.log(`LATENCY slider to end of work over ${result.moves} moves: p50 ${f(result.work.p50)} ms, p95 ${f(result.work.p95)} ms, max ${f(result.work.max)} ms`);
  console.log(`LATENCY slider to next frame over ${result.moves} moves: p50 ${f(result.paint.p50)} ms, p95 ${f(result.paint.p95)} ms, max ${f(result.paint.max)} ms`);
} finally {
  await browser.close();
  await server.close();
}

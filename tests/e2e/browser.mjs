// Launches Debian's headless Chromium through playwright-core, collecting console errors.
import { chromium } from 'playwright-core';
import { access, mkdir } from 'node:fs/promises';
import { serve } from './server.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTEFACTS = path.resolve(here, '../../target/e2e');
export const DIST = process.env.GPFE_DIST ?? path.resolve(here, '../../dist');

/** Serves the build in dist/ (with `extras`, see serve) and launches Chromium, for a test file's
 * `before`; `stop` closes both, for its `after`. */
export async function start(extras = {}) {
  await access(path.join(DIST, 'index.html')).catch(() => {
    throw new Error(`no build at ${DIST}: run \`trunk build --release\` first (scripts/test.sh does)`);
  });
  return { server: await serve(DIST, extras), browser: await launch() };
}

export async function stop({ server, browser }) {
  await browser?.close();
  await server?.close();
}

export async function launch() {
  await mkdir(ARTEFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new page at `url` that records console errors, uncaught exceptions and anything the
 * Content-Security-Policy refuses in `page.problems`, once the app's own page is there.
 */
export async function openPage(browser, url, viewport = { width: 1280, height: 900 }, beforeLoad = undefined) {
  const page = await watchedPage(browser, viewport, beforeLoad);
  await page.goto(url);
  await started(page);
  return page;
}

/** A new blank page that records what `openPage` says, and every request in `page.requests`. */
export async function watchedPage(browser, viewport = { width: 1280, height: 900 }, beforeLoad = undefined) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  page.problems = [];
  await page.exposeFunction('reportPolicyViolation', (what) => page.problems.push(`policy violation: ${what}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      window.reportPolicyViolation(`${e.violatedDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    ),
  );
  page.requests = [];
  page.on('request', (request) => page.requests.push(request.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  // A script to run before the page loads: a function, or a function and its argument.
  if (beforeLoad) await page.addInitScript(...(Array.isArray(beforeLoad) ? beforeLoad : [beforeLoad]));
  return page;
}

/**
 * Waits until the first view written into index.html (a copy of the default page, shown while
 * the app loads, with the same ids) has given way to the app's own page, so that what a test
 * finds next is the app's.
 */
export async function started(page) {
  await page.waitForFunction(() => !document.getElementById('first-view'), null, { timeout: 30000 });
}

/**
 * A script to run before a page loads (`page.addInitScript`) that records, in
 * `window.firstChart`, the moment the first chart is drawn (its canvas takes its size as it is
 * drawn) and then the frame that shows it: for each, the time since navigation and which of
 * `selectors` are on the page.
 */
export function recordFirstChart(selectors = []) {
  // The app's own elements, not those of the first view written into index.html (a copy of the
  // page, with the same ids, shown until the app's page is drawn).
  const find = (selector) => [...document.querySelectorAll(selector)].find((e) => !e.closest('#first-view'));
  const present = () => selectors.filter((selector) => find(selector));
  const seen = new MutationObserver(() => {
    if (find('#chart-winners-losers canvas')?.width > 300) {
      seen.disconnect();
      window.firstChart = {
        drawn: { at: performance.now(), present: present(), headline: find('#headline')?.textContent ?? '' },
      };
      requestAnimationFrame(() => {
        window.firstChart.shown = { at: performance.now(), present: present() };
      });
    }
  });
  seen.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['width'] });
}

/** Saves a screenshot under target/e2e/ (called on failure, and for the layout artefacts). */
export async function screenshot(page, name) {
  const file = path.join(ARTEFACTS, `${name}.png`);
  // A whole-page image shows every part, including those the page hides while off screen: the
  // charts' canvases (class `far`) and the parts the browser skips (content-visibility: auto).
  await page
    .evaluate(() => {
      document.querySelectorAll('canvas.far').forEach((c) => c.classList.remove('far'));
      for (const e of document.querySelectorAll('body *')) {
        if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible';
      }
    })
    .catch(() => {});
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

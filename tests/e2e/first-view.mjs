// The first view: a copy of the page for the default scenario, written into index.html
// (public/first-view.html) so that a plain link shows the headline and the first charts while
// the app and its data load. Made from the app itself: the page as it stands once built and
// still, each chart in the first screen drawn as SVG by the app's own drawing code as it is on a
// phone, a tablet, a laptop and a large screen, in place of its canvas.
//
//   node tests/e2e/first-view.mjs --write public/first-view.html   (scripts/first-view.sh)
//
// The end-to-end tests make it again from the build under test and compare it with the file.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { start, stop, openPage } from './browser.mjs';

/** The screens each chart is drawn for: a phone, a tablet, a laptop (one column of charts)
 * and a large screen (two). The style sheet shows, in each chart's box, the drawing made
 * nearest its width (see `.first-view-chart`). */
export const WIDTHS = [
  { name: 'phone', viewport: { width: 375, height: 812 } },
  { name: 'tablet', viewport: { width: 768, height: 1024 } },
  { name: 'laptop', viewport: { width: 1280, height: 800 } },
  { name: 'large', viewport: { width: 1920, height: 1080 } },
];

/** What the copy says while the app loads. */
const STATUS = 'Loading the funding model…';

/** Opens the default page at `viewport` with the app writing each chart it draws as SVG, and
 * waits until it is built, its first view gone and its charts off screen caught up. */
async function openForCopy(browser, url, viewport) {
  const page = await openPage(browser, url, viewport, () => {
    window.gpfeSvgs = {};
  });
  await page.waitForFunction(
    () => document.querySelector('#chart-winners-losers canvas')?.width > 300,
    null,
    { timeout: 30000 },
  );
  // Charts off screen are drawn once the page has been still for 400 ms.
  await page.waitForFunction(() => Object.keys(window.gpfeSvgs).length >= document.querySelectorAll('figure.chart:not(.map) canvas').length, null, {
    timeout: 30000,
  });
  await page.waitForTimeout(200);
  return page;
}

/** The ids of the charts any part of which is in the first screen at this width. */
function chartsInFirstScreen() {
  return [...document.querySelectorAll('figure.chart:not(.map) canvas')]
    .filter((c) => c.getBoundingClientRect().top < innerHeight)
    .map((c) => c.closest('[id^="chart-"]').id.slice('chart-'.length));
}

/** The page's own parts, copied as HTML: form controls carry their current values, nothing
 * has a style attribute (the Content-Security-Policy refuses them) or is hidden as off screen,
 * and each chart in `svgs` ({id: {phone, tablet, laptop, large}}) shows those SVGs in place of
 * its canvas, one for each width (see WIDTHS). Runs in the page. */
function copyOfPage([svgs, status]) {
  const parser = new DOMParser();
  const holder = document.createElement('div');
  holder.id = 'first-view';
  const note = document.createElement('p');
  note.className = 'first-view-status';
  note.setAttribute('role', 'status');
  note.textContent = status;
  const copy = document.createElement('div');
  copy.className = 'first-view-page';
  copy.setAttribute('inert', '');
  holder.append(note, copy);
  const parts = [...document.body.children].filter((e) => !['SCRIPT', 'NOSCRIPT', 'LINK'].includes(e.tagName));
  for (const part of parts) {
    const clone = part.cloneNode(true);
    const controls = 'input, select, option, textarea';
    const live = part.querySelectorAll(controls);
    clone.querySelectorAll(controls).forEach((c, i) => {
      const from = live[i];
      if (c.tagName === 'OPTION') c.toggleAttribute('selected', from.selected);
      else if (c.type === 'checkbox' || c.type === 'radio') c.toggleAttribute('checked', from.checked);
      else if (c.tagName === 'TEXTAREA') c.textContent = from.value;
      else if (c.tagName === 'INPUT') c.setAttribute('value', from.value);
    });
    // Radio buttons of one name are one group across the document: the copy's own groups, so
    // that neither page's choice unchecks the other's while both are there.
    clone.querySelectorAll('input[type="radio"][name]').forEach((e) => e.setAttribute('name', `first-view-${e.name}`));
    clone.querySelectorAll('[style]').forEach((e) => e.removeAttribute('style'));
    clone.removeAttribute('style');
    clone.querySelectorAll('canvas.far').forEach((e) => e.classList.remove('far'));
    for (const canvas of clone.querySelectorAll('[id^="chart-"] canvas')) {
      const id = canvas.closest('[id^="chart-"]').id.slice('chart-'.length);
      if (!svgs[id]) continue;
      const box = document.createElement('div');
      box.className = 'first-view-chart';
      for (const [width, text] of Object.entries(svgs[id])) {
        const svg = parser.parseFromString(text, 'image/svg+xml').documentElement;
        svg.querySelectorAll('desc').forEach((d) => d.remove());
        // The drawing code puts each element and each label's text on a line of its own: white
        // space an SVG does not show.
        const blanks = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
        const texts = [];
        while (blanks.nextNode()) texts.push(blanks.currentNode);
        for (const t of texts) {
          if (t.parentNode.localName === 'text' || t.parentNode.localName === 'title') t.data = t.data.trim();
          else if (!t.data.trim()) t.remove();
        }
        svg.setAttribute('class', `first-view-${width}`);
        svg.removeAttribute('width');
        svg.removeAttribute('height');
        svg.setAttribute('aria-hidden', 'true');
        box.append(document.importNode(svg, true));
      }
      canvas.replaceWith(box);
    }
    // The markers the app's views leave between their parts.
    const walker = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    comments.forEach((c) => c.remove());
    copy.append(clone);
  }
  return `${holder.outerHTML}\n`;
}

/** The first view made from the build served at `url`. */
export async function makeFirstView(browser, url) {
  const svgs = {};
  const shown = new Set();
  let last;
  for (const { name, viewport } of WIDTHS) {
    const page = await openForCopy(browser, url, viewport);
    (await page.evaluate(chartsInFirstScreen)).forEach((id) => shown.add(id));
    const drawn = await page.evaluate(() => window.gpfeSvgs);
    for (const [id, svg] of Object.entries(drawn)) (svgs[id] ??= {})[name] = svg;
    if (page.problems.length) throw new Error(`the page at ${viewport.width} px: ${page.problems.join('; ')}`);
    if (last) await last.close();
    last = page;
  }
  const kept = Object.fromEntries([...shown].filter((id) => svgs[id]).map((id) => [id, svgs[id]]));
  const html = await last.evaluate(copyOfPage, [kept, STATUS]);
  await last.close();
  return html;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[process.argv.indexOf('--write') + 1];
  if (!process.argv.includes('--write') || !out) {
    console.error('usage: node tests/e2e/first-view.mjs --write <file>');
    process.exit(2);
  }
  const live = await start();
  try {
    const html = await makeFirstView(live.browser, live.server.url);
    await writeFile(out, html);
    console.log(`${out}: ${html.length} bytes`);
  } finally {
    await stop(live);
  }
}

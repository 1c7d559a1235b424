import { serve } from './server.mjs';
import { launch } from './browser.mjs';
const dist = new URL('../../dist', import.meta.url).pathname;
const server = await serve(dist);
const browser = await launch();
const [query = '', name = 'shot', width = '1280', action = ''] = process.argv.slice(2);
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
const problems = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
page.on('pageerror', (e) => problems.push('pageerror ' + e.message));
await page.addInitScript(() => { window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)); });
await page.goto(server.url + query);
await page.waitForSelector('#headline', { timeout: 20000 }).catch(() => problems.push('no headline'));
await page.waitForTimeout(1500);
if (action) { await eval(action); await page.waitForTimeout(800); }
await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: false });
console.log('csp', JSON.stringify(await page.evaluate(() => window.__csp)));
console.log('problems', JSON.stringify(problems));
await browser.close(); await server.close();

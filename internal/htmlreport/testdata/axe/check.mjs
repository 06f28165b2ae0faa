// check.mjs opens each HTML file named on the command line in chromium
// (playwright-core drives the browser Debian installs) and prints, as JSON,
// for each: the axe-core violations of the WCAG 2.0, 2.1 and 2.2 A and AA
// rules, every request the page made, the page's scroll width at a 320 px
// wide viewport, and the page's text. internal/htmlreport/browser_test.go
// runs it and judges the results.
//
//   node check.mjs page.html...     (CHROMIUM overrides /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const profile = mkdtempSync(join(tmpdir(), 'planreport-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const results = {};
try {
  for (const file of process.argv.slice(2)) {
    results[file] = await check(pathToFileURL(resolve(file)).href);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(results));

async function check(url) {
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  const text = await page.evaluate(() => document.body.innerText);
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async (values) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return {
      version: window.axe.version,
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
      })),
    };
  }, tags);
  await page.setViewportSize({ width: 320, height: 640 });
  const narrow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  await page.close();
  return { ...axe, requests, text, ...narrow };
}

// check.mjs opens each HTML file named on the command line in chromium
// (playwright-core drives the browser Debian installs) and prints, as JSON,
// for each: at a 1280 and a 320 CSS pixel wide viewport, the violations of
// every axe-core rule (best practices, experimental and deprecated rules
// included, not only the WCAG A and AA ones) but the AAA contrast one (see
// measure), the page's scroll width, the elements that reach past the
// viewport's right or left edge, and the texts of a chart that reach out of
// its drawing, where they are cut; every request the page made; and the
// page's text. A file named as
// --print=FILE is also printed as the browser's "Print" would (the page's
// own @page size and margins, no header or footer) to FILE.pdf.
// internal/htmlreport/browser_test.go runs it and judges the results.
//
//   node check.mjs [--print=]page.html...     (CHROMIUM overrides /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const profile = mkdtempSync(join(tmpdir(), 'planreport-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const results = {};
try {
  for (const arg of process.argv.slice(2)) {
    const print = arg.startsWith('--print=');
    const file = print ? arg.slice('--print='.length) : arg;
    results[file] = await check(file, print);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(results));

async function check(file, print) {
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  const text = await page.evaluate(() => document.body.innerText);
  await page.addScriptTag({ content: axeSource });
  const widths = [];
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
    widths.push({ width, ...await page.evaluate(measure) });
  }
  if (print) {
    await page.emulateMedia({ media: 'print' });
    writeFileSync(file + '.pdf', await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  }
  await page.close();
  return { requests, text, widths };
}

// measure runs in the page: every axe-core rule, and what reaches past
// the viewport.
async function measure() {
  // Every rule but color-contrast-enhanced, WCAG's AAA 7:1: a RAG cell's
  // fill is the committee's own colour, and black or white text on it is
  // promised only AA's 4.5:1 (the completed colour, #0070C0, gives 5.1:1).
  const rules = window.axe.getRules().map((r) => r.ruleId).filter((id) => id !== 'color-contrast-enhanced');
  const r = await window.axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const e of document.querySelectorAll('*')) {
    if (e.ownerSVGElement) continue; // drawn inside an <svg>, which clips it: see clipped
    const b = e.getBoundingClientRect();
    if (b.width > 0 && (b.right > vw + 0.5 || b.left < -0.5)) {
      wide.push(`<${e.localName}${e.className && typeof e.className === 'string' ? ' class="' + e.className + '"' : ''}> ` +
        `from ${Math.round(b.left)} to ${Math.round(b.right)} px`);
    }
  }
  const clipped = [];
  for (const t of document.querySelectorAll('svg text')) {
    const b = t.getBoundingClientRect(), s = t.ownerSVGElement.getBoundingClientRect();
    if (b.left < s.left - 0.5 || b.right > s.right + 0.5 || b.top < s.top - 0.5 || b.bottom > s.bottom + 0.5) {
      clipped.push(t.textContent.slice(0, 40));
    }
  }
  return {
    version: window.axe.version,
    rules: rules.length,
    passes: r.passes.length,
    violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
    })),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: vw,
    wide: wide.slice(0, 10),
    wideCount: wide.length,
    clipped: clipped.slice(0, 10),
  };
}

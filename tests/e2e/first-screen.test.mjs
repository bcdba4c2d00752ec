// Each page's main chart starts within the first screen of a 1280×800 laptop: a reader
// sees a picture without scrolling past the lede and the controls.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage, visit, screenshot } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin, { viewport: { width: 1280, height: 800 } });
});
after(async () => { await browser?.close(); await server?.close(); });

// Each route whose main content is a chart (the PCN list, the Scorecard and the Equity
// page lead with tables), on the published default.
const PAGES = [
  ["/", "overview"],
  ["/map", "map"],
  ["/variation", "variation"],
  ["/compare", "compare"],
  ["/trajectories", "trajectories"],
  ["/inequalities", "inequalities"],
  ["/population", "population"],
  ["/workforce", "workforce"],
  ["/practices/C82024", "practice"],
  ["/pcns/U73005", "pcn-profile"],
];

for (const [path, name] of PAGES) {
  test(`${path}: the main chart starts on the first screen`, async () => {
    const { page } = session;
    await visit(session, path);
    const figure = page.locator("main .atlas-figure svg, main figure svg").first();
    await figure.waitFor({ timeout: 30_000 });
    const top = await figure.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    console.log(`${path}: main chart starts at ${Math.round(top)} px`);
    await screenshot(page, `first-screen-${name}`);
    assert.ok(top <= 700, `${path}: the main chart starts at ${Math.round(top)} px: less than 100 px of it shows on an 800 px screen`);
  });
}

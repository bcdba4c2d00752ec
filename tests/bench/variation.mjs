// Measures, in headless Chromium, how long the Variation page takes to switch to another
// measure and redraw its funnel, ranked and SPC charts (from the change event to the new
// funnel title in the DOM, then one animation frame). Not part of the test suite.
// Run after `trunk build --release`:  node tests/bench/variation.mjs [rounds]
import { startServer, launchBrowser, openPage, visit } from "../e2e/harness.mjs";

const rounds = Number(process.argv[2] ?? 3);
const server = await startServer();
const browser = await launchBrowser();
try {
  const session = await openPage(browser, server.origin);
  await visit(session, "/variation");
  const { page } = session;
  const ids = await page.locator("#variation-indicator option").evaluateAll((os) => os.map((o) => o.value));
  const times = [];
  for (let round = 0; round < rounds; round++) {
    // Every measure in turn, never the one showing (its title would not change).
    for (const id of [...ids.slice(1), ids[0]]) {
      const ms = await page.evaluate(async (id) => {
        const select = document.querySelector("#variation-indicator");
        const title = () => document.querySelector(".atlas-figure__title")?.textContent ?? "";
        const before = title();
        const start = performance.now();
        select.value = id;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        while (title() === before) await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => requestAnimationFrame(() => r()));
        return performance.now() - start;
      }, id);
      times.push(ms);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(`Variation: switch measure and redraw, ${times.length} switches over ${ids.length} measures`);
  console.log(`median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);
  if (session.errors.length) console.log("console errors:", session.errors);
} finally {
  await browser.close();
  await server.close();
}

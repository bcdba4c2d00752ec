// Measures, in headless Chromium, how long the Variation page takes to switch to another
// measure and redraw its funnel, ranked and SPC charts (from the change event to the new
// funnel title in the DOM, then one animation frame). Not part of the test suite.
//
//   node tests/bench/variation.mjs [rounds]            the Leicester default (after
//                                                      `trunk build --release`)
//   node tests/bench/variation.mjs --england [rounds]  a synthetic England-sized workspace
//                                                      (6,500 practices × 60 months × 30
//                                                      indicators) generated in the page;
//                                                      builds the app with the
//                                                      `synthetic-england` feature first
import { execFileSync } from "node:child_process";
import { startServer, launchBrowser, openPage, visit, screenshot } from "../e2e/harness.mjs";

const args = process.argv.slice(2);
const england = args.includes("--england");
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? (england ? 1 : 3));
const root = new URL("../../", import.meta.url).pathname;
let dist;
if (england) {
  dist = `${root}target/dist-bench/`;
  execFileSync("trunk", ["build", "--release", "--features", "synthetic-england", "--dist", dist], { cwd: root, stdio: "inherit" });
}
const server = await startServer(dist);
const browser = await launchBrowser();
try {
  const session = await openPage(browser, server.origin);
  const started = performance.now();
  await visit(session, england ? "/variation?synthetic=england" : "/variation");
  const { page } = session;
  await page.waitForSelector(".atlas-figure__title", { timeout: 120_000 });
  console.log(`Variation page first drawn after ${((performance.now() - started) / 1000).toFixed(1)} s${england ? " (including generating the England-sized workspace)" : ""}`);
  const ids = await page.locator("#variation-indicator option").evaluateAll((os) => os.map((o) => o.value));
  const practices = await page.locator(".atlas-figure__summary").first().innerText();
  console.log(`funnel: ${practices}`);
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
  if (england) await screenshot(page, "bench-variation-england");
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(`Variation: switch measure and redraw, ${times.length} switches over ${ids.length} measures${england ? ", England-sized" : ""}`);
  console.log(`median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);
  if (session.errors.length) console.log("console errors:", session.errors);
} finally {
  await browser.close();
  await server.close();
}

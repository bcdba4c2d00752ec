// How soon a reader sees a chart (not part of the test suite; machines are shared and
// noisy): the public build served gzipped on loopback, the network and CPU throttled
// through the DevTools protocol, three loads of each page, the median printed.
//
//   node tests/bench/first-paint.mjs [path]     (default path /variation; after the test
//                                               command has built and pre-rendered
//                                               target/dist-public)
//
// For each profile — "5 Mbit/s" (5 Mbit/s down, 28 ms) and "slow 4G" (1.6 Mbit/s down,
// 150 ms, CPU slowed 4×: Lighthouse's mobile profile) — and each way of serving the page:
//   (a) the app alone: index.html without its pre-rendered copy, the chart drawn by the app;
//   (b) pre-rendered: the route's static page, the chart in the HTML;
// it prints the time from navigation to the first chart on screen (the first paint with
// an <svg> in <main>) and to the page responding to input (the app mounted: its header's
// Menu button is there, which the static copy has not).
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser } from "../e2e/harness.mjs";

const DIST = new URL("../../target/dist-public/", import.meta.url).pathname;
const path = process.argv[2] ?? "/variation";
if (!existsSync(join(DIST, "variation/index.html"))) {
  console.error("target/dist-public has no pre-rendered pages: run the test command (tools/test.sh) first");
  process.exit(2);
}
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json" };
const zipped = new Map();
const gz = (key, bytes) => zipped.get(key) ?? zipped.set(key, gzipSync(bytes, { level: 9 })).get(key);
// The app alone: the shell without the static copy.
const shell = readFileSync(join(DIST, "index.html"), "utf8").replace(/<div id="atlas-prerendered">[\s\S]*<!--\/atlas-prerendered-->/, "");

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const route = normalize(decodeURIComponent(url.pathname));
  let file = join(DIST, route);
  let body;
  if (url.searchParams.has("app-only") || (!existsSync(file) || statSync(file).isDirectory()) && !existsSync(join(file, "index.html"))) {
    body = url.searchParams.has("app-only") ? Buffer.from(shell) : readFileSync(join(DIST, "index.html"));
    file = "index.html";
  } else {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    body = readFileSync(file);
  }
  const key = url.searchParams.has("app-only") ? "app-only" : file;
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-encoding": "gzip", "cache-control": "no-store" });
  res.end(gz(key, body));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const PROFILES = [
  { name: "5 Mbit/s, 28 ms", latency: 28, down: 5e6 / 8, up: 1e6 / 8, cpu: 1 },
  { name: "slow 4G, CPU 4×", latency: 150, down: 1.6e6 / 8, up: 0.75e6 / 8, cpu: 4 },
];

// Recorded in the page from its first script: when a chart first appears in <main>, and
// when the app's own header (its Menu button) does.
const RECORDER = `
  window.__chartAt = null; window.__appAt = null;
  new MutationObserver(() => {
    const now = performance.now();
    if (window.__chartAt === null && document.querySelector("main svg")) {
      requestAnimationFrame(() => { window.__chartAt ??= performance.now(); });
      window.__chartSeen = now;
    }
    if (window.__appAt === null && document.querySelector(".atlas-menu-toggle")) window.__appAt = now;
  }).observe(document, { childList: true, subtree: true });`;

async function load(browser, profile, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(RECORDER);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__appAt !== null && document.querySelector("main svg"), null, { timeout: 120_000, polling: 50 });
  await page.waitForTimeout(100);
  const times = await page.evaluate(() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
    const chart = Math.max(window.__chartAt ?? window.__chartSeen ?? Infinity, paint ?? 0);
    return { chart, app: window.__appAt, paint };
  });
  await context.close();
  return times;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const browser = await launchBrowser();
try {
  console.log(`First chart on screen and page responding, ${path}, median of 3 loads (gzipped, cache off):`);
  for (const profile of PROFILES) {
    for (const [label, url] of [["(a) app alone", `${origin}${path}?app-only`], ["(b) pre-rendered", `${origin}${path}`]]) {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await load(browser, profile, url));
      console.log(`  ${profile.name.padEnd(18)} ${label.padEnd(18)} chart ${seconds(median(runs.map((r) => r.chart)))}   responds ${seconds(median(runs.map((r) => r.app)))}   (charts ${runs.map((r) => seconds(r.chart)).join(", ")})`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

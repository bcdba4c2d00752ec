// End-to-end harness: serves dist/ on loopback, drives Debian's headless Chromium with
// playwright-core, records console errors and every network request, runs axe-core, and
// saves screenshots under target/e2e-screenshots/.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";

const DEFAULT_DIST = new URL("../../dist/", import.meta.url).pathname;
/** The public build: `trunk build --release --no-default-features` (no patient-level code). */
export const PUBLIC_DIST = new URL("../../target/dist-public/", import.meta.url).pathname;
export const SCREENSHOTS = new URL("../../target/e2e-screenshots/", import.meta.url).pathname;
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".csv": "text/csv",
};

/**
 * Serves a built app (dist/ by default) like a static host, with single-page-app
 * fallback to index.html.
 */
export async function startServer(DIST = DEFAULT_DIST) {
  if (!existsSync(join(DIST, "index.html"))) throw new Error(`${DIST}index.html missing: run \`trunk build --release\` first`);
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(DIST, path);
    // A folder's index.html, as a static host serves a pre-rendered route; else the app.
    if (existsSync(file) && statSync(file).isDirectory() && existsSync(join(file, "index.html"))) file = join(file, "index.html");
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, "index.html");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(await readFile(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/**
 * Opens a page that records console errors, page errors and every request.
 * `viewport` defaults to a laptop screen.
 */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("request", (req) => requests.push(req.url()));
  return { context, page, errors, requests, origin };
}

/**
 * The path with `demo=illustrative` added: the app opens the synthetic city of the first
 * default (the paper's structure, illustrative values) as a named demonstration. Tests
 * that need its shape (48 months of every series, the 2020 dip, equity coverage) ask for
 * it explicitly; the default is the published record.
 */
export function demo(path) {
  return path + (path.includes("?") ? "&" : "?") + "demo=illustrative";
}

/**
 * Navigates and waits until the app has rendered its main heading (on a pre-rendered
 * site, once the app has taken the page over from its static copy).
 */
export async function visit(session, path) {
  await session.page.goto(session.origin + path, { waitUntil: "load" });
  await session.page.waitForFunction(() => !document.getElementById("atlas-prerendered"), null, { timeout: 30_000 });
  await session.page.waitForSelector("main h1", { timeout: 30_000 });
}

/** Requests that left the app's own origin (should always be none). */
export function foreignRequests(session) {
  return session.requests.filter((url) => !url.startsWith(session.origin) && !url.startsWith("data:") && !url.startsWith("blob:"));
}

const AXE = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/**
 * WCAG 2.x A/AA violations on the current page, via axe-core. `allowed` lists
 * [rule id, CSS selector] pairs whose findings are accepted; each use must say which
 * WCAG exception applies. Every other rule and node is checked.
 */
export async function axeViolations(page, allowed = []) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async (allowed) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      // An id used twice breaks labels and ARIA references; axe no longer runs these by
      // default, so ask for them.
      rules: { "duplicate-id": { enabled: true }, "duplicate-id-aria": { enabled: true }, "duplicate-id-active": { enabled: true } },
    });
    return result.violations
      .map((v) => ({
        ...v,
        nodes: v.nodes.filter((n) => {
          const el = document.querySelector(n.target.join(" "));
          return !allowed.some(([rule, selector]) => rule === v.id && el?.matches(selector));
        }),
      }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => ({ id: v.id, help: v.help, count: v.nodes.length, example: String(v.nodes[0].target) }));
  }, allowed);
  return violations.map((v) => `${v.id}: ${v.help} (${v.count}) e.g. ${v.example}`);
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Opens a chart's table view (built when first opened) and waits for its rows. */
export async function openTableView(scope) {
  await scope.locator(".atlas-figure__table summary").first().click();
  await scope.locator(".atlas-figure__table tbody tr").first().waitFor();
}

/**
 * The user's files of the comparator tests: three practices of one PCN (1,890 of 2,100,
 * 340 of 1,700 and 1,020 of 2,000: 90%, 20% and 51%) with one measure, flu vaccination
 * at 65 and over, and England's value of it, `england` (%).
 */
export function fluWithEngland(england) {
  return {
    "practices.csv": "practice_code,practice_name,pcn_code,pcn_name,list_size\r\nC82005,Groby Road,U87499,G3 PCN,10500\r\nC82008,Oakmeadow,U87499,G3 PCN,8300\r\nC82010,Westcotes,U87499,G3 PCN,9100\r\n",
    "indicators.csv": `indicator_id,area_code,period,numerator,denominator,value\r\nflu_65,C82005,2022/23,1890,2100,\r\nflu_65,C82008,2022/23,340,1700,\r\nflu_65,C82010,2022/23,1020,2000,\r\nflu_65,E92000001,2022/23,,,${england}\r\n`,
    "indicator_metadata.csv": "indicator_id,name,domain,unit,polarity\r\nflu_65,Flu vaccination uptake (aged 65+),quality,proportion,high is good\r\n",
  };
}

/**
 * Opens a new page and loads `files` ({ name: text }, written to a temporary folder) on
 * the Data page, waiting until they are read; returns the page's session.
 */
export async function loadOwnFiles(browser, origin, files) {
  const dir = await mkdtemp(join(tmpdir(), "atlas-files-"));
  const paths = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, text);
    paths.push(path);
  }
  const session = await openPage(browser, origin);
  await visit(session, "/data");
  await session.page.setInputFiles("#data-files", paths);
  await session.page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  return session;
}

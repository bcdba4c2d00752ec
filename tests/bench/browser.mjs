// Browser benchmarks (not part of the test suite; machines are shared and noisy):
// loads large files through the real page and worker path in headless Chromium and
// prints figures.
//
//   node tests/bench/browser.mjs [--workers N] [--only ingest|risk] [--appointments FILE]
//   (after `trunk build --release`; `--appointments` measures another crosstab, such as a
//   500 MB one written by `INGEST_BENCH_ROWS=2530000 cargo run --profile worker-release -p
//   atlas-core --example ingest_bench FILE`)
//
// 1. Ingest: a deterministic 2,000,000-row practice-level appointments CSV (written by
//    `cargo run --release -p atlas-core --example ingest_bench target/bench/appointments.csv`)
//    chosen on the Data page: time from choosing the file to "Loaded", MB/s, and the peak
//    resident memory of all Chromium processes.
//    The same file in DuckDB-WASM (npm @duckdb/duckdb-wasm, loaded from node_modules, no
//    CDN) in the same browser: `read_csv` plus a group-by per practice; the ratio.
// 2. Risk: a deterministic 1,000,000-patient file (written by `cargo run --release -p
//    atlas-core --example synthetic_patients -- 1000000 target/bench/patients.csv`) chosen on
//    the Risk page: the worker's parse, scoring and cohort times, and the page's total.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { extname } from "node:path";
import { createReadStream, existsSync, statSync, readdirSync, readFileSync } from "node:fs";
import { startServer, launchBrowser, openPage, visit } from "../e2e/harness.mjs";

const root = new URL("../../", import.meta.url).pathname;
const dir = `${root}target/bench`;
const chosen = process.argv.indexOf("--appointments");
const appointments = chosen > 0 ? process.argv[chosen + 1] : `${dir}/appointments.csv`;
const patients = `${dir}/patients.csv`;
const cargo = (args) => execFileSync("cargo", args, { cwd: root, stdio: "inherit" });
execFileSync("mkdir", ["-p", dir]);
if (!existsSync(appointments)) cargo(["run", "-q", "--release", "-p", "atlas-core", "--example", "ingest_bench", appointments]);
if (!existsSync(patients)) cargo(["run", "-q", "--release", "-p", "atlas-core", "--example", "synthetic_patients", "--", "1000000", patients]);

/** Resident memory (kB) of every Chromium process, summed. */
function chromiumRssKb() {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (!/^Name:\s*(chromium|chrome)/m.test(status)) continue;
      total += Number(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? 0);
    } catch { /* the process ended */ }
  }
  return total;
}

async function measure(label, action) {
  let peak = chromiumRssKb();
  const before = peak;
  const sampler = setInterval(() => { peak = Math.max(peak, chromiumRssKb()); }, 50);
  const t0 = performance.now();
  await action();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { label, seconds, peakMb: peak / 1024, beforeMb: before / 1024 };
}

/** Serves the repository root (for the DuckDB page and node_modules), nothing else. */
async function startRepoServer() {
  const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
  const repo = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.includes("..")) { res.writeHead(403); return res.end(); }
    try {
      const body = readFileSync(root + path.slice(1));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((resolve) => repo.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${repo.address().port}`, close: () => new Promise((r) => repo.close(r)) };
}

const ROUNDS = 3;
// `--workers N` reads the large file with N workers instead of one per core.
const at = process.argv.indexOf("--workers");
const WORKERS = at > 0 ? Number(process.argv[at + 1]) : undefined;
// `--only ingest` or `--only risk` runs one of the two.
const only = process.argv.indexOf("--only");
const ONLY = only > 0 ? process.argv[only + 1] : undefined;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Ours: choose the file on the Data page; seconds to "Loaded", and where the time went. */
async function ours(browser, origin, workers) {
  const s = await openPage(browser, origin);
  await visit(s, workers ? `/data?workers=${workers}` : "/data");
  // The page's own clock from the file input's change event to "Loaded" on screen.
  await s.page.evaluate(() => {
    window.benchClock = {};
    document.getElementById("data-files").addEventListener("change", () => { window.benchClock.chosen = performance.now(); }, { capture: true });
    new MutationObserver(() => {
      if (!window.benchClock.shown && document.querySelector(".atlas-status--ok")) window.benchClock.shown = performance.now();
    }).observe(document.body, { subtree: true, childList: true });
  });
  const ingest = await measure("ingest", async () => {
    await s.page.setInputFiles("#data-files", appointments);
    await s.page.waitForSelector(".atlas-status--ok, [role=alert]", { timeout: 600_000 });
  });
  const times = await s.page.locator("#load-outcome").evaluate((e) => ({
    total: +e.dataset.totalMs, workers: +e.dataset.workers, reading: +e.dataset.readingMs, parsing: +e.dataset.parsingMs, waiting: +e.dataset.waitingMs,
    combining: +e.dataset.combiningMs, handing: +e.dataset.handingOverMs,
  }));
  times.shown = await s.page.evaluate(() => window.benchClock.shown - window.benchClock.chosen);
  await s.context.close();
  return { ...ingest, times };
}

/** DuckDB-WASM: the same file, `read_csv` + a group-by per practice; seconds for the query. */
async function duckdb(browser, origin, file = appointments, query = "SELECT GP_CODE, SUM(COUNT_OF_APPOINTMENTS) AS appointments FROM read_csv('input.csv', header = true) GROUP BY GP_CODE") {
  const d = await openPage(browser, origin);
  await d.page.goto(`${origin}/tests/bench/duckdb.html`);
  await d.page.waitForFunction(() => window.duckdbReady === true, null, { timeout: 60_000 });
  await d.page.setInputFiles("#file", file);
  const duck = await d.page.evaluate((q) => window.runDuckdb(q), query);
  await d.context.close();
  return { seconds: duck.ms / 1000, rows: duck.rows };
}

// Both read the file from the operating system's cache: read it once before measuring.
for await (const _ of createReadStream(appointments, { highWaterMark: 1 << 24 })) { /* warm */ }

const server = await startServer();
const browser = await launchBrowser();
try {
  if (ONLY !== "risk") {
  const mb = statSync(appointments).size / 1e6;
  const repo = await startRepoServer();
  const mine = [];
  const theirs = [];
  try {
    // Alternating rounds, so that a busy moment on a shared machine hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      const ingest = await ours(browser, server.origin, WORKERS);
      mine.push(ingest);
      const t = ingest.times;
      const rest = ingest.seconds * 1000 - t.reading - t.parsing - t.waiting - t.combining - t.handing;
      const s = (ms) => (ms / 1000).toFixed(2);
      console.log(`ingest round ${round + 1}: ${mb.toFixed(1)} MB appointments CSV in ${s(t.total)} s = ${(mb * 1000 / t.total).toFixed(1)} MB/s in the page (${s(t.shown)} s to "Loaded" on screen; ${ingest.seconds.toFixed(2)} s as the harness sees it) through ${t.workers} worker(s), to the workspace on the page; of which, in worker 0: the browser reading its part ${s(t.reading)} s, parsing + validating ${s(t.parsing)} s, waiting for the other workers' pieces ${s(t.waiting)} s, putting pieces together + combining + JSON ${s(t.combining)} s; the page taking it over ${s(t.handing)} s; the rest (starting, messages, drawing) ${s(rest)} s; Chromium resident memory ${ingest.beforeMb.toFixed(0)} MB before, peak ${ingest.peakMb.toFixed(0)} MB`);
      const duck = await duckdb(browser, repo.origin);
      theirs.push(duck.seconds);
      console.log(`duckdb-wasm round ${round + 1}: same file, read_csv + group by practice: ${duck.seconds.toFixed(2)} s = ${(mb / duck.seconds).toFixed(1)} MB/s (${duck.rows} practices)`);
    }
  } finally {
    await repo.close();
  }
  const ourSeconds = median(mine.map((m) => m.seconds));
  const ourInPage = median(mine.map((m) => m.times.total / 1000));
  const duckSeconds = median(theirs);
  console.log(`ingest, median of ${ROUNDS}: in the page ${ourInPage.toFixed(2)} s = ${(mb / ourInPage).toFixed(1)} MB/s (from the file chosen to the workspace on the page, timed by the page); as the test harness sees it ${ourSeconds.toFixed(2)} s = ${(mb / ourSeconds).toFixed(1)} MB/s (adds choosing the file over the DevTools protocol, drawing the page and noticing it); DuckDB-WASM ${duckSeconds.toFixed(2)} s = ${(mb / duckSeconds).toFixed(1)} MB/s (its query, timed by the page)`);
  console.log(`ratio: Primary Care Atlas ingest is ${(duckSeconds / ourInPage).toFixed(2)}× the speed of DuckDB-WASM on this file, both timed in the page from the file chosen to the result (${(duckSeconds / ourSeconds).toFixed(2)}× as the harness sees ours)`);
  }

  if (ONLY !== "ingest") {
  const pmb = statSync(patients).size / 1e6;
  const repo2 = await startRepoServer();
  const ourRisk = [];
  const ourParse = [];
  const theirRisk = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const r = await openPage(browser, server.origin);
      await visit(r, WORKERS ? `/risk?workers=${WORKERS}` : "/risk");
      const risk = await measure("risk", async () => {
        await r.page.setInputFiles("#patient-file", patients);
        await r.page.waitForSelector("#risk-timings", { timeout: 600_000 });
      });
      const t = await r.page.locator("#risk-timings").evaluate((e) => ({ parse: +e.dataset.parseMs, reading: +e.dataset.readingMs, waiting: +e.dataset.waitingMs, combining: +e.dataset.combiningMs, parts: +e.dataset.parts, score: +e.dataset.scoreMs, cohort: +e.dataset.cohortMs }));
      await r.context.close();
      const worker = (t.parse + t.score + t.cohort) / 1000;
      ourRisk.push(worker);
      ourParse.push(t.parse / 1000);
      console.log(`risk round ${round + 1}: 1,000,000 patients (${pmb.toFixed(1)} MB): reading + parsing + validating ${(t.parse / 1000).toFixed(2)} s = ${(pmb * 1000 / t.parse).toFixed(1)} MB/s in ${t.parts} part(s) at once (in the scorer: the browser handing over its part ${(t.reading / 1000).toFixed(2)} s, parsing + validating it ${((t.parse - t.reading - t.waiting - t.combining) / 1000).toFixed(2)} s, waiting for the other parts ${(t.waiting / 1000).toFixed(2)} s, putting the parts together ${(t.combining / 1000).toFixed(2)} s), score ${(t.score / 1000).toFixed(3)} s, cohort + summary ${(t.cohort / 1000).toFixed(3)} s; in the worker ${worker.toFixed(2)} s; after parsing ${((t.score + t.cohort) / 1000).toFixed(3)} s; page total as the harness sees it ${risk.seconds.toFixed(2)} s; Chromium peak ${risk.peakMb.toFixed(0)} MB`);
      const duck = await duckdb(browser, repo2.origin, patients,
        "SELECT practice_code, COUNT(*) AS patients, SUM(cms_diabetes) AS diabetes FROM read_csv('input.csv', header = true) GROUP BY practice_code");
      theirRisk.push(duck.seconds);
      console.log(`duckdb-wasm round ${round + 1}: same patient file, read_csv + count per practice: ${duck.seconds.toFixed(2)} s = ${(pmb / duck.seconds).toFixed(1)} MB/s (${duck.rows} practices)`);
    }
  } finally {
    await repo2.close();
  }
  const ourRiskSeconds = median(ourRisk);
  const duckRiskSeconds = median(theirRisk);
  const ourParseSeconds = median(ourParse);
  console.log(`risk, median of ${ROUNDS}: reading + parsing + validating ${ourParseSeconds.toFixed(2)} s = ${(pmb / ourParseSeconds).toFixed(1)} MB/s; ${ourRiskSeconds.toFixed(2)} s in the worker (read, parse, validate, score, cohort) = ${(pmb / ourRiskSeconds).toFixed(1)} MB/s; DuckDB-WASM ${duckRiskSeconds.toFixed(2)} s = ${(pmb / duckRiskSeconds).toFixed(1)} MB/s`);
  console.log(`ratio: the patient file in Primary Care Atlas is ${(duckRiskSeconds / ourRiskSeconds).toFixed(2)}× the speed of DuckDB-WASM reading it and counting per practice`);
  }
} finally {
  await browser.close();
  await server.close();
}

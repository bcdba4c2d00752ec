// The Inequalities page: a measure by deprivation fifth of practices with the slope index
// of inequality, on real files (IMD 2019 from Fingertips, QOF prevalence 2022-23), and in
// words when the data have no deprivation score.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo } from "./harness.mjs";

const REALDATA = new URL("../../../shared/realdata/", import.meta.url).pathname;
const IMD = join(REALDATA, "fingertips-export-sample/indicator-data_gp-imd2019_leicester.csv");
const CUTS = new URL("../../crates/atlas-core/data/leicester-city/qof-2022-23/", import.meta.url).pathname;
const QOF = [join(CUTS, "PREVALENCE_2223_04C.csv"), join(CUTS, "MAPPING_NHS_GEOGRAPHIES_2223_04C.csv")];

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test("without deprivation scores the page says what to load, in words", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, demo("/inequalities"));
  assert.match(await page.locator("h1").innerText(), /^Inequalities by deprivation in /);
  assert.match(await page.locator("main").innerText(), /no deprivation score for at least five practices: load the Fingertips data export of "Deprivation score \(IMD 2019\)"/);
  assert.equal(await page.locator("#inequalities-chart").count(), 0);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("the published default shows each measure by deprivation fifth, pooled at the latest period with counts", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/inequalities");
  assert.equal(await page.locator("h1").innerText(), "Inequalities by deprivation in Leicester City");
  await page.waitForSelector("#inequalities-chart");
  const figure = page.locator(".atlas-figure", { has: page.locator("#inequalities-chart") });
  assert.equal(await figure.locator("svg rect.bar[data-index]").count(), 5);
  assert.match(await page.locator("#inequalities-indices").innerText(), /^Slope index of inequality -?[\d.]+ \(95% interval .+\)/);
  // Dementia's latest counts are 2022/23 (2024/25 is published as percentages only).
  await visit(session, "/inequalities?measure=register_dementia");
  await page.waitForSelector("#inequalities-chart");
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /Dementia register \(recorded prevalence\) \(2022\/23\)/);
  assert.match(await figure.innerText(), /Source: .*National General Practice Profiles \(Fingertips\)|Fingertips/);
  await screenshot(page, "inequalities-default");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("on IMD 2019 and QOF prevalence, a measure by deprivation fifth with its slope index", { skip: !existsSync(IMD) && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  await page.setInputFiles("#data-files", [IMD, ...QOF]);
  await page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Inequalities" }).click();
  await page.waitForSelector("#inequalities-chart");
  const figure = page.locator(".atlas-figure", { has: page.locator("#inequalities-chart") });
  assert.equal(await figure.locator("svg rect.bar[data-index]").count(), 5);
  const summary = await figure.locator(".atlas-figure__summary").innerText();
  assert.match(summary, /^In .+, .+ \(2022\/23\) is [\d.,]+ percentage points (higher|lower) at the least deprived end of the practices' population than at the most deprived.*slope index of inequality -?[\d.]+, 95% interval -?[\d.]+ to -?[\d.]+.*This describes a gradient, not its cause\.$/);
  assert.match(await page.locator("#inequalities-indices").innerText(), /^Slope index of inequality -?[\d.]+ \(95% interval .+\); relative index of inequality [\d.]+/);
  // The table: five fifths, most deprived first, between them every practice of the
  // QOF mapping that has an IMD score (counted here from the two files' rows).
  const cells = (line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, ""));
  const table = async (file) => (await readFile(file, "utf8")).trim().split(/\r?\n/).map(cells);
  const [mapHeader, ...mapRows] = await table(QOF[1]);
  const [imdHeader, ...imdRows] = await table(IMD);
  const mapped = mapRows.map((r) => r[mapHeader.indexOf("PRACTICE_CODE")]);
  const scored = new Set(imdRows.filter((r) => r[imdHeader.indexOf("Area Type")] === "GP").map((r) => r[imdHeader.indexOf("Area Code")]));
  const expected = mapped.filter((code) => scored.has(code)).length;
  assert.ok(expected >= 50, `${expected} practices`);
  await openTableView(figure);
  const rows = figure.locator("tbody tr");
  assert.equal(await rows.count(), 5);
  assert.equal(await rows.first().locator("td").first().innerText(), "1 (most deprived)");
  const practices = (await rows.locator("td:nth-child(3)").allInnerTexts()).map((t) => Number(t.split(" of ")[1]));
  assert.equal(practices.reduce((a, b) => a + b, 0), expected);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines[0], "Deprivation fifth,IMD 2019 score,Practices,Registered patients,Numerator,Denominator,Value,Lower 95%,Upper 95%,Source");
  assert.equal(lines.length, 6);
  await screenshot(page, "inequalities");
  assert.deepEqual(await axeViolations(page), []);
  // Another measure: in the address, and the chart follows.
  const second = await page.locator("#inequalities-measure option").nth(1).getAttribute("value");
  const title = await figure.locator(".atlas-figure__title").innerText();
  await page.locator("#inequalities-measure").selectOption(second);
  await page.waitForURL(new RegExp(`/inequalities\\?measure=${second}$`));
  await page.waitForFunction((before) => document.querySelector(".atlas-figure__title")?.innerText !== before, title);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await visit(session, "/data");
  await page.locator("#clear-data").click();
  await session.context.close();
});

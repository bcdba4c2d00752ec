import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/"));
});
after(async () => { await browser?.close(); await server?.close(); });

test("overview shows 10 PCNs, 55 practices and both population figures", async () => {
  const { page } = session;
  const headline = await page.locator(".atlas-headline").innerText();
  assert.match(headline, /10\s+primary care networks/);
  assert.match(headline, /55\s+practices/);
  assert.match(headline, /416,470/);
  assert.match(headline, /426,000/);
  const note = await page.locator("#population-reconciliation").innerText();
  assert.match(note, /9,530/);
  assert.match(await page.locator(".atlas-source").innerText(), /illustrative/i);
});

test("the PCN bar chart has 10 bars and its table sums to 416,470", async () => {
  const { page } = session;
  const bars = await page.locator("#pcn-chart svg rect.bar[data-index]").count();
  assert.equal(bars, 10);
  assert.equal(await page.locator("#pcn-chart svg[role=img] title").count() >= 1, true);
  await openTableView(page.locator(".atlas-figure").first());
  const cells = await page.locator(".atlas-figure__table table tbody tr td:nth-child(4)").allInnerTexts();
  assert.equal(cells.length, 10);
  const total = cells.map((c) => Number(c.replace(/,/g, ""))).reduce((a, b) => a + b, 0);
  assert.equal(total, 416_470);
});

test("the practice table lists 55 practices and sorts by list size", async () => {
  const { page } = session;
  const rows = page.locator("#practice-table tbody tr");
  assert.equal(await rows.count(), 55);
  const header = page.locator("#practice-table thead th").nth(4);
  await header.locator("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  const sizes = (await page.locator("#practice-table tbody td:nth-child(5)").allInnerTexts()).map((t) => Number(t.replace(/,/g, "")));
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
  const sum = sizes.reduce((a, b) => a + b, 0);
  assert.equal(sum, 416_470);
});

test("the chart's CSV download matches its table", async () => {
  const { page } = session;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download data (CSV)" }).first().click(),
  ]);
  assert.equal(download.suggestedFilename(), "pcn-list-sizes.csv");
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split(/\r\n/);
  assert.equal(lines[0], "PCN,ODS code,Practices,List size");
  assert.equal(lines.length, 11);
  const total = lines.slice(1).map((l) => Number(l.split(",").at(-1))).reduce((a, b) => a + b, 0);
  assert.equal(total, 416_470);
});

test("the chart downloads as a PNG at twice its size", async () => {
  const { page } = session;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download chart (PNG)" }).first().click(),
  ]);
  assert.equal(download.suggestedFilename(), "pcn-list-sizes.png");
  const png = await readFile(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The IHDR chunk holds width and height: twice the chart's 760 px width.
  assert.equal(png.readUInt32BE(16), 1520);
  assert.ok(png.length > 10_000, `${png.length} bytes`);
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await screenshot(session.page, "overview");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("overview fits a 320 px wide screen", async () => {
  const narrow = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  await visit(narrow, demo("/"));
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(narrow.page, "overview-320px");
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  // Targets stay 24 px or apart when the header's items stack.
  assert.deepEqual(await axeViolations(narrow.page), []);
  await narrow.context.close();
});

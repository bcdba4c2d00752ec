import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/equity"));
});
after(async () => { await browser?.close(); await server?.close(); });

test("equity shows every PCN's baseline, target, latest and gap, with the target rule", async () => {
  const { page } = session;
  assert.match(await page.locator("#equity-target-rule").innerText(), /closes half the gap/);
  assert.match(await page.locator("#equity-illustrative").innerText(), /illustrative/i);
  const options = await page.locator("#equity-indicator option").allInnerTexts();
  assert.equal(options.length, 6);
  assert.equal(await page.locator("#equity-table tbody tr").count(), 10);
  const headers = await page.locator("#equity-table thead th").allInnerTexts();
  for (const h of ["Baseline", "Target", "Latest", "Gap to best"]) assert.ok(headers.some((x) => x.includes(h)), h);
  // One PCN is the best: its gap is 0.0.
  const gaps = await page.locator("#equity-table tbody td:nth-child(7)").allInnerTexts();
  assert.ok(gaps.includes("0.0"), gaps.join(" "));
  assert.match(await page.locator("#equity-sentence").innerText(), /of 10 PCNs/);
});

test("the spread chart has its sentence, three series and a table", async () => {
  const { page } = session;
  const figure = page.locator(".atlas-figure").first();
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /percentage points/);
  assert.equal(await page.locator("#equity-chart svg[role=img]").count(), 1);
  await openTableView(figure);
  const rows = await figure.locator("table tbody tr").count();
  assert.ok(rows >= 4, `spread rows: ${rows}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  // Every row says where its figures come from.
  assert.equal(lines[0], "Period,Lowest PCN (%),Highest PCN (%),Range (percentage points),Source");
  assert.equal(lines.length - 1, rows);
  assert.ok(lines.slice(1).every((line) => line.split(",").length > 4), lines[1]);
  assert.match(await figure.locator(".atlas-figure__source").innerText(), /\S/);
});

test("the PCN table's CSV agrees with it and it sorts by gap", async () => {
  const { page } = session;
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#equity-download").click()]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines[0], "PCN code,PCN,Baseline 2021/22 (%),Target 2023/24 (%),Latest period,Latest (%),Gap to best PCN (percentage points)");
  assert.equal(lines.length, 11);
  const header = page.locator("#equity-table thead th").nth(6);
  await header.locator("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  const gaps = (await page.locator("#equity-table tbody td:nth-child(7)").allInnerTexts()).map(Number);
  assert.deepEqual(gaps, [...gaps].sort((a, b) => b - a));
});

test("the measure lives in the URL", async () => {
  const { page } = session;
  await page.selectOption("#equity-indicator", "smi_health_checks");
  await page.waitForURL(/indicator=smi_health_checks/);
  assert.match(await page.locator("#equity-table-title").innerText(), /mental illness|SMI/i);
  await visit(session, demo("/equity?indicator=cancer_screening_breast"));
  assert.equal(await page.locator("#equity-indicator").inputValue(), "cancer_screening_breast");
  assert.match(await page.locator("#equity-table-title").innerText(), /breast/i);
  assert.match(await page.locator(".atlas-figure__title").first().innerText(), /breast/i);
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await visit(session, demo("/equity"));
  await screenshot(session.page, "equity");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("equity fits a 320 px wide screen", async () => {
  const narrow = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  await visit(narrow, demo("/equity"));
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(narrow.page, "equity-320px");
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await narrow.context.close();
});

// The Workforce page on the published default: every PCN with staff published, its
// additional-roles staff per 10,000 patients, one PCN's roles, sources, and the GP link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, "/workforce");
});
after(async () => { await browser?.close(); await server?.close(); });

test("each PCN's additional-roles staff per 10,000 patients, with its source and a row per PCN", async () => {
  const { page } = session;
  assert.match(await page.locator("h1").innerText(), /^Workforce in /);
  const figure = page.locator("figure", { has: page.locator("#workforce-by-pcn") });
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /has the most staff in additional roles per 10,000 patients \([\d.]+\) and .* the fewest/);
  assert.match(await figure.locator(".atlas-figure__source").innerText(), /Primary Care Networks? workforce/i);
  await openTableView(figure);
  const rows = await figure.locator("tbody tr").count();
  assert.ok(rows >= 5, `rows: ${rows}`);
  // PCNs without staff published are named, not dropped silently.
  const without = await page.locator("#workforce-without-staff").innerText();
  assert.match(without, new RegExp(`^No staff are published for ${10 - rows} of the 10 PCNs: .*PCN\\.$`));
  // A row's name leads to the PCN's profile.
  assert.match(await figure.locator("tbody tr a").first().getAttribute("href"), /^\/pcns\/U\d+$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.match(lines[0], /^PCN,ODS code,Month,Additional roles \(FTE\),All staff \(FTE\),Patients,"Additional roles per 10,000 patients",Source$/);
  assert.equal(lines.length - 1, rows);
  await screenshot(page, "workforce");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(page), []);
});

test("choosing a PCN shows its staff by role, and the URL keeps the choice", async () => {
  const { page } = session;
  const select = page.locator("#workforce-pcn");
  const last = await select.locator("option").last().getAttribute("value");
  const name = await select.locator("option").last().innerText();
  await select.selectOption(last);
  await page.waitForURL(new RegExp(`pcn=${last}`));
  const roles = page.locator("figure", { has: page.locator("#workforce-roles") });
  assert.match(await roles.locator(".atlas-figure__summary").innerText(), new RegExp(`${name} employed [\\d.]+ full-time equivalent staff`));
  assert.match(await roles.locator(".atlas-figure__title").innerText(), new RegExp(name));
  assert.match(await page.locator("#workforce-gps a").getAttribute("href"), /^\/variation\?indicator=/);
  await screenshot(page, "workforce-pcn");
});

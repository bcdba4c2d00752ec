import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, demo } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/pcns"));
});
after(async () => { await browser?.close(); await server?.close(); });

test("the PCN list shows 10 PCNs whose list sizes add up to 416,470", async () => {
  const { page } = session;
  const rows = page.locator("#pcn-list tbody tr");
  assert.equal(await rows.count(), 10);
  const sizes = (await page.locator("#pcn-list tbody td:nth-child(4)").allInnerTexts()).map((t) => Number(t.replace(/,/g, "")));
  assert.equal(sizes.reduce((a, b) => a + b, 0), 416_470);
  const practices = (await page.locator("#pcn-list tbody td:nth-child(3)").allInnerTexts()).map(Number);
  assert.equal(practices.reduce((a, b) => a + b, 0), 55);
  await screenshot(page, "pcns");
});

test("a PCN's profile: practices with links, chart, scorecard and equity rows", async () => {
  const { page } = session;
  const first = page.locator("#pcn-list tbody tr").first();
  const name = (await first.locator("th a").innerText()).trim();
  const code = (await first.locator("td").first().innerText()).trim();
  const count = Number(await first.locator("td:nth-child(3)").innerText());
  await first.locator("th a").click();
  await page.waitForURL(new RegExp(`/pcns/${code}$`));
  assert.equal((await page.locator("main h1").innerText()).trim(), name);
  assert.match(await page.locator("#pcn-facts").innerText(), new RegExp(`${count} practices`));
  const links = page.locator("#pcn-practices tbody a");
  assert.equal(await links.count(), count);
  assert.match(await links.first().getAttribute("href"), /^\/practices\/[A-Z]\d{5}$/);
  assert.equal(await page.locator("#practice-chart svg rect.bar[data-index]").count(), count);
  assert.match(await page.locator(".atlas-figure__summary").innerText(), /registered patients/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.match(lines[0], /^Practice,ODS code,List size/);
  assert.equal(lines.length - 1, count);
  assert.ok((await page.locator("#pcn-scorecard tbody tr").count()) > 5);
  assert.match(await page.locator("#pcn-score").innerText(), /rank \d+ of 10 PCNs/);
  const words = await page.locator("#pcn-scorecard tbody td:nth-child(6)").allInnerTexts();
  for (const w of words) assert.match(w, /^(Better|Worse|Similar|Higher|Lower|Not compared|Not reported|suppressed)/);
  assert.equal(await page.locator("#pcn-equity tbody tr").count(), 6);
  await screenshot(page, "pcn-profile");
  assert.deepEqual(await axeViolations(page), []);
});

test("an unknown PCN code says so and links back", async () => {
  const { page } = session;
  await visit(session, demo("/pcns/NOPE1"));
  assert.match(await page.locator("main h1").innerText(), /PCN not found/);
  assert.match(await page.locator("#pcn-not-found").innerText(), /NOPE1/);
  await page.getByRole("link", { name: "Go to the list of PCNs" }).click();
  await page.waitForURL(/\/pcns$/);
  assert.equal(await page.locator("#pcn-list tbody tr").count(), 10);
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("the PCN pages fit a 320 px wide screen", async () => {
  const narrow = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  for (const path of ["/pcns", "/pcns/U00147"]) {
    await visit(narrow, path);
    const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`);
  }
  await screenshot(narrow.page, "pcn-profile-320px");
  assert.deepEqual(narrow.errors, []);
  await narrow.context.close();
});

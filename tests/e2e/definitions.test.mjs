// The Definitions pages on the published default: every measure listed and defined, and
// a chart's definition link leading to its measure's page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView } from "./harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test("every measure is listed, and each opens its definition with every field in words", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/definitions");
  assert.equal(await page.locator("h1").innerText(), "Definitions of the measures for Leicester City");
  const links = page.locator(".atlas-definitions-table tbody a");
  assert.ok((await links.count()) >= 50, `${await links.count()} measures`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, "definitions");
  // A QOF register: its own words, its SPC rule and its caveat about recorded prevalence.
  await page.locator(".atlas-definitions-table a", { hasText: "Dementia register (recorded prevalence)" }).click();
  await page.waitForURL(/\/definitions\/register_dementia$/);
  assert.equal(await page.locator("h1").innerText(), "Dementia register (recorded prevalence)");
  const keys = await page.locator("#definition dt").allInnerTexts();
  assert.deepEqual(keys, ["Definition", "Numerator", "Denominator", "Unit", "Direction", "Periods", "Source", "Confidence intervals", "Benchmarking"]);
  const text = await page.locator("#definition").innerText();
  assert.match(text, /Quality and Outcomes Framework register of dementia/);
  assert.match(text, /Wilson score interval/);
  assert.match(text, /SPC for proportions at 99\.8%/);
  assert.match(text, /Quality and Outcomes Framework.*NHS England/s);
  assert.match(await page.locator("#definition-caveats").innerText(), /Recorded prevalence counts the patients diagnosed and coded/);
  await screenshot(page, "definition");
  assert.deepEqual(await axeViolations(page), []);
  // An unknown measure says so.
  await visit(session, "/definitions/no_such");
  assert.match(await page.locator("main").innerText(), /These data have no measure "no_such"/);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

test("a chart's definition link opens its measure's definition", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/variation");
  const link = page.locator(".atlas-figure .atlas-definitions a").first();
  const name = await link.innerText();
  await link.click();
  await page.waitForURL(/\/definitions\/[a-z0-9_]+$/);
  assert.equal(await page.locator("h1").innerText(), name);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("trajectory cards and a practice's measures lead to their definitions", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/trajectories");
  const hrefs = await page.locator(".atlas-card .atlas-definitions a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.includes("/definitions/appointments_per_1000_week"), hrefs.join());
  await visit(session, "/practices/C82024");
  const spine = page.locator(".atlas-figure", { has: page.locator("#profile-spine") });
  await openTableView(spine);
  const first = spine.locator("tbody tr td a").first();
  const name = await first.innerText();
  await first.click();
  await page.waitForURL(/\/definitions\/[a-z0-9_]+$/);
  assert.equal(await page.locator("h1").innerText(), name);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

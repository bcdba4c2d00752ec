// The Scorecard, Equity, Priorities, PCN and Briefing pages on the user's own files (registrations
// and the practice map: structure, no indicators): they say what is missing, never fail.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot } from "./harness.mjs";

const REALDATA = new URL("../../../shared/realdata/", import.meta.url).pathname;
const REGISTRATIONS = join(REALDATA, "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv");
const MAP = join(REALDATA, "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_leicester04C.csv");
const haveRealData = existsSync(REGISTRATIONS) && existsSync(MAP);

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test("the analysis pages work on uploaded structure-only data", { skip: !haveRealData && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  await page.setInputFiles("#data-files", [REGISTRATIONS, MAP]);
  await page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  const nav = page.getByRole("navigation", { name: "Pages" });

  await nav.getByRole("link", { name: "Scorecard" }).click();
  await page.waitForSelector("#scorecard-table");
  assert.equal(await page.locator("#scorecard-illustrative").count(), 0);
  assert.ok((await page.locator("#scorecard-table tbody tr").count()) >= 55);

  await nav.getByRole("link", { name: "Equity" }).click();
  await page.waitForSelector("#equity-indicator");
  assert.match(await page.locator("main").innerText(), /none of the equity measures/);

  await nav.getByRole("link", { name: "Priorities" }).click();
  await page.waitForSelector("#priority-rule");
  assert.ok((await page.locator(".atlas-neighbourhood").count()) >= 1);

  await nav.getByRole("link", { name: "PCNs" }).click();
  await page.waitForSelector("#pcn-list");
  const pcns = await page.locator("#pcn-list tbody tr").count();
  assert.ok(pcns >= 1);
  await page.locator("#pcn-list tbody a").first().click();
  await page.waitForSelector("#pcn-practices");
  assert.ok((await page.locator("#pcn-practices tbody tr").count()) >= 1);
  assert.match(await page.locator("#pcn-no-equity").innerText(), /none of the equity measures/);
  await screenshot(page, "pcn-profile-uploaded");

  // The briefing: every slide, saying what structure alone cannot give.
  await nav.getByRole("link", { name: "Briefing" }).click();
  await page.waitForSelector("#slide-about");
  assert.equal(await page.locator(".atlas-slide").count(), 11);
  assert.equal(await page.locator(".atlas-slide .nhsuk-tag", { hasText: "Illustrative data" }).count(), 0);
  assert.match(await page.locator("#briefing-messages li").first().innerText(), /has \d+ PCNs? and \d+ practices? serving [\d,]+ registered patients\./);
  assert.match(await page.locator("#slide-access").innerText(), /no appointment data/);
  // Registrations carry postcodes, and the built-in Code-Point Open extract places them.
  assert.equal(await page.locator("#slide-map svg").count(), 1);
  assert.doesNotMatch(await page.locator("#slide-map").innerText(), /No practice in this workspace has a location/);
  assert.match(await page.locator("#slide-equity").innerText(), /none of the equity measures/);
  assert.match(await page.locator("#slide-about").innerText(), /Your data \(2 files\), loaded on the Your data page and held only in this browser/);
  await screenshot(page, "briefing-uploaded");

  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(page), []);
  // Leave the browser profile as it was.
  await visit(session, "/data");
  await page.locator("#clear-data").click();
  await session.context.close();
});

const ENGLAND_REGISTRATIONS = join(REALDATA, "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_england.csv");
const ENGLAND_MAP = join(REALDATA, "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_england.csv");
const haveEngland = existsSync(ENGLAND_REGISTRATIONS) && existsSync(ENGLAND_MAP);

test("England-wide registrations give an area choice: one area at a time, in the address", { skip: !haveEngland && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  await page.setInputFiles("#data-files", [ENGLAND_REGISTRATIONS, ENGLAND_MAP]);
  await page.waitForSelector(".atlas-status--ok", { timeout: 120_000 });
  const nav = page.getByRole("navigation", { name: "Pages" });
  await nav.getByRole("link", { name: "Overview" }).click();
  const choice = page.locator("#place-area");
  await choice.waitFor();
  // One option per CCG of the January 2022 map (counted in the Rust test from its rows).
  const options = await choice.locator("option").count();
  assert.ok(options > 100, `${options} areas`);
  assert.match(await page.locator("#place-area-hint").innerText(), new RegExp(`cover ${options} areas.*one at a time\\.$`));
  // Never the whole of England in one chart: the first area by name is shown.
  const bars = await page.locator("#pcn-chart svg rect.bar[data-index]").count();
  assert.ok(bars > 0 && bars < 40, `${bars} bars`);
  await choice.selectOption("04C");
  await page.waitForURL(/[?&]area=04C/);
  await page.waitForFunction(() => /57\s+practices/.test(document.querySelector(".atlas-headline")?.innerText ?? ""));
  const headline = await page.locator(".atlas-headline").innerText();
  assert.match(headline, /10\s+primary care networks/);
  assert.equal(await page.locator("h1").innerText(), "Primary care in NHS Leicester City CCG");
  await screenshot(page, "england-area-choice");
  assert.deepEqual(await axeViolations(page), []);
  // The choice stays as the user moves between pages, and a link with it opens it.
  await nav.getByRole("link", { name: "Practices" }).click();
  await page.waitForSelector("#practices-table");
  assert.equal(await page.locator("#practices-table tbody tr").count(), 57);
  // A link with the area opens it, once the files kept in this browser are restored.
  await visit(session, "/practices?area=04C");
  await page.waitForSelector("#place-area");
  await page.waitForFunction(() => document.querySelectorAll("#practices-table tbody tr").length === 57);
  assert.equal(await page.locator("#place-area").inputValue(), "04C");
  assert.deepEqual(session.errors, []);
  await visit(session, "/data");
  await page.locator("#clear-data").click();
  await session.context.close();
});

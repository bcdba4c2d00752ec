// The Briefing page: eleven slides with a sentence under every chart, each chart's
// table view and CSV, presenting one slide at a time by buttons and keys, and printing
// every slide on a page of its own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/briefing"));
});
after(async () => { await browser?.close(); await server?.close(); });

const visibleSlides = (page) => page.locator(".atlas-slide:visible");

test("eleven slides open with the key messages, each numbered and labelled illustrative", async () => {
  const { page } = session;
  assert.match(await page.locator("h1").innerText(), /^Briefing: primary care in Leicester City$/);
  const slides = page.locator(".atlas-slide");
  assert.equal(await slides.count(), 11);
  for (let i = 0; i < 11; i++) {
    const slide = slides.nth(i);
    assert.equal(await slide.locator(".atlas-slide__number").innerText(), `Slide ${i + 1} of 11`);
    assert.match(await slide.locator(".atlas-slide__footer").innerText(), /Leicester City · Illustrative data/);
  }
  const messages = await page.locator("#briefing-messages li").allInnerTexts();
  assert.equal(messages[0], "Leicester City has 10 PCNs and 55 practices serving 416,470 registered patients.");
  assert.ok(messages.length >= 6, messages.join("\n"));
  assert.ok(messages.some((m) => /^\d+ of 55 practices (is|are) below the 75 per 1,000 per week standard/.test(m)), messages.join("\n"));
  assert.ok(messages.some((m) => /^Of the 8 trajectories, \d+ (is|are) on track, \d+ at risk and \d+ off track/.test(m)), messages.join("\n"));
  // The reconciliation of 426,000 with 416,470 is on the structure slide, not hidden.
  assert.match(await page.locator("#slide-structure").innerText(), /426,000.*416,470/s);
});

test("every chart has its sentence under it, a table view that agrees, and a CSV", async () => {
  const { page } = session;
  const figures = page.locator(".atlas-slide .atlas-figure");
  assert.equal(await figures.count(), 7);
  for (let i = 0; i < 7; i++) {
    const figure = figures.nth(i);
    // The sentence comes after the picture, as a briefing reads.
    const order = await figure.evaluate((f) => [...f.children].map((c) => c.className));
    assert.ok(order.indexOf("atlas-figure__summary") > order.indexOf("atlas-figure__chart"), order.join(" "));
    assert.ok((await figure.locator(".atlas-figure__summary").innerText()).length > 20);
    assert.equal(await figure.locator("svg[role=img]").count(), 1);
  }
  // PCN list sizes: ten bars, ten table rows, and the CSV says the same.
  const structure = page.locator("#slide-structure");
  await openTableView(structure);
  assert.equal(await structure.locator(".atlas-figure__table tbody tr").count(), 10);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    structure.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "briefing-pcn-list-sizes.csv");
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines.length, 11);
  // The map: one circle per practice.
  assert.match(await page.locator("#slide-map .atlas-figure__summary").innerText(), /55 practices/);
});

test("the variation and equity slides say which measure they chose and why", async () => {
  const { page } = session;
  const message = await page.locator("#briefing-variation-message").innerText();
  const m = message.match(/^(.+) varies most between practices: (\d+) of (\d+) practices lies? outside the 99\.8% limits/);
  assert.ok(m, message);
  // The funnel's own sentence counts the same practices beyond 99.8%.
  const funnel = await page.locator("#slide-variation .atlas-figure__summary").innerText();
  const above = Number(funnel.match(/\((\d+|none)(?: of them)? above 99\.8%\)/)?.[1].replace("none", "0"));
  const below = Number(funnel.match(/\((\d+|none)(?: of them)? below 99\.8%\)/)?.[1].replace("none", "0"));
  assert.equal(above + below, Number(m[2]), `${message}\n${funnel}`);
  const explore = page.locator("#slide-variation").getByRole("link", { name: "Explore this measure on the Variation page" });
  assert.match(await explore.getAttribute("href"), /^\/variation\?indicator=[\w-]+$/);
  assert.match(await page.locator("#slide-equity .atlas-figure__summary").innerText(), /percentage points/);
  const about = await page.locator("#slide-about").innerText();
  assert.match(about, /largest share of practices lies outside the funnel plot's 99\.8% limits/);
  assert.match(about, /furthest apart, in percentage points/);
});

test("trajectories and shared priorities are in words, never colour alone", async () => {
  const { page } = session;
  const tags = await page.locator("#slide-trajectories .atlas-card .nhsuk-tag").allInnerTexts();
  const statuses = tags.filter((t) => /^(On track|At risk|Off track|No data|Met by its date|Missed its date|No target)$/.test(t));
  assert.equal(statuses.length, 8, tags.join(", "));
  const counts = await page.locator("#briefing-trajectory-counts").innerText();
  const n = (word) => statuses.filter((s) => s === word).length;
  // Targets whose date has passed, and trajectories without a target, are said apart.
  const has = (k) => (k === 1 ? "has" : "have");
  const parts = [];
  if (n("On track") + n("At risk") + n("Off track")) parts.push(`${n("On track")} ${n("On track") === 1 ? "is" : "are"} on track, ${n("At risk")} at risk and ${n("Off track")} off track`);
  if (n("Met by its date") + n("Missed its date")) parts.push(`${n("Met by its date")} met ${n("Met by its date") === 1 ? "its" : "their"} target by its date and ${n("Missed its date")} missed it`);
  if (n("No target")) parts.push(`${n("No target")} ${has(n("No target"))} no target here`);
  if (n("No data")) parts.push(`${n("No data")} ${has(n("No data"))} no data yet`);
  assert.equal(counts, `Of the 8 trajectories, ${parts.join("; ")}.`);
  const shared = await page.locator("#slide-priorities .atlas-shared").count();
  const sentence = await page.locator("#briefing-priorities-message").innerText();
  if (shared === 0) assert.match(sentence, /^No priority is shared/);
  else assert.match(sentence, new RegExp(`^(${shared} priorities are|One priority is) shared by three or more of the 10 neighbourhoods`));
});

test("presenting shows one slide at a time, by buttons and by keys, and comes back", async () => {
  const { page } = session;
  await page.locator("#briefing-present").click();
  await page.waitForSelector("#slide-where");
  assert.equal(new URL(page.url()).search, "?slide=1");
  assert.equal(await visibleSlides(page).count(), 1);
  assert.equal(await page.locator("#slide-messages").isVisible(), true);
  assert.equal(await page.locator(".atlas-header").isVisible(), false);
  assert.equal(await page.locator("#slide-previous").isDisabled(), true);
  await screenshot(page, "briefing-presenting-1");

  await page.locator("#slide-next").click();
  await page.waitForFunction(() => document.querySelector("#slide-where")?.textContent.startsWith("Slide 2 of 11"));
  assert.equal(await page.locator("#slide-structure").isVisible(), true);
  assert.equal(await visibleSlides(page).count(), 1);

  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector("#slide-where")?.textContent.startsWith("Slide 3 of 11"));
  assert.equal(await page.locator("#slide-map").isVisible(), true);
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => document.querySelector("#slide-where")?.textContent.startsWith("Slide 2 of 11"));
  await page.keyboard.press("End");
  await page.waitForFunction(() => document.querySelector("#slide-where")?.textContent.startsWith("Slide 11 of 11"));
  assert.equal(await page.locator("#slide-next").isDisabled(), true);
  await visit(session, demo("/briefing?slide=8"));
  assert.equal(await page.locator("#slide-variation").isVisible(), true);
  assert.equal(await visibleSlides(page).count(), 1);
  await screenshot(page, "briefing-presenting-8");
  assert.deepEqual(await axeViolations(page), []);

  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("#slide-where"));
  assert.equal(new URL(page.url()).search, "");
  assert.equal(await visibleSlides(page).count(), 11);
  assert.equal(await page.locator(".atlas-header").isVisible(), true);
});

test("printing puts every slide on pages of its own, even while presenting", async () => {
  const { page } = session;
  await visit(session, demo("/briefing?slide=4"));
  await page.emulateMedia({ media: "print" });
  assert.equal(await visibleSlides(page).count(), 11);
  assert.equal(await page.locator(".atlas-briefing__intro").isVisible(), false);
  assert.equal(await page.locator(".atlas-figure__actions").first().isVisible(), false);
  const breaks = await page.locator(".atlas-slide").evaluateAll((slides) => slides.map((s) => getComputedStyle(s).breakBefore));
  assert.deepEqual(breaks, ["auto", ...Array(10).fill("page")]);
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 11 && pages <= 14, `${pages} pages`);
  await page.emulateMedia({ media: "screen" });
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await visit(session, demo("/briefing"));
  await screenshot(session.page, "briefing");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("the briefing fits a 320 px wide screen", async () => {
  const narrow = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  await visit(narrow, demo("/briefing"));
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(narrow.page, "briefing-320px");
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await narrow.context.close();
});

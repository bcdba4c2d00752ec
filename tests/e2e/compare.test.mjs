// The Compare page on the published default: two measures across practices as a scatter
// plot whose points, table and CSV agree, chosen from the keyboard, kept in the URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, "/compare");
});
after(async () => { await browser?.close(); await server?.close(); });

test("a scatter plot of two measures whose points, table and CSV agree", async () => {
  const { page } = session;
  assert.equal(await page.locator("h1").innerText(), "Compare two measures across practices in Leicester City");
  await page.waitForSelector("#compare-chart");
  const figure = page.locator(".atlas-figure", { has: page.locator("#compare-chart") });
  const summary = await figure.locator(".atlas-figure__summary").innerText();
  assert.match(summary, /^Across \d+ practices in Leicester City with a value of both .+ \(.+\) and .+ \(.+\), .*r -?\d\.\d\d, 95% interval -?\d\.\d\d to -?\d\.\d\d.*need not cause one another/);
  const points = await figure.locator("svg .point[data-index]").count();
  assert.ok(points >= 10, `${points} points`);
  assert.equal(await figure.locator("button.atlas-marker").count(), points);
  assert.equal(await figure.locator("svg .fit").count(), 1);
  await openTableView(figure);
  assert.equal(await figure.locator("tbody tr").count(), points);
  assert.match(await figure.locator("tbody tr td a").first().getAttribute("href"), /^\/practices\/[A-Z]\d{5}$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.match(lines[0], /^Practice,Code,PCN,.+,"?.+ against Leicester City"?,Source$/);
  assert.equal(lines.length - 1, points);
  // Published figures: every row names its publication.
  assert.ok(lines.slice(1).every((l) => /NHS England|NHS Digital|Office for Health/.test(l)), lines[1]);
  await screenshot(page, "compare");
  assert.deepEqual(await axeViolations(page, [["target-size", ".atlas-marker"]]), []);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
});

test("the measures are chosen from the keyboard, kept in the URL, and a point opens its practice", async () => {
  const { page } = session;
  await visit(session, "/compare");
  await page.waitForSelector("#compare-chart");
  const title = await page.locator(".atlas-figure__title").innerText();
  const third = await page.locator("#compare-y option").nth(2).getAttribute("value");
  await page.locator("#compare-y").focus();
  await page.locator("#compare-y").selectOption(third);
  await page.waitForURL(new RegExp(`/compare\\?x=[^&]+&y=${third}$`));
  await page.waitForFunction((before) => document.querySelector(".atlas-figure__title")?.innerText !== before, title);
  const url = page.url();
  // The link reproduces the view.
  await visit(session, url.slice(server.origin.length));
  assert.equal(await page.locator("#compare-y").inputValue(), third);
  // Tab from the second choice to the first point; Enter opens its practice.
  await page.locator("#compare-y").focus();
  let focused = "";
  for (let i = 0; i < 12 && !focused.includes("atlas-marker"); i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.className ?? "");
  }
  assert.match(focused, /atlas-marker/);
  const label = await page.evaluate(() => document.activeElement.getAttribute("aria-label"));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/practices\/[A-Z]\d{5}$/);
  await page.waitForSelector(".atlas-facts");
  assert.equal(await page.locator("h1").innerText(), label.split(",")[0]);
  assert.deepEqual(session.errors, []);
});

test("a PCN's practices are ringed, and PCNs can be the points, each opening its PCN", async () => {
  const { page } = session;
  await visit(session, "/compare");
  await page.waitForSelector("#compare-chart");
  const figure = page.locator(".atlas-figure", { has: page.locator("#compare-chart") });
  const x = await page.locator("#compare-x").inputValue();
  const ring = page.locator("#compare-points option[value^='ring:']").first();
  const [value, words] = [await ring.getAttribute("value"), await ring.innerText()];
  const pcn = words.replace(/^Practices, those in /, "").replace(/ ringed$/, "");
  await page.locator("#compare-points").focus();
  await page.locator("#compare-points").selectOption(value);
  await page.waitForURL(new RegExp(`[?&]pcn=${value.slice(5)}$`));
  await page.waitForSelector("#compare-chart .ring");
  // The measures stay as shown; the rings are the table's rows in that PCN.
  assert.equal(await page.locator("#compare-x").inputValue(), x);
  const rings = await figure.locator("svg .ring").count();
  await openTableView(figure);
  const pcnColumn = await figure.locator("tbody tr td:nth-child(3)").allInnerTexts();
  assert.ok(rings > 0);
  assert.equal(rings, pcnColumn.filter((t) => t === pcn).length);
  assert.ok((await figure.locator("svg").textContent()).includes(`Practices in ${pcn} (ringed)`));
  await screenshot(page, "compare-ringed");
  // PCNs as the points: only measures that pool are offered; a point opens its PCN.
  await page.locator("#compare-points").selectOption("pcn");
  await page.waitForURL(/[?&]level=pcn$/);
  await page.waitForFunction(() => document.querySelector("h1")?.innerText.includes("across PCNs"));
  assert.equal(await page.locator("h1").innerText(), "Compare two measures across PCNs in Leicester City");
  await page.waitForSelector("#compare-chart");
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /^Across \d+ PCNs in Leicester City /);
  assert.ok(await page.locator("#compare-y option").count() < 10);
  // The table view stays open from before.
  await figure.locator(".atlas-figure__table tbody tr").first().waitFor();
  assert.match(await figure.locator("tbody tr td a").first().getAttribute("href"), /^\/pcns\/U\d{5}$/);
  await screenshot(page, "compare-pcns");
  assert.deepEqual(await axeViolations(page, [["target-size", ".atlas-marker"]]), []);
  await figure.locator("button.atlas-marker").first().focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/pcns\/U\d{5}$/);
  assert.deepEqual(session.errors, []);
});

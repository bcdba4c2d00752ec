import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/map"));
});
after(async () => { await browser?.close(); await server?.close(); });

test("the map draws 55 practice markers with a focusable button each", async () => {
  const { page } = session;
  assert.equal(await page.locator("#map-figure svg .marker[data-index]").count(), 55);
  assert.equal(await page.locator("#map-figure button.atlas-marker").count(), 55);
  const legend = await page.locator("#map-figure svg").innerHTML();
  assert.match(legend, /Salutem PCN/);
  assert.match(await page.locator(".atlas-attribution").innerText(), /Contains OS data © Crown copyright and database right 2018/);
});

test("a keyboard user reaches a marker and reads its name", async () => {
  const { page } = session;
  await page.locator("#map-figure").scrollIntoViewIfNeeded();
  // Tab from the skip link into the map: the first marker comes after the skip links.
  await page.getByRole("link", { name: "Skip the map to its table" }).focus();
  let focused = "";
  for (let i = 0; i < 5 && !focused.includes("atlas-marker"); i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.className ?? "");
  }
  assert.match(focused, /atlas-marker/);
  const name = await page.evaluate(() => document.activeElement.getAttribute("aria-label"));
  assert.match(name, /PCN, [\d,]+ patients/);
  const tooltip = await page.locator("#map-figure-tooltip").innerText();
  assert.ok(name.startsWith(tooltip.split("\n")[0]), `${tooltip} vs ${name}`);
  await screenshot(page, "map-marker-focused");
  // Enter opens the practice's profile.
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/practices\/[A-Z]\d{5}/);
  await page.waitForSelector(".atlas-facts");
  assert.equal(await page.locator("h1").innerText(), name.split(",")[0]);
  await visit(session, demo("/map"));
});

test("the map's table view lists every practice", async () => {
  const { page } = session;
  await openTableView(page);
  assert.equal(await page.locator(".atlas-figure__table tbody tr").count(), 55);
  assert.equal(await page.locator(".atlas-figure__table tbody a[href^='/practices/']").count(), 55);
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await screenshot(session.page, "map");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  // Markers of practices at one postcode overlap, so axe's target-size rule fails on
  // them. WCAG 2.5.8's "Equivalent" exception applies: every practice is in the table
  // view on the same page, whose controls meet the size. Everything else is checked.
  assert.deepEqual(await axeViolations(session.page, [["target-size", ".atlas-marker"]]), []);
});

test("on the published default, practices are marked by their verdict on a chosen measure, over the city's wards", async () => {
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, "/map");
  // The city's boundary and its 22 wards of 2013 lie under the practices, said so.
  assert.equal(await page.locator("#map-figure svg .outline").count(), 23);
  assert.match(await page.locator("#map-attribution").innerText(), /wards as drawn in 2013, redrawn in 2015 .*CC BY 4\.0/);
  const markers = await page.locator("#map-figure button.atlas-marker").count();
  // Chosen from the keyboard: the measure is in the URL, the legend gives the verdicts.
  await page.locator("#map-measure").focus();
  const measure = await page.locator("#map-measure option").nth(1).getAttribute("value");
  await page.locator("#map-measure").selectOption(measure);
  await page.waitForURL(new RegExp(`/map\\?measure=${measure}$`));
  await page.waitForFunction(() => /against Leicester City$/.test(document.querySelector(".atlas-figure__title")?.innerText ?? ""));
  const legend = await page.locator("#map-figure svg .legend").textContent();
  assert.match(legend, /(Better than|Worse than|Similar to|Higher than|Lower than) Leicester City/);
  assert.equal(await page.locator("#map-figure button.atlas-marker").count(), markers);
  assert.match(await page.locator(".atlas-figure__summary").innerText(), / against Leicester City: \d+ (better|similar|worse|higher|lower|not compared)/);
  const figure = page.locator(".atlas-figure");
  await openTableView(figure);
  assert.match(await figure.locator("thead").innerText(), /Compared with Leicester City/);
  assert.match(await figure.locator(".atlas-definitions a").getAttribute("href"), new RegExp(`^/definitions/${measure}$`));
  await screenshot(page, "map-measure");
  assert.deepEqual(await axeViolations(page, [["target-size", ".atlas-marker"]]), []);
  // Back to the PCNs.
  await page.locator("#map-measure").selectOption("");
  await page.waitForURL(/\/map$/);
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

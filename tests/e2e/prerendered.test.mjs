// Pages readable before the code arrives: the public build's every route written as a
// static page (`atlas-prerender`, run by the test command on target/dist-public). Read
// with scripts off, a page shows its heading, chart, sentence, table and source; with
// scripts on, the app takes it over (one heading, one header) and its controls work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, PUBLIC_DIST } from "./harness.mjs";

const ROUTES = ["map", "pcns", "practices", "scorecard", "variation", "compare", "trajectories", "equity", "inequalities", "population", "priorities", "workforce", "data", "briefing", "methods", "definitions"];
const prerendered = existsSync(join(PUBLIC_DIST, "variation/index.html"));
const skip = !prerendered && "target/dist-public has no pre-rendered pages: tools/test.sh writes them (atlas-prerender)";

let server, browser;
before(async () => { server = await startServer(PUBLIC_DIST); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test("every public route is a folder with its own static page", { skip }, () => {
  for (const route of ROUTES) {
    const html = readFileSync(join(PUBLIC_DIST, route, "index.html"), "utf8");
    assert.match(html, /<div id="atlas-prerendered">/, route);
    assert.match(html, /<main class="nhsuk-main-wrapper" id="maincontent" tabindex="-1"><h1>[^<]+<\/h1>/, route);
    // The strict policy stays: no inline script in any page.
    assert.match(html, /script-src 'self' 'wasm-unsafe-eval'/, route);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, route);
  }
});

test("with scripts off, a page shows its heading, chart, sentence, table and source", { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/variation`);
  assert.equal(await page.locator("h1").innerText(), "Variation between practices");
  assert.equal(await page.title(), "Variation between practices – Primary Care Atlas");
  assert.match(await page.locator(".atlas-source").innerText(), /^Published data\s+Leicester City: published data from NHS England/);
  const figure = page.locator("figure.atlas-figure").first();
  assert.match(await figure.locator(".atlas-figure__title").innerText(), /^Funnel plot: /);
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /\d+ practices/);
  assert.ok(await figure.locator("svg").count() === 1);
  assert.match(await figure.locator(".atlas-figure__source").innerText(), /^Source: .+Open Government Licence v3\.0/);
  await figure.locator("summary").click();
  assert.ok(await figure.locator("tbody tr").count() > 10);
  // The page links to the other pages, each its own static page.
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Population" }).click();
  await page.waitForURL(/\/population$/);
  assert.equal(await page.locator("h1").innerText(), "Population of Leicester City");
  assert.ok(await page.locator("figure.atlas-figure svg").count() >= 1);
  await screenshot(page, "prerendered-population-no-script");
  await page.goto(`${server.origin}/variation`);
  await screenshot(page, "prerendered-variation-no-script");
  await context.close();
});

test("before the app arrives, the static page passes axe", { skip }, async () => {
  // axe needs scripts (its checks wait on timers), so the page is read with scripts on
  // and the app's own code held back: the static copy as a reader sees it meanwhile.
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await page.route(/\.(js|wasm)$/, (route) => route.abort());
  for (const route of ["/variation", "/population", "/"]) {
    await page.goto(`${server.origin}${route}`);
    assert.equal(await page.locator("#atlas-prerendered").count(), 1, route);
    assert.deepEqual(await axeViolations(page, [["target-size", ".atlas-marker"]]), [], route);
  }
  await session.context.close();
});

test("each practice's and PCN's profile is a static page too, reached from the lists", { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/practices`);
  // A practice's name in the list leads to its own static page.
  const link = page.locator("#atlas-prerendered tbody tr td a").first();
  const name = await link.innerText();
  await link.click();
  await page.waitForURL(/\/practices\/[A-Z]\d{5}$/);
  const code = page.url().slice(-6);
  assert.equal((await page.locator("h1").innerText()).toLowerCase(), name.toLowerCase());
  assert.match(await page.locator(".nhsuk-lede-text").innerText(), new RegExp(`\\(${code}\\): .+; [\\d,]+ patients`));
  assert.equal(await page.locator("figure.atlas-figure svg").count(), 1);
  await page.goto(`${server.origin}/pcns/U73005`);
  assert.ok((await page.locator("h1").innerText()).length > 3);
  assert.ok(await page.locator("figure.atlas-figure svg").count() >= 1);
  await screenshot(page, "prerendered-pcn-no-script");
  await context.close();
});

test("the app takes a page over where the static copy stood: its chart does not move", { skip }, async () => {
  // The static copy, with the app held back, then the app: the main chart's top.
  const session = await openPage(browser, server.origin);
  const { page } = session;
  for (const route of ["/variation", "/compare", "/population", "/inequalities"]) {
    await page.route(/\.(js|wasm)$/, (r) => r.abort());
    await page.goto(`${server.origin}${route}`);
    const before = await page.locator("main figure svg").first().evaluate((el) => el.getBoundingClientRect().top);
    await page.unroute(/\.(js|wasm)$/);
    await visit(session, route);
    const svg = page.locator("main figure svg").first();
    await svg.waitFor();
    const after = await svg.evaluate((el) => el.getBoundingClientRect().top);
    console.log(`${route}: the chart starts at ${Math.round(before)} px in the static copy and ${Math.round(after)} px in the app`);
    assert.ok(Math.abs(after - before) <= 24, `${route}: the chart moves ${Math.round(after - before)} px as the app takes over`);
  }
  await session.context.close();
});

test("with scripts on, the app takes the page over and its controls work", { skip }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/variation");
  assert.equal(await page.locator("#atlas-prerendered").count(), 0);
  assert.equal(await page.locator("h1").count(), 1);
  assert.equal(await page.locator("header.nhsuk-header").count(), 1);
  assert.equal(await page.locator("h1").innerText(), "Variation between practices");
  const title = await page.locator(".atlas-figure__title").first().innerText();
  const second = await page.locator("#variation-indicator option").nth(1).getAttribute("value");
  await page.locator("#variation-indicator").selectOption(second);
  await page.waitForURL(new RegExp(`indicator=${second}`));
  await page.waitForFunction((before) => document.querySelector(".atlas-figure__title")?.innerText !== before, title);
  // A link to a view opens that view once the app is running.
  await visit(session, `/variation?indicator=${second}`);
  assert.equal(await page.locator("#variation-indicator").inputValue(), second);
  await screenshot(page, "prerendered-variation-app");
  assert.deepEqual(await axeViolations(page, [["target-size", ".atlas-marker"]]), []);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

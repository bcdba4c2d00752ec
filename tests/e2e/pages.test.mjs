// Every route loads, has one h1, reaches nothing outside the origin, and passes axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot } from "./harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [path, name, heading] of [
  ["/methods", "methods", /Methods and sources/],
  ["/no-such-page", "not-found", /Page not found/],
]) {
  test(`${path} renders`, async () => {
    const session = await openPage(browser, server.origin);
    await visit(session, path);
    assert.equal(await session.page.locator("h1").count(), 1);
    assert.match(await session.page.locator("h1").innerText(), heading);
    await screenshot(session.page, name);
    assert.deepEqual(session.errors, []);
    assert.deepEqual(foreignRequests(session), []);
    assert.deepEqual(await axeViolations(session.page), []);
    await session.context.close();
  });
}

test("the navigation reaches every page and marks the current one", async () => {
  const session = await openPage(browser, server.origin);
  await visit(session, "/");
  await session.page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Map" }).click();
  await session.page.waitForSelector("#map-figure");
  assert.equal(new URL(session.page.url()).pathname, "/map");
  const current = session.page.locator('nav[aria-label="Pages"] [aria-current="page"]');
  assert.equal(await current.innerText(), "Map");
  await session.context.close();
});

test("the Content-Security-Policy forbids inline script and foreign connections", async () => {
  const session = await openPage(browser, server.origin);
  await visit(session, "/");
  const policy = await session.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(policy, /connect-src 'self'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  // An inline script added to the page must not run.
  const ran = await session.page.evaluate(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__inlineRan = true";
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.__inlineRan === true;
  });
  assert.equal(ran, false);
  await session.context.close();
});

test("every page fits a 320 px wide screen: no sideways scroll of the page", async () => {
  const session = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  const wide = [];
  for (const path of ["/", "/map", "/pcns", "/practices", "/scorecard", "/variation", "/compare", "/trajectories", "/equity", "/inequalities", "/population", "/priorities", "/workforce", "/risk", "/data", "/briefing", "/methods", "/definitions", "/definitions/register_dementia"]) {
    await visit(session, path);
    await session.page.waitForTimeout(200);
    const overflow = await session.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) {
      const culprit = await session.page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest("[data-scrolls], .atlas-table-scroll, .atlas-chart, .nhsuk-table-container, table"));
        return over.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join(".")} (${Math.round(e.getBoundingClientRect().right)}px)`).join(", ");
      });
      wide.push(`${path}: ${overflow}px wider (${culprit})`);
    }
    await screenshot(session.page, `phone${path === "/" ? "-overview" : path.replaceAll("/", "-")}`);
  }
  assert.deepEqual(wide, []);
  // The page list folds behind a Menu button: one row, not four; it opens, a page is
  // chosen, and it folds again.
  const menu = session.page.getByRole("button", { name: "Menu" });
  assert.equal(await menu.getAttribute("aria-expanded"), "false");
  assert.equal(await session.page.locator("#atlas-page-list").isVisible(), false);
  await menu.click();
  assert.equal(await menu.getAttribute("aria-expanded"), "true");
  await screenshot(session.page, "phone-menu-open");
  await session.page.locator("#atlas-page-list").getByRole("link", { name: "Scorecard" }).click();
  await session.page.waitForURL(/\/scorecard$/);
  assert.equal(await menu.getAttribute("aria-expanded"), "false");
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

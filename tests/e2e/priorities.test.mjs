import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, demo, loadOwnFiles, fluWithEngland } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/priorities"));
});
after(async () => { await browser?.close(); await server?.close(); });

test("ten neighbourhoods (the PCNs), each with up to five priorities in words", async () => {
  const { page } = session;
  assert.match(await page.locator("#priority-rule").innerText(), /worse than the city at 95%[\s\S]*at most five candidates with the largest gaps/);
  assert.match(await page.locator("#priorities-illustrative").innerText(), /illustrative/i);
  const cards = page.locator(".atlas-neighbourhood");
  assert.equal(await cards.count(), 10);
  assert.match(await cards.first().locator("h3").innerText(), /PCN/);
  for (let i = 0; i < 10; i++) {
    const items = await cards.nth(i).locator("li.atlas-priority").count();
    assert.ok(items <= 5, `card ${i} has ${items}`);
  }
  const words = await page.locator(".atlas-priority__words").allInnerTexts();
  assert.ok(words.length > 0);
  for (const w of words) assert.match(w, /^Worse than the city: .* against .* \(standardised gap \d/);
  // Proportions are written as percentages.
  assert.ok(words.some((w) => /: \d+\.\d% against \d+\.\d%/.test(w)), words.join("\n"));
});

test("shared priorities are proposed at place level and marked in the lists", async () => {
  const { page } = session;
  const callouts = page.locator(".atlas-shared");
  const n = await callouts.count();
  if (n === 0) {
    assert.match(await page.locator("#no-shared").innerText(), /No priority is shared/);
    return;
  }
  for (const text of await callouts.locator(".atlas-shared__proposal").allInnerTexts()) {
    const m = text.match(/^(\d+) of 10 neighbourhoods share this priority: propose it at place/);
    assert.ok(m, text);
    assert.ok(Number(m[1]) >= 3);
  }
  assert.ok((await page.locator(".atlas-neighbourhood .nhsuk-tag", { hasText: "Shared" }).count()) >= 3 * n);
});

test("the table and its CSV agree, and it sorts by gap", async () => {
  const { page } = session;
  const shown = await page.locator(".atlas-priority").count();
  const rows = page.locator("#priorities-table tbody tr");
  assert.equal(await rows.count(), shown);
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#priorities-download").click()]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines[0], "Neighbourhood,Rank,Indicator,Value,City value,Standardised gap (worse),Shared priority");
  assert.equal(lines.length - 1, shown);
  const header = page.locator("#priorities-table thead th").nth(5);
  await header.locator("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  const gaps = (await page.locator("#priorities-table tbody td:nth-child(6)").allInnerTexts()).map(Number);
  assert.deepEqual(gaps, [...gaps].sort((a, b) => b - a));
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await screenshot(session.page, "priorities");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("priorities fit a 320 px wide screen", async () => {
  const narrow = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  await visit(narrow, demo("/priorities"));
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(narrow.page, "priorities-320px");
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await narrow.context.close();
});

test("where the user's files give England's value, neighbourhoods can be compared with England", async () => {
  // The PCN pools 3,250 of 5,800 (56.0%): the city itself, so no priority against it;
  // England at 90% is far above its interval, so against England it is a priority:
  // Wilson 95% interval 54.75–57.31%, SE 0.654 points, gap (90 − 56.03) / 0.654 = 52.1.
  const s = await loadOwnFiles(browser, server.origin, fluWithEngland(90));
  const { page } = s;
  await visit(s, "/priorities");
  assert.match(await page.locator(".atlas-neighbourhood").first().innerText(), /No measure is worse than the city at 95% here/);
  await page.locator("#priorities-against").focus();
  await page.keyboard.press("ArrowDown");
  await page.waitForURL(/against=england/);
  await page.waitForSelector(".atlas-priority__words");
  assert.equal(await page.locator(".atlas-priority__words").first().innerText(), "Worse than England: 56.0% against 90.0% (standardised gap 52.1)");
  assert.match(await page.locator("#priority-rule").innerText(), /compared with England in its latest period/);
  const header = await page.locator("#priorities-table thead th").allInnerTexts();
  assert.ok(header.some((h) => /England value/.test(h)), header.join("|"));
  await screenshot(page, "priorities-england");
  assert.deepEqual(s.errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await visit(s, "/data");
  await page.locator("#clear-data").click();
  await s.context.close();
});

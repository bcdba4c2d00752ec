import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/trajectories"));
});
after(async () => { await browser?.close(); await server?.close(); });

test("eight trajectory cards, each with a status in words, the rule, the expected month and a chart", async () => {
  const { page } = session;
  const cards = page.locator(".atlas-cards > li");
  assert.equal(await cards.count(), 8);
  for (let i = 0; i < 8; i++) {
    const card = cards.nth(i);
    assert.match(await card.locator(".nhsuk-tag").first().innerText(), /^(On track|At risk|Off track|No data|Met by its date|Missed its date|No target)$/);
    assert.match(await card.locator(".atlas-card__rule").innerText(), /On track: the latest actual is on the right side of the glide path/);
    assert.match(await card.locator(".atlas-card__meta").innerText(), /Target (expected to be met: \w+ \d{4}|not expected to be met within the forecast|date passed: judged at \w+ \d{4})/);
    assert.match(await card.locator(".atlas-card__meta").innerText(), /Illustrative/);
    assert.equal(await card.locator(".atlas-chart svg").count(), 1);
    assert.ok((await card.locator(".atlas-figure__summary").innerText()).length > 20);
  }
  assert.match(await page.locator("#trajectory-cards").innerText(), /Trajectories for Leicester City/);
});

test("a card's chart agrees with its table and CSV", async () => {
  const { page } = session;
  const card = page.locator(".atlas-cards > li").nth(1);
  await openTableView(card);
  const rows = await card.locator("tbody tr").count();
  // One marker per month with an actual value; the table has every month.
  const marks = await card.locator(".atlas-chart svg [data-index]").count();
  const actuals = (await card.locator("tbody tr td:nth-child(2)").allInnerTexts()).filter((t) => t.trim() !== "").length;
  assert.ok(rows > 40, `rows ${rows}`);
  assert.equal(marks, actuals);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    card.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^trajectory-.*\.csv$/);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines[0], "Month,Actual,Glide path,Forecast,Forecast lower 95%,Forecast upper 95%,Source");
  assert.equal(lines.length - 1, rows);
});

test("the access standard: every practice against 75, over time, face to face, against 2019", async () => {
  const { page } = session;
  const figure = (id) => page.locator(".atlas-figure", { has: page.locator(`#${id}`) });
  const byPractice = figure("access-by-practice");
  assert.match(await byPractice.locator(".atlas-figure__summary").innerText(), /^\d+ of 55 practices (is|are) below the 75 per 1,000 per week standard in \w+ \d{4}/);
  assert.equal(await byPractice.locator("svg .point[data-index], svg [data-index]").count() >= 55, true);
  await openTableView(byPractice);
  assert.equal(await byPractice.locator("tbody tr").count(), 55);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    byPractice.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines[0], "Practice,Appointments,List size,Rate,Lower 95%,Upper 95%,Against the standard,Source");
  assert.equal(lines.length, 56);
  assert.match(await figure("access-over-time").locator(".atlas-figure__summary").innerText(), /^Leicester City's rate was [\d.]+ per 1,000 per week in/);
  assert.match(await figure("access-over-time").locator("svg").innerHTML(), /Standard: 75 per 1,000 per week/);
  assert.match(await figure("face-to-face-by-practice").locator(".atlas-figure__summary").innerText(), /of 55 practices (has|have) fewer than 50% of appointments face to face/);
  assert.match(await figure("appointments-vs-2019").locator(".atlas-figure__summary").innerText(), /^In \w+ \d{4} appointments were [\d.]+% of the 2019 level/);
});

test("filtering to a PCN is in the URL and a link reproduces it", async () => {
  const { page } = session;
  const pcn = page.locator("#trajectories-area optgroup[label=PCNs] option").first();
  const [code, name] = [await pcn.getAttribute("value"), await pcn.innerText()];
  await page.locator("#trajectories-area").selectOption(code);
  await page.waitForURL(new RegExp(`area=${code}`));
  await page.waitForFunction((n) => document.querySelector("#trajectory-cards")?.textContent.includes(n), name);
  const other = await openPage(browser, server.origin);
  await other.page.goto(page.url());
  await other.page.waitForSelector("#trajectory-cards");
  assert.equal(await other.page.locator("#trajectories-area").inputValue(), code);
  assert.equal(await other.page.locator("#trajectory-cards").innerText(), `Trajectories for ${name}`);
  assert.equal(await other.page.locator(".atlas-cards > li").count(), 8);
  assert.deepEqual(other.errors, []);
  await other.context.close();
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await visit(session, demo("/trajectories"));
  await screenshot(session.page, "trajectories");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("the access standard's period is a setting, kept in the URL, and scales the standard", async () => {
  const own = await openPage(browser, server.origin);
  await visit(own, demo("/trajectories"));
  const { page } = own;
  const practicesBelow = async () => (await page.locator("#access-by-practice").locator("xpath=ancestor::figure").locator(".atlas-figure__summary").innerText());
  const weekly = await practicesBelow();
  await page.selectOption("#access-per", "4-weeks");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("per") === "4-weeks");
  await page.waitForFunction(() => /per 28 days/.test(document.querySelector("#access")?.parentElement?.textContent ?? ""));
  const figureText = await page.locator("#access-by-practice").locator("xpath=ancestor::figure").innerText();
  assert.match(figureText, /Appointments per 1,000 patients per 28 days by practice/);
  assert.match(await page.locator("#access-by-practice svg").innerHTML(), /300 per 1,000 per 28 days/);
  // Both the rates and the standard scale, so the same practices are below it.
  const count = (text) => /(\d+) of \d+ practices/.exec(text)?.[1];
  assert.match(weekly, /\d+ of \d+ practices/, weekly);
  assert.equal(count(await practicesBelow()), count(weekly));
  // The link reproduces the view.
  await page.goto(page.url());
  await page.waitForSelector("#access-per");
  assert.equal(await page.locator("#access-per").inputValue(), "4-weeks");
  assert.deepEqual(own.errors, []);
  await own.context.close();
});

test("with the coverage file, the city's rate is counted against the patients at included practices", async () => {
  // Registrations of January 2021, the sub-ICB appointments and the coverage file, as
  // published (the default's own cuts). August 2020: 131,270 appointments in 31 days;
  // per 1,000 a week against the 420,450 patients at included practices that is 70.5
  // (against the 421,600 on the January 2021 registers it would be 70.3).
  const cut = (path) => fileURLToPath(new URL(`../../crates/atlas-core/data/leicester-city/${path}`, import.meta.url));
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, "/data");
  await page.setInputFiles("#data-files", [
    cut("gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv"),
    cut("appointments-ccg-monthly-llr/Regional_CSV_LeicesterLeicsRut_04C_only.csv"),
    cut("appointments-gp-coverage-04C/APPOINTMENTS_GP_COVERAGE_aug2020-jan2023_leicester04C.csv"),
  ]);
  await page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  assert.match(await page.locator("main").innerText(), /Appointments in General Practice \(coverage: patients at included practices\)/);
  await visit(s, "/trajectories");
  const card = page.locator(".atlas-cards > li", { has: page.getByRole("heading", { name: /per 1,000 patients per week/i }) });
  await openTableView(card);
  const row = card.locator("tbody tr", { has: page.locator("td", { hasText: /^Aug 2020$/ }) });
  assert.equal(await row.locator("td").nth(1).innerText(), "70.5");
  assert.deepEqual(s.errors, []);
  await visit(s, "/data");
  await page.locator("#clear-data").click();
  await s.context.close();
});

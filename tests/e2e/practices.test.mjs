import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/practices"));
});
after(async () => { await browser?.close(); await server?.close(); });

test("the list has every practice, each name a link to its profile", async () => {
  const { page } = session;
  assert.equal(await page.locator("h1").innerText(), "Practices");
  assert.equal(await page.locator("#practices-table tbody tr").count(), 55);
  assert.equal(await page.locator("#practices-table tbody a[href^='/practices/']").count(), 55);
  // The table's scrolling container is a labelled region the keyboard can reach.
  const region = page.locator("[role=region]:has(#practices-table)");
  assert.equal(await region.getAttribute("tabindex"), "0");
  assert.match(await region.getAttribute("aria-label"), /^Practices: .* \(scrolls sideways\)$/);
  await screenshot(page, "practices");
  assert.deepEqual(await axeViolations(page), []);
});

test("a keyboard user opens a profile from the list", async () => {
  const { page } = session;
  const link = page.locator("#practices-table tbody a").first();
  const name = await link.innerText();
  const href = await link.getAttribute("href");
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`${href}$`));
  await page.waitForSelector(".atlas-facts");
  assert.equal(await page.locator("h1").innerText(), name);
});

test("a profile shows the practice, its spine chart with a table, trajectories and an SPC chart", async () => {
  const { page } = session;
  const code = "C82122";
  await visit(session, demo(`/practices/${code}`));
  const facts = await page.locator(".atlas-facts").innerText();
  assert.match(facts, new RegExp(code));
  assert.match(facts, /PCN/);
  assert.match(facts, /[\d,]+ patients/);
  const spine = page.locator(".atlas-figure", { has: page.locator("#profile-spine") });
  assert.match(await spine.locator(".atlas-figure__summary").innerText(), /^Against the city, \d+ of \d+ measures (is|are) better/);
  const markers = await spine.locator("svg [data-index]").count();
  await openTableView(spine);
  const rows = spine.locator("tbody tr");
  const withValue = (await rows.locator("td:nth-child(3)").allInnerTexts()).filter((t) => /\d/.test(t)).length;
  assert.ok(withValue > 5);
  assert.equal(markers, withValue);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    spine.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `profile-${code}.csv`);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  // The demonstration mixes measures with and without a judgement (its registers).
  assert.equal(lines[0], "Measure,Period,Practice,City,Worst or lowest,Best or highest,Compared with city,Compared by,Recent trend");
  assert.equal(lines.length - 1, await rows.count());
  const cards = page.locator(".atlas-cards > li");
  assert.equal(await cards.count(), 8);
  assert.match(await cards.first().locator(".nhsuk-tag").first().innerText(), /^(On track|At risk|Off track|No data|Met by its date|Missed its date|No target)$/);
  const spc = page.locator(".atlas-figure", { has: page.locator("#profile-spc") });
  assert.match(await spc.locator(".atlas-figure__summary").innerText(), /^(Special cause|Common cause)/);
  // The chosen measure is in the URL.
  const second = await page.locator("#profile-indicator option").nth(2).getAttribute("value");
  await page.locator("#profile-indicator").selectOption(second);
  await page.waitForURL(new RegExp(`/practices/${code}\\?(.*&)?indicator=${second}`));
  const title = await spc.locator(".atlas-figure__title").innerText();
  // The same measure's spread across practices, this practice marked on it by name.
  const spread = page.locator(".atlas-figure", { has: page.locator("#profile-spread") });
  const name = await page.locator("h1").innerText();
  await page.waitForFunction((name) => [...document.querySelectorAll("#profile-spread svg .point title")].some((t) => t.textContent.startsWith(name + ": ")), name);
  assert.ok((await spread.locator(".atlas-figure__summary").innerText()).includes(`${name} is `));
  const other = await openPage(browser, server.origin);
  await other.page.goto(page.url());
  await other.page.waitForSelector("#profile-spc");
  assert.equal(await other.page.locator("#profile-indicator").inputValue(), second);
  assert.equal(await other.page.locator(".atlas-figure", { has: other.page.locator("#profile-spc") }).locator(".atlas-figure__title").innerText(), title);
  await other.context.close();
});

test("no console errors, no request leaves the origin, no axe violations on a profile", async () => {
  await visit(session, demo("/practices/C82122"));
  await screenshot(session.page, "practice-profile");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("an unknown code says so and links back", async () => {
  const { page } = session;
  await visit(session, demo("/practices/NOPE99"));
  assert.equal(await page.locator("h1").innerText(), "Practice not found");
  assert.match(await page.locator("main").innerText(), /no practice with the code NOPE99/);
  await page.getByRole("link", { name: "See all practices" }).click();
  await page.waitForURL(/\/practices$/);
  assert.deepEqual(session.errors, []);
});

const REALDATA = new URL("../../../shared/realdata/", import.meta.url).pathname;
const EPRACCUR = join(REALDATA, "epraccur-jan2020-04C/epraccur_jan2020_04C_all.csv");
const REGISTRATIONS = join(REALDATA, "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv");
const MAP = join(REALDATA, "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_leicester04C.csv");
const haveRealData = [EPRACCUR, REGISTRATIONS, MAP].every((f) => existsSync(f));

test("on real files, closed practices are listed as closed, never counted, and each date counts the practices open then", { skip: !haveRealData && "../shared/realdata is absent" }, async () => {
  const upload = await openPage(browser, server.origin);
  const { page } = upload;
  await visit(upload, "/data");
  await page.setInputFiles("#data-files", [EPRACCUR, REGISTRATIONS, MAP]);
  await page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  // The Overview counts only the open practices, and says where the closed ones are.
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Overview" }).click();
  await page.waitForSelector(".atlas-headline");
  assert.match(await page.locator(".atlas-headline").innerText(), /57\s+practices/);
  assert.match(await page.locator("main").innerText(), /10 practices in these files have closed or are no longer listed: they are not counted here/);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Practices" }).click();
  await page.waitForSelector("#former-practices-table");
  // Open in January 2022 (the map's date): the 57 it lists; the ten ODS gives as closed
  // are listed apart, each with its close date.
  assert.equal(await page.locator("#practices-table tbody tr").count(), 57);
  const former = page.locator("#former-practices-table tbody tr");
  assert.equal(await former.count(), 10);
  const statuses = await former.locator("td:nth-child(4)").allInnerTexts();
  assert.ok(statuses.every((s) => /^Closed \d{1,2} \w{3} 20\d\d$/.test(s)), statuses.join("; "));
  assert.match(await page.locator("main").innerText(), /10 practices that the files know of are not open/);
  // January 2021: the registrations' 57 practices and 421,600 patients.
  const byDate = await page.locator("#practices-by-date-table tbody tr").allInnerTexts();
  assert.ok(byDate.some((row) => /^2021-01-01\s+57\s+421,600\s+0$/.test(row)), byDate.join(" | "));
  await screenshot(page, "practices-with-closed");
  assert.deepEqual(await axeViolations(page), []);
  // A closed practice's page says so and shows no judgement.
  await page.locator("#former-practices-table a", { hasText: /Rushey Mead/i }).click();
  await page.waitForURL(/\/practices\/C82015$/);
  assert.match(await page.locator(".atlas-facts").innerText(), /Closed 30 Nov 2018/);
  assert.equal(await page.locator("#profile-spine").count(), 0);
  assert.equal(await page.locator(".atlas-cards").count(), 0);
  await screenshot(page, "practice-closed");
  assert.deepEqual(upload.errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await upload.context.close();
});

test("on the published default a practice is compared with its similar practices, who are listed with why", async () => {
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, "/practices/C82024");
  const spine = page.locator(".atlas-figure", { has: page.locator("#profile-spine-chart") });
  assert.match(await spine.locator(".atlas-figure__title").innerText(), / against the city$/);
  // Chosen from the keyboard: the comparator is in the URL and the chart follows.
  await page.locator("#profile-against").focus();
  await page.locator("#profile-against").selectOption("similar");
  await page.waitForURL(/\/practices\/C82024\?against=similar$/);
  await page.waitForSelector("#similar-table");
  assert.match(await spine.locator(".atlas-figure__title").innerText(), / against its 10 similar practices$/);
  assert.match(await spine.locator(".atlas-figure__summary").innerText(), /^Against its 10 similar practices, \d+ of \d+ measures/);
  assert.match(await page.locator("#similar-rule").innerText(), /^The 10 practices nearest on deprivation \(IMD 2019 score of the registered population\) and list size \(registered patients, on a log scale\), each standardised across the \d+ practices .+ by straight-line distance\. Rurality is not in these data, so it is not used, nor is the share aged 65 and over \(of the registered population\)\./);
  const rows = page.locator("#similar-table tbody tr");
  assert.equal(await rows.count(), 10);
  const hrefs = await rows.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.equal(hrefs.length, 10);
  assert.ok(hrefs.every((h) => /^\/practices\/[A-Z]\d{5}$/.test(h) && h !== "/practices/C82024"), hrefs.join());
  await screenshot(page, "practice-similar");
  assert.deepEqual(await axeViolations(page), []);
  // Its PCN.
  await page.locator("#profile-against").selectOption("pcn");
  await page.waitForURL(/against=pcn$/);
  await page.waitForFunction(() => /against its PCN \(/.test(document.querySelector(".atlas-figure__title")?.innerText ?? ""));
  assert.equal(await page.locator("#similar-table").count(), 0);
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

// The Population page: on the published default, the list size over time and, in words,
// why there is no pyramid; on the user's registrations by five-year age band, a pyramid
// whose bars, table and CSV agree, with the shares aged 65+ and 85+ worked out by hand.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, loadOwnFiles } from "./harness.mjs";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

test("on the published default: the list size over time, and why there is no pyramid", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/population");
  assert.equal(await page.locator("h1").innerText(), "Population of Leicester City");
  assert.match(await page.locator("main").innerText(), /No pyramid: these data have no registrations by age: load Patients Registered at a GP Practice by five-year age band/);
  await page.waitForSelector("#population-trend-chart");
  const figure = page.locator(".atlas-figure", { has: page.locator("#population-trend-chart") });
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /registered patients on .+ and .+ on .+: a (rise|fall) of \d+\.\d%\./);
  await openTableView(figure);
  assert.ok(await figure.locator("tbody tr").count() >= 2);
  await screenshot(page, "population-default");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

// Two practices of one PCN by five-year band, as NHS England publishes them: the first
// 50 males and 60 females in every band; the second 40 of each up to 60–64 and 10 of
// each from 65–69. Patients: 2,200 + 1,180 = 3,380; aged 65+: 7 × 110 + 7 × 20 = 910
// (26.9%); aged 85+: 3 × 110 + 3 × 20 = 390 (11.5%).
function quinaryAges() {
  const bands = [...Array(19).keys()].map((k) => `${5 * k}_${5 * k + 4}`).concat(["95+"]);
  const rows = ["PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,ORG_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS"];
  const row = (code, sex, age, n) => rows.push(`GP_PRAC_PAT_LIST,2025-03-01,GP,04C,E38000097,${code},LE3 9ED,${sex},${age},${n}`);
  row("C82005", "ALL", "ALL", 2200);
  row("C82008", "ALL", "ALL", 1180);
  bands.forEach((band, k) => {
    row("C82005", "MALE", band, 50);
    row("C82005", "FEMALE", band, 60);
    row("C82008", "MALE", band, k < 13 ? 40 : 10);
    row("C82008", "FEMALE", band, k < 13 ? 40 : 10);
  });
  return {
    "practices.csv": "practice_code,practice_name,pcn_code,pcn_name,list_size\r\nC82005,Groby Road,U87499,G3 PCN,2200\r\nC82008,Oakmeadow,U87499,G3 PCN,1180\r\n",
    "gp-reg-pat-prac-quin-age.csv": rows.join("\r\n") + "\r\n",
  };
}

test("on the user's registrations by age, a pyramid that agrees with its table, chosen by area from the keyboard", async () => {
  const own = await loadOwnFiles(browser, server.origin, quinaryAges());
  const { page } = own;
  await visit(own, "/population");
  await page.waitForSelector("#population-pyramid-chart");
  assert.equal(await page.locator("#population-headline").innerText(), "26.9% aged 65 and over; 11.5% aged 85 and over");
  const figure = page.locator(".atlas-figure", { has: page.locator("#population-pyramid-chart") });
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /had 3,380 registered patients: 26\.9% aged 65 and over and 11\.5% aged 85 and over\.$/);
  assert.equal(await figure.locator("svg .male").count(), 20);
  assert.equal(await figure.locator("svg .female").count(), 20);
  await openTableView(figure);
  const rows = await figure.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText)));
  assert.equal(rows.length, 20);
  // 0–4: 90 males (2.7% of 3,380) and 100 females (3.0%); 95+: 60 and 70.
  assert.deepEqual(rows[0].slice(0, 5), ["0–4", "90", "100", "2.7", "3.0"]);
  assert.deepEqual(rows[19].slice(0, 3), ["95+", "60", "70"]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines.length, 21);
  assert.match(lines[1], /^0–4,90,100,2\.66\d*,2\.95\d*,"Source: Patients Registered at a GP Practice, NHS England, 1 Mar 2025/);
  await screenshot(page, "population-place");
  assert.deepEqual(await axeViolations(page), []);
  // A practice, chosen from the keyboard, beside the place.
  await page.locator("#population-area").focus();
  await page.locator("#population-area").selectOption("C82008");
  await page.waitForURL(/\/population\?area=C82008$/);
  await page.waitForFunction(() => document.querySelector("#population-headline")?.innerText.startsWith("11.9%"));
  // 140 of 1,180 aged 65+ (11.9%) and 60 aged 85+ (5.1%), against the place's.
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /Oakmeadow had 1,180 registered patients: 11\.9% aged 65 and over and 5\.1% aged 85 and over, against 26\.9% and 11\.5% in /);
  assert.ok((await figure.locator("thead th").allInnerTexts()).some((h) => /Males, .+ \(% of all\)/.test(h)));
  await screenshot(page, "population-practice");
  assert.deepEqual(own.errors, []);
  await own.page.close();
});

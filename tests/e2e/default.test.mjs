// The default is Leicester City on the published record: the bundle built from the
// committed cuts of public files. No page carries the illustrative banner; every page
// says whose data it is and up to when; the access trajectories draw the real series.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { startServer, launchBrowser, openPage, visit, demo, foreignRequests, axeViolations, screenshot, openTableView } from "./harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const BANNER = /^Published data\s+Leicester City: published data from NHS England, NHS Digital and OHID's Fingertips up to May 2026 \(registered lists, appointments, workforce, QOF prevalence, GP Patient Survey, payments, deprivation\)/;

for (const [path, name] of [
  ["/", "overview"], ["/map", "map"], ["/pcns", "pcns"], ["/pcns/U73005", "pcn-profile"],
  ["/practices", "practices"], ["/practices/C82024", "practice-profile"], ["/scorecard", "scorecard"],
  ["/variation", "variation"], ["/trajectories", "trajectories"], ["/equity", "equity"],
  ["/compare", "compare"], ["/inequalities", "inequalities"], ["/population", "population"], ["/priorities", "priorities"], ["/briefing", "briefing"], ["/data", "data"], ["/methods", "methods"], ["/definitions", "definitions"], ["/definitions/register_dementia", "definition"],
]) {
  test(`${path} on the published default: its banner says published, nothing says illustrative`, async () => {
    const session = await openPage(browser, server.origin);
    const { page } = session;
    await visit(session, path);
    await page.waitForTimeout(300);
    assert.match(await page.locator(".atlas-source").innerText(), BANNER);
    assert.equal(await page.locator(".atlas-illustrative").count(), 0);
    assert.equal(await page.locator(".nhsuk-tag", { hasText: /^Illustrative/ }).count(), 0);
    assert.doesNotMatch(await page.locator("main").innerText(), /illustrative \(synthetic\)|are estimates/i);
    await screenshot(page, `default-${name}`);
    assert.deepEqual(session.errors, []);
    assert.deepEqual(foreignRequests(session), []);
    // Overlapping chart and map markers fail axe's target-size rule; WCAG 2.5.8's
    // "Equivalent" exception applies, as in map.test.mjs: each is in the table view.
    assert.deepEqual(await axeViolations(page, [["target-size", ".atlas-marker"]]), []);
    await session.context.close();
  });
}

test("the Methods page names each publication with the periods the default holds and the day it was extracted", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/methods");
  const rows = page.locator("#default-publications tbody tr");
  assert.equal(await rows.count(), 8);
  const text = await page.locator("#default-publications").innerText();
  assert.match(text, /National General Practice Profiles \(Fingertips\)\s+Office for Health Improvement and Disparities/);
  assert.match(text, /Appointments in General Practice\s+NHS England[^\n]*\n?[^\n]*Mar 2019 to May 2026/);
  assert.match(text, /General Practice Workforce[\s\S]*Mar 2018 to Mar 2026/);
  assert.match(text, /Open Government Licence v3\.0/);
  // Read from the bundle's record: every publication carries the day its cut was taken.
  const extracted = await rows.evaluateAll((trs) => trs.map((tr) => tr.cells[4].innerText));
  assert.deepEqual(extracted, Array(8).fill("7 Dec 2026"));
  assert.match(await page.locator("#default-publications caption").innerText(), /Leicester City default is built from/);
  assert.match(await page.locator("#not-published").locator("xpath=following-sibling::ul[1]").innerText(), /no practice-level publication/);
  // What a verdict can be against, and why a comparator may not be offered.
  assert.match(await page.locator("#comparator-method").innerText(), /its PCN \(its practices pooled\), its similar practices \(pooled\) or England's value where the files give it/);
  await session.context.close();
});

test("the access trajectories draw the real series: a line, a status and a sentence each", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/trajectories");
  for (const title of ["Return to 2019 appointment levels", "At least 75 appointments per 1,000 patients per week", "50% of GP appointments face to face"]) {
    const card = page.locator(".atlas-cards > li", { has: page.getByRole("heading", { name: title, exact: true }) });
    assert.equal(await card.count(), 1, title);
    assert.match(await card.locator(".nhsuk-tag").first().innerText(), /^(Met by its date|Missed its date)$/, title);
    // The real series: monthly points from the sub-ICB file (2019–2021) and the sum of
    // practices (2023 on), not the demonstration's 48 months.
    assert.ok(await card.locator(".atlas-chart svg [data-index]").count() > 60, title);
    // The paper's date, March 2023, is long past: judged then, the latest beside it.
    assert.match(await card.locator(".atlas-figure__summary").innerText(), /^Leicester City: the target of [\d.]+ \([^)]*\) by Mar 2023 is past; (met by its date|missed its date): [\d.]+ in Mar 2023\. The latest is [\d.]+ in May 2026\. No figures for Sep 2021 – Feb 2023; the line is broken there\. The forecast is fitted on Jun 2024 – May 2026 only: one source, no break\.$/, title);
    // On a time axis: the 18 months without figures take their width, the line breaks
    // there, and the change of source is drawn where the sum of practices begins.
    assert.equal(await card.locator(".atlas-chart svg polyline.actual").count(), 2, title);
    assert.equal(await card.locator(".atlas-chart svg g.source-change").count(), 1, title);
    assert.match(await card.locator(".atlas-card__meta").innerText(), /Target date passed: judged at Mar 2023/, title);
    assert.match(await card.innerText(), /Where the figures come from: Published for Leicester City as a whole, Mar 2019 – Aug 2021; the sum of its practices' figures, Mar 2023 – May 2026/, title);
    assert.doesNotMatch(await card.innerText(), /Illustrative/, title);
    // Beside its chart: the publication, its publisher and the periods the default holds.
    assert.match(await card.locator(".atlas-figure__source").innerText(), /^Source: Appointments in General Practice, NHS England \(NHS Digital before 2023\), Mar 2019 to May 2026; extracted 7 Dec 2026\. Open Government Licence v3\.0\.$/, title);
  }
  // The access standard by practice: the practices that report appointments in May 2026.
  const byPractice = page.locator(".atlas-figure", { has: page.locator("#access-by-practice") });
  assert.match(await byPractice.locator(".atlas-figure__summary").innerText(), /^\d+ of \d+ practices (is|are) below the 75 per 1,000 per week standard in May 2026/);
  await openTableView(byPractice);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    byPractice.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines[0], "Practice,Appointments,List size,Rate,Lower 95%,Upper 95%,Against the standard,Source");
  // Each row names the publication and the periods the default holds.
  const source = "Source: Appointments in General Practice, NHS England (NHS Digital before 2023), Mar 2019 to May 2026; extracted 7 Dec 2026. Open Government Licence v3.0.";
  assert.ok(lines.slice(1).every((l) => l.endsWith(`,"${source}"`)), lines[1]);
  assert.equal(await byPractice.locator(".atlas-figure__source").innerText(), source);
  assert.ok(lines.length > 40, `${lines.length - 1} practices`);
  await session.context.close();
});

test("the demonstration is asked for by name and says so on every page", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, demo("/"));
  assert.match(await page.locator(".atlas-source").innerText(), /^Illustrative data\s+Leicester City, a demonstration:/);
  // Moving between pages keeps it: the state, not the address, holds the workspace.
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Trajectories" }).click();
  await page.waitForSelector("#trajectory-cards");
  assert.match(await page.locator(".atlas-source").innerText(), /^Illustrative data/);
  assert.ok(await page.locator(".atlas-card__illustrative").count() >= 1);
  await session.context.close();
});

test("the Overview reconciles the paper's 426,000 and 416,470 with the published registers", async () => {
  // Each census's registered patients, added up here from the committed source rows.
  const csv = readFileSync(new URL("../../crates/atlas-core/data/leicester-city/gp-workforce-practice-quarterly-04C/workforce_panel_04C.csv", import.meta.url), "utf8");
  const [header, ...rows] = csv.trim().split(/\r?\n/).map((l) => l.split(","));
  const col = (name) => header.indexOf(name);
  const census = {};
  for (const r of rows) {
    const patients = Number(r[col("patients")]);
    const anyFte = ["gp_fte", "nurses_fte", "dpc_fte", "admin_fte"].some((c) => r[col(c)] !== "");
    if (patients > 0 && anyFte) {
      census[r[col("period")]] ??= { practices: 0, patients: 0 };
      census[r[col("period")]].practices += 1;
      census[r[col("period")]].patients += patients;
    }
  }
  const latest = Object.keys(census).sort().at(-1);
  const n = (v) => v.toLocaleString("en-GB");
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/");
  const note = await page.locator("#population-reconciliation").innerText();
  assert.match(note, /426,000, but its PCN list sizes add up to 416,470: 9,530 fewer/);
  const registers = await page.locator("#register-reconciliation").innerText();
  assert.match(registers, new RegExp(`census of Mar 2022, the nearest to the stated figure's date \\(Apr 2022\\), counts ${n(census["202203"].patients)} registered patients at ${census["202203"].practices} of the 55 practices`));
  assert.match(registers, new RegExp(`the latest census, \\w+ ${latest.slice(0, 4)}, counts ${n(census[latest].patients)} at ${census[latest].practices} of the 55 practices`));
  assert.match(registers, /Not in the latest census[^:]*: .*\(C8\d{4}\)/);
  assert.match(registers, /General Practice Workforce .* Open Government Licence v3\.0/);
  // And when the practices' own list sizes are true.
  assert.match(await page.locator("#practices + p").innerText(), /^Practice list sizes are the registered lists of Jan 2021\./);
  await session.context.close();
});

test("Variation names each measure's publication beside its charts and in their CSV", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/variation?indicator=gp_fte_fq_per_10k");
  const sources = await page.locator(".atlas-figure__source").allInnerTexts();
  assert.ok(sources.length >= 2, sources.join("\n"));
  for (const s of sources) assert.match(s, /^Source: General Practice Workforce \(practice-level census\), NHS England \(NHS Digital before 2023\), \w+ \d{4} to \w+ \d{4}; extracted 7 Dec 2026\. Open Government Licence v3\.0\.$/);
  const funnel = page.locator(".atlas-figure").first();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    funnel.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.match(lines[0], /,Source$/);
  assert.ok(lines.slice(1).every((l) => l.endsWith(`,"${sources[0]}"`)), lines[1]);
  await session.context.close();
});

test("pages of many measures list each publication with the measures it gives; the briefing names its charts' source", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  for (const [path, id] of [["/scorecard", "#scorecard-sources"], ["/practices/C82024", "#profile-sources"], ["/pcns/U73005", "#pcn-sources"]]) {
    await visit(session, path);
    const items = await page.locator(`${id} li`).allInnerTexts();
    assert.ok(items.length >= 3, `${path}: ${items.join("\n")}`);
    for (const item of items) assert.match(item, /^Source: .+\. Open Government Licence v3\.0\. Gives: .+\.$/, `${path}: ${item}`);
    const all = items.join("\n");
    assert.match(all, /Appointments in General Practice[^\n]*Gives: [^\n]*Appointments per 1,000 patients per week/);
    assert.match(all, /General Practice Workforce/);
    assert.match(all, /GP Patient Survey/);
  }
  await visit(session, "/briefing");
  const accessSlide = page.locator(".atlas-slide").nth(3);
  assert.match(await accessSlide.locator(".atlas-figure__source").innerText(), /^Source: Appointments in General Practice, NHS England \(NHS Digital before 2023\), Mar 2019 to May 2026; extracted 7 Dec 2026\./);
  await session.context.close();
});

test("a PCN's profile reads its staff by role against the patients of its practices", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/pcns/U73005");
  assert.match(await page.locator("#pcn-roles-sentence").innerText(), /^In Sep 2022, Salutem PCN employed [\d.]+ full-time equivalent staff, [\d.]+ of them in additional roles, [\d.]+ per 10,000 of the [\d,]+ patients registered at its \d+ practices counted in that month's GP workforce census\.$/);
  const rows = page.locator("#pcn-roles tbody tr");
  assert.ok((await rows.count()) >= 2);
  assert.match(await page.locator("#pcn-staff ~ .atlas-figure__source").first().innerText(), /^Source: Primary Care Networks workforce \(individual level\), NHS Digital, Jun 2020 to Sep 2022; extracted 7 Dec 2026\./);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator("#pcn-staff").scrollIntoViewIfNeeded();
  await screenshot(page, "default-pcn-staff");
  await session.context.close();
});

test("a measure a funnel plot cannot show says why in words, naming it", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/variation?indicator=payments_per_patient");
  const main = await page.locator("main").innerText();
  assert.match(main, /No funnel plot: a funnel plot needs a proportion, a ratio or a rate; 'NHS payments per registered patient \(£\)' is none of them/);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("the funnel widens its limits when practices vary more than chance, says so, and a click gives chance alone", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/variation?indicator=face_to_face_share");
  const summary = page.locator(".atlas-figure__summary").first();
  const od = page.locator("#variation-od");
  // Real practices vary far more than chance would make them: the limits are widened,
  // the box is ticked, and the sentence and legend say so.
  assert.match(await summary.innerText(), /vary more than chance alone would make them \(overdispersion φ = [\d.]+\), so the limits are widened for it/);
  assert.equal(await od.isChecked(), true);
  // (The legend wraps the words over two lines.)
  assert.match(await page.locator("#variation-funnel svg").innerHTML(), /95% limits, widened for/);
  await od.uncheck();
  await page.waitForURL(/od=0/);
  await page.waitForFunction(() => /These limits are for chance alone/.test(document.querySelector(".atlas-figure__summary")?.textContent ?? ""));
  assert.equal(await od.isChecked(), false);
  await screenshot(page, "default-variation-unadjusted");
  await session.context.close();
});

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, demo, loadOwnFiles, fluWithEngland } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/scorecard"));
});
after(async () => { await browser?.close(); await server?.close(); });

const measureCount = (page) => page.locator("#scorecard-table thead .atlas-scorecard__measure").count();

test("the scorecard lists 55 practices, grouped by domain, with the method and rules", async () => {
  const { page } = session;
  assert.equal(await page.locator("#scorecard-table tbody tr").count(), 55);
  const domains = await page.locator("#scorecard-table thead .atlas-scorecard__domain").allInnerTexts();
  assert.ok(domains.length >= 3, `domains: ${domains}`);
  for (const d of domains) assert.ok(["Access", "Quality", "Outcomes", "Workforce", "Equity"].includes(d.trim()), d);
  assert.match(await page.locator("#composite-method").innerText(), /mean of the domain scores/);
  assert.match(await page.locator("#suppression-rule").innerText(), /1 to 4/);
  assert.match(await page.locator("#scorecard-illustrative").innerText(), /illustrative/i);
  assert.match(await page.locator("#england-comparison").innerText(), /not available/);
  // Every cell says in words what its colour says.
  const cells = await page.locator("#scorecard-table tbody td.atlas-cell").allInnerTexts();
  assert.equal(cells.length, 55 * (await measureCount(page)));
  for (const c of cells) assert.match(c, /^(Better|Worse|Similar|Higher|Lower|Not compared|Not reported|Suppressed)/);
  assert.ok(cells.some((c) => /^Better \(99\.8%\)/.test(c)));
});

test("each practice's components can be opened", async () => {
  const { page } = session;
  const first = page.locator("#scorecard-table tbody tr").first().locator("details.atlas-components");
  await first.locator("summary").click();
  const text = await first.innerText();
  assert.match(text, /Overall score/);
  assert.match(text, /Access: /);
  assert.match(text, /→ [+−-]?\d|→ not scored/);
  await first.locator("summary").click();
});

test("sorting by the overall score orders the rows and sets aria-sort", async () => {
  const { page } = session;
  const header = page.locator("#scorecard-table thead th", { hasText: "Overall score" });
  await header.locator("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  const scores = (await page.locator("#scorecard-table tbody td.atlas-scorecard__overall").allInnerTexts()).map(Number);
  assert.equal(scores.length, 55);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  const ranks = (await page.locator("#scorecard-table tbody tr td:first-child").allInnerTexts()).map(Number);
  assert.equal(ranks[0], 1);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  await header.locator("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "ascending");
});

test("the CSV download agrees with the table", async () => {
  const { page } = session;
  const measures = await measureCount(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("#scorecard-download").click(),
  ]);
  assert.equal(download.suggestedFilename(), "scorecard-practices.csv");
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines[0], "Area code,Area,Indicator,Domain,Period,Value,Lower 95%,Upper 95%,Lower 99.8%,Upper 99.8%,City value,Compared with city,Compared by,England value,Compared with England,Publisher's verdict against England,Score,Domain score,Overall score,Rank");
  assert.equal(lines.length - 1, 55 * measures);
  // Every row names the method its verdict came from, and the header says it too.
  const methodColumn = lines[0].split(",").indexOf("Compared by");
  for (const line of lines.slice(1, 20)) {
    assert.match(line, /95% and 99\.8% confidence intervals|SPC for proportions at 99\.8%/);
  }
  assert.ok(methodColumn > 0);
  assert.match(await page.locator(".atlas-scorecard__measure .atlas-scorecard__method").first().innerText(), /intervals|SPC/);
  assert.match(await page.locator("#comparison-methods").innerText(), /SPC for proportions/);
});

test("PCN level and the tartan rug live in the URL", async () => {
  const { page } = session;
  await page.selectOption("#scorecard-level", "pcn");
  await page.waitForURL(/level=pcn/);
  assert.equal(await page.locator("#scorecard-table tbody tr").count(), 10);
  await page.selectOption("#scorecard-view", "rug");
  await page.waitForURL(/view=rug/);
  const codes = await page.locator("#scorecard-table tbody td.atlas-cell > span[aria-hidden=true]").allInnerTexts();
  assert.equal(codes.length, 10 * (await measureCount(page)));
  for (const c of codes) assert.ok(c.trim().length >= 1 && c.trim().length <= 2, c);
  const label = await page.locator("#scorecard-table tbody td.atlas-cell .nhsuk-u-visually-hidden").first().innerText();
  assert.match(label, /: (Better|Worse|Similar|Higher|Lower|Not compared|Not reported|Suppressed)/);
  await screenshot(page, "scorecard-pcn-rug");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the rug makes the page ${overflow}px wider than the screen`);
  // Reloading keeps both choices.
  await visit(session, demo("/scorecard?level=pcn&view=rug"));
  assert.equal(await page.locator("#scorecard-level").inputValue(), "pcn");
  assert.equal(await page.locator("#scorecard-view").inputValue(), "rug");
  assert.equal(await page.locator("#scorecard-table tbody tr").count(), 10);
});

test("on the published default, each practice can be judged against its similar practices, by keyboard", async () => {
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, "/scorecard");
  const select = page.locator("#scorecard-against");
  // England is listed but not offered: the default gives no England value for these measures.
  assert.equal(await select.locator("option[value=england]").getAttribute("disabled"), "");
  assert.match(await select.locator("option[value=england]").innerText(), /not in these data/);
  await select.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.waitForURL(/against=similar/);
  await page.waitForFunction(() => /every practice against its similar practices, by domain/.test(document.querySelector("#scorecard-table caption")?.innerText ?? ""));
  assert.match(await page.locator("#composite-method").innerText(), /better than its similar practices at 99\.8%/);
  assert.match(await page.locator("#scorecard-key-title").innerText(), /compared with its similar practices$/);
  // Measures published as percentages alone cannot be pooled: named, and why.
  assert.match(await page.locator("#scorecard-uncompared").innerText(), /not compared with its similar practices, because the files give practices' values for them without the counts needed to pool/);
  const first = page.locator("#scorecard-table tbody tr").first().locator("details.atlas-components");
  await first.locator("summary").click();
  assert.match(await first.innerText(), /against its 10 similar practices: [^;\n]+(; [^;\n]+){9}|not compared, because/);
  assert.match(await page.locator("#scorecard-similar-rule").innerText(), /^Similar practices: The 10 practices nearest on deprivation \(IMD 2019 score of the registered population\) and list size/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#scorecard-download").click()]);
  const header = (await readFile(await download.path(), "utf8")).split(/\r\n/)[0];
  assert.match(header, /,Similar practices value,Compared with similar practices,/);
  await screenshot(page, "scorecard-similar");
  // PCNs have no similar practices of their own: they stay against the city, and say so.
  await page.selectOption("#scorecard-level", "pcn");
  await page.waitForURL(/level=pcn/);
  assert.match(await page.locator("#scorecard-against-note").innerText(), /PCNs are compared with the city/);
  assert.deepEqual(s.errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await s.context.close();
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await visit(session, demo("/scorecard"));
  await screenshot(session.page, "scorecard");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("the scorecard fits a 320 px wide screen: the table scrolls in its own region", async () => {
  const narrow = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  await visit(narrow, demo("/scorecard"));
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const region = narrow.page.locator("[role=region][tabindex='0']").first();
  assert.ok(await region.getAttribute("aria-label"));
  await screenshot(narrow.page, "scorecard-320px");
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await narrow.context.close();
});

test("where the user's files give England's value, each cell is compared with England too", async () => {
  // England at 50%: the practices at 90% and 20% differ from it at 99.8%, the one at 51% does not.
  const s = await loadOwnFiles(browser, server.origin, fluWithEngland(50));
  const { page } = s;
  await visit(s, "/scorecard");
  await page.waitForSelector("#scorecard-table");
  assert.match(await page.locator("#england-comparison").innerText(), /for 1 of the 1 measures/);
  const cell = async (code) => page.locator(`#scorecard-table tr[data-area="${code}"] td.atlas-cell`).innerText();
  assert.match(await cell("C82005"), /against England: Better \(99\.8%\)/);
  assert.match(await cell("C82008"), /against England: Worse \(99\.8%\)/);
  assert.match(await cell("C82010"), /against England: Similar/);
  await screenshot(page, "scorecard-england");
  // England as the comparator: the colours, the codes and the composite follow it.
  await page.selectOption("#scorecard-against", "england");
  await page.waitForURL(/against=england/);
  await page.waitForFunction(() => /against England, by domain/.test(document.querySelector("#scorecard-table caption")?.innerText ?? ""));
  assert.match(await cell("C82005"), /^Better \(99\.8%\)/);
  assert.match(await cell("C82008"), /^Worse \(99\.8%\)/);
  assert.match(await cell("C82010"), /^Similar/);
  assert.doesNotMatch(await cell("C82005"), /against England:/);
  assert.match(await page.locator("#scorecard-key-title").innerText(), /compared with England$/);
  assert.match(await page.locator("#composite-method").innerText(), /better than England at 99\.8%/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(s.errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await visit(s, "/data");
  await page.locator("#clear-data").click();
  await s.context.close();
});

test("a Fingertips export's own verdicts stand beside ours, with the method they settle", async () => {
  const dir = await mkdtemp(join(tmpdir(), "atlas-fingertips-"));
  const practices = join(dir, "practices.csv");
  const exported = join(dir, "indicators-fingertips.csv");
  await writeFile(practices, "practice_code,practice_name,pcn_code,pcn_name,list_size\r\nC82005,Groby Road,U87499,G3 PCN,10000\r\nC82008,Oakmeadow,U87499,G3 PCN,10000\r\nC82010,Westcotes,U87499,G3 PCN,10000\r\nC82011,Heatherbrook,U87499,G3 PCN,1000\r\n");
  // England 0.738%. At 10,000 patients SPC for proportions at 99.8% puts its limits at
  // 0.52% and 1.05%: 1.2% is higher, 0.3% lower, 0.75% similar. At 1,000 patients they
  // are 0.25% and 2.16%, so 1.7% is similar, where interval overlap (at 95% or 99.8%)
  // and SPC at 95% call it higher: Fingertips says similar, so SPC at 99.8% is settled.
  const header = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to percentiles,Time period Sortable,New data,Compared to goal,Time period range";
  const row = (code, type, value, count, denominator, verdict) =>
    `247,Dementia: QOF prevalence (all ages),,,${code},${code},${type},Persons,All ages,,,2022/23,${value},,,,,${count},${denominator},,,${verdict},Not compared,20220000,,,1y`;
  await writeFile(exported, [
    header,
    row("E92000001", "England", 0.737955, 460330, 62378057, "Not compared"),
    row("C82005", "GPs", 1.2, 120, 10000, "Higher"),
    row("C82008", "GPs", 0.3, 30, 10000, "Lower"),
    row("C82010", "GPs", 0.75, 75, 10000, "Similar"),
    row("C82011", "GPs", 1.7, 17, 1000, "Similar"),
  ].join("\r\n") + "\r\n");
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, "/data");
  await page.setInputFiles("#data-files", [practices, exported]);
  await page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  assert.match(await page.locator("main").innerText(), /compared by SPC for proportions at 99\.8%, the Fingertips method that reproduces most of its published verdicts against England \(4 of 4\)/);
  await visit(s, "/scorecard");
  await page.waitForSelector("#scorecard-table");
  const cell = async (code) => page.locator(`#scorecard-table tr[data-area="${code}"] td.atlas-cell`).first().innerText();
  assert.match(await cell("C82005"), /against England: Higher \(99\.8%\); Fingertips: Higher \(ours agrees\)/);
  assert.match(await cell("C82011"), /against England: Similar; Fingertips: Similar \(ours agrees\)/);
  assert.match(await page.locator("#england-comparison").innerText(), /Fingertips export gives its own verdict/);
  assert.match(await page.locator(".atlas-scorecard__method").first().innerText(), /SPC, 99\.8%/);
  await screenshot(page, "scorecard-fingertips");
  assert.deepEqual(s.errors, []);
  await visit(s, "/data");
  await page.locator("#clear-data").click();
  await s.context.close();
});

test("a download the browser refuses is said on the page, whichever button asked", async () => {
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, "/scorecard");
  assert.equal(await page.locator("#download-notice").innerText(), "");
  await page.evaluate(() => { URL.createObjectURL = () => { throw new Error("blocked by a test"); }; });
  await page.locator("#scorecard-download").click();
  assert.match(await page.locator("#download-notice").innerText(), /The browser did not save scorecard-practices\.csv/);
  await s.context.close();
});

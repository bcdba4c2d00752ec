import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo, loadOwnFiles } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/equity"));
});
after(async () => { await browser?.close(); await server?.close(); });

test("equity shows every PCN's baseline, target, latest and gap, with the target rule", async () => {
  // The demonstration has no deprivation scores: the page says so where the SII would be.
  assert.match(await session.page.locator("#equity-sii").innerText(), /^No slope index of inequality across the PCNs: these data have no deprivation score for the practices/);
  const { page } = session;
  assert.match(await page.locator("#equity-target-rule").innerText(), /closes half the gap/);
  assert.match(await page.locator("#equity-illustrative").innerText(), /illustrative/i);
  const options = await page.locator("#equity-indicator option").allInnerTexts();
  assert.equal(options.length, 6);
  assert.equal(await page.locator("#equity-table tbody tr").count(), 10);
  const headers = await page.locator("#equity-table thead th").allInnerTexts();
  for (const h of ["Baseline", "Target", "Latest", "Gap to best"]) assert.ok(headers.some((x) => x.includes(h)), h);
  // One PCN is the best: its gap is 0.0.
  const gaps = await page.locator("#equity-table tbody td:nth-child(7)").allInnerTexts();
  assert.ok(gaps.includes("0.0"), gaps.join(" "));
  assert.match(await page.locator("#equity-sentence").innerText(), /of 10 PCNs/);
});

test("the spread chart has its sentence, three series and a table", async () => {
  const { page } = session;
  const figure = page.locator(".atlas-figure").first();
  assert.match(await figure.locator(".atlas-figure__summary").innerText(), /percentage points/);
  assert.equal(await page.locator("#equity-chart svg[role=img]").count(), 1);
  await openTableView(figure);
  const rows = await figure.locator("table tbody tr").count();
  assert.ok(rows >= 4, `spread rows: ${rows}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  // Every row says where its figures come from.
  assert.equal(lines[0], "Period,Lowest PCN (%),Highest PCN (%),Range (percentage points),Source");
  assert.equal(lines.length - 1, rows);
  assert.ok(lines.slice(1).every((line) => line.split(",").length > 4), lines[1]);
  assert.match(await figure.locator(".atlas-figure__source").innerText(), /\S/);
});

test("the PCN table's CSV agrees with it and it sorts by gap", async () => {
  const { page } = session;
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#equity-download").click()]);
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(lines[0], "PCN code,PCN,Baseline 2021/22 (%),Target 2023/24 (%),Latest period,Latest (%),Gap to best PCN (percentage points)");
  assert.equal(lines.length, 11);
  const header = page.locator("#equity-table thead th").nth(6);
  await header.locator("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  const gaps = (await page.locator("#equity-table tbody td:nth-child(7)").allInnerTexts()).map(Number);
  assert.deepEqual(gaps, [...gaps].sort((a, b) => b - a));
});

test("the measure lives in the URL", async () => {
  const { page } = session;
  await page.selectOption("#equity-indicator", "smi_health_checks");
  await page.waitForURL(/indicator=smi_health_checks/);
  assert.match(await page.locator("#equity-table-title").innerText(), /mental illness|SMI/i);
  await visit(session, demo("/equity?indicator=cancer_screening_breast"));
  assert.equal(await page.locator("#equity-indicator").inputValue(), "cancer_screening_breast");
  assert.match(await page.locator("#equity-table-title").innerText(), /breast/i);
  assert.match(await page.locator(".atlas-figure__title").first().innerText(), /breast/i);
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await visit(session, demo("/equity"));
  await screenshot(session.page, "equity");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  assert.deepEqual(await axeViolations(session.page), []);
});

test("equity fits a 320 px wide screen", async () => {
  const narrow = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  await visit(narrow, demo("/equity"));
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(narrow.page, "equity-320px");
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await narrow.context.close();
});

// Six PCNs of two practices each, the k-th PCN's practices scored 40 - 5k (the first
// the most deprived), with flu vaccination at 65+ rising from 60% in the first to 85%
// in the last: uptake is higher where fewer people are deprived.
function sixPcnsByDeprivation() {
  const practices = ["practice_code,practice_name,pcn_code,pcn_name,list_size"];
  const indicators = ["indicator_id,area_code,period,numerator,denominator,value"];
  for (let k = 0; k < 6; k++) {
    for (let j = 0; j < 2; j++) {
      const code = `C8${k}00${j}`;
      practices.push(`${code},Practice ${k}${j},U1000${k},PCN ${k + 1},${8000 + 1000 * j}`);
      indicators.push(`flu_vaccination_65plus,${code},2023/24,${(60 + 5 * k) * 10},1000,`);
      indicators.push(`fingertips_93553,${code},2019/20,,,${40 - 5 * k}`);
    }
  }
  return {
    "practices.csv": practices.join("\r\n") + "\r\n",
    "indicators.csv": indicators.join("\r\n") + "\r\n",
    "indicator_metadata.csv": "indicator_id,name,domain,unit,polarity\r\nflu_vaccination_65plus,Flu vaccination uptake (aged 65+),equity,proportion,high is good\r\nfingertips_93553,Deprivation score (IMD 2019),equity,mean,no judgement\r\n",
  };
}

test("on the user's files with deprivation, each PCN's gap has its deprivation beside it and the SII across PCNs", async () => {
  const own = await loadOwnFiles(browser, server.origin, sixPcnsByDeprivation());
  const { page } = own;
  await visit(own, "/equity");
  await page.waitForSelector("#equity-table tbody tr");
  const headers = await page.locator("#equity-table thead th").allInnerTexts();
  assert.ok(headers.some((h) => h.includes("Deprivation (IMD 2019 score)")), headers.join(" | "));
  assert.ok(headers.some((h) => h.includes("Deprivation rank (1 most deprived)")), headers.join(" | "));
  const rows = await page.locator("#equity-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText)));
  assert.equal(rows.length, 6);
  // The most deprived PCN (PCN 1, score 40) has rank 1 and the biggest gap to the best.
  const first = rows.find((r) => r[1] === "PCN 1");
  assert.deepEqual([first[6], first[7], first[8]], ["25.0", "40.0", "1"]);
  // No baseline in these files, so no target: said, not counted.
  assert.match(await page.locator("#equity-sentence").innerText(), /No PCN has a 2021\/22 baseline in these data, so none has a 2023\/24 target\.$/);
  const sii = await page.locator("#equity-sii").innerText();
  assert.match(sii, /^Across the 6 PCNs of .+ ranked by the deprivation of their registered patients \(IMD 2019\), Flu vaccination uptake \(aged 65\+\) \(2023\/24\) is \d+\.\d percentage points higher at the least deprived end of the PCNs' population than at the most deprived, on the line fitted across the PCNs \(slope index of inequality \d+\.\d, 95% interval \d+\.\d to \d+\.\d; the interval does not include zero\)\. This describes a gradient between PCNs, not its cause\.$/);
  await screenshot(page, "equity-deprivation");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(own.errors, []);
  await own.page.close();
});

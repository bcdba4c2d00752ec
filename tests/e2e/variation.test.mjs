import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot, openTableView, demo, loadOwnFiles, fluWithEngland } from "./harness.mjs";

let server, browser, session;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await openPage(browser, server.origin);
  await visit(session, demo("/variation"));
});
after(async () => { await browser?.close(); await server?.close(); });

const funnelButtons = "#variation-funnel button.atlas-marker";

test("the page has its controls and three charts, each with a sentence", async () => {
  const { page } = session;
  assert.equal(await page.locator("h1").innerText(), "Variation between practices");
  for (const label of ["Measure", "Period", "Area for the chart over time and the spread", "Widen the funnel limits for overdispersion"]) {
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  }
  assert.ok((await page.locator("#variation-indicator option").count()) >= 10);
  assert.equal(await page.locator(".atlas-figure").count(), 4);
  const summaries = await page.locator(".atlas-figure__summary").allInnerTexts();
  assert.match(summaries[0], /^Of \d+ practices in \w+ \d{4}, \d+ (is|are) above the 95% limits/);
  assert.match(summaries[1], /^\d+ practices ranked in /);
  assert.match(summaries[2], /^(Special cause|Common cause)/);
  assert.match(await page.locator(".atlas-chart-notes").innerText(), /Variation: /);
});

test("the funnel's points and its table agree, and the CSV has the same rows", async () => {
  const { page } = session;
  const points = await page.locator("#variation-funnel svg .point[data-index]").count();
  assert.equal(await page.locator(funnelButtons).count(), points);
  const figure = page.locator(".atlas-figure").first();
  await openTableView(figure);
  assert.equal(await figure.locator("tbody tr").count(), points);
  // Each practice in the table opens its profile (the keyboard route on crowded charts).
  assert.match(await figure.locator("tbody tr td a").first().getAttribute("href"), /^\/practices\/[A-Z]\d{5}$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "variation-funnel.csv");
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r\n/);
  // Every row says where its figures come from: here, the demonstration's are illustrative.
  assert.equal(lines[0], "Practice,Numerator,Denominator,Value,Significance,Source");
  assert.ok(lines.slice(1).every((l) => l.endsWith(',"Illustrative: synthetic values made by a fixed rule for this demonstration, not published figures."')), lines[1]);
  assert.equal(lines.length - 1, points);
  // The ranked chart: one button per practice ranked, one table row each.
  const ranked = page.locator(".atlas-figure").nth(1);
  await openTableView(ranked);
  assert.equal(await ranked.locator("tbody tr").count(), await page.locator("#variation-caterpillar button.atlas-marker").count());
});

test("the view is in the URL and a link reproduces it", async () => {
  const { page } = session;
  const select = page.locator("#variation-indicator");
  const second = await select.locator("option").nth(1).getAttribute("value");
  await select.selectOption(second);
  await page.waitForURL(new RegExp(`indicator=${second}`));
  const periodValue = await page.locator("#variation-period option").nth(3).getAttribute("value");
  await page.locator("#variation-period").selectOption(periodValue);
  const pcn = await page.locator("#variation-area optgroup[label=PCNs] option").first().getAttribute("value");
  await page.locator("#variation-area").selectOption(pcn);
  await page.waitForURL(new RegExp(`area=${pcn}`));
  const title = await page.locator(".atlas-figure__title").first().innerText();
  const spcTitle = await page.locator(".atlas-figure__title").nth(2).innerText();
  const url = page.url();
  assert.match(url, /period=/);
  const other = await openPage(browser, server.origin);
  await other.page.goto(url);
  await other.page.waitForSelector(".atlas-figure__title");
  assert.equal(await other.page.locator("#variation-indicator").inputValue(), second);
  assert.equal(await other.page.locator("#variation-period").inputValue(), periodValue);
  assert.equal(await other.page.locator("#variation-area").inputValue(), pcn);
  assert.equal(await other.page.locator(".atlas-figure__title").first().innerText(), title);
  assert.equal(await other.page.locator(".atlas-figure__title").nth(2).innerText(), spcTitle);
  assert.deepEqual(other.errors, []);
  await other.context.close();
});

test("the spread across practices marks the chosen practice in the picture, the sentence and the table", async () => {
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, demo("/variation"));
  const spread = page.locator(".atlas-figure", { has: page.locator("#variation-spread-chart") });
  assert.match(await spread.locator(".atlas-figure__summary").innerText(), /^Across \d+ practices in .+: the middle half lie between .+ and .+, nine in ten between .+ and .+; the median is .+\.$/);
  assert.equal(await spread.locator("button.atlas-marker, svg .point").count(), 0);
  const option = page.locator("#variation-area optgroup[label=Practices] option").first();
  const [code, name] = [await option.getAttribute("value"), await option.innerText()];
  await page.locator("#variation-area").selectOption(code);
  await page.waitForURL(new RegExp(`area=${code}`));
  await page.waitForSelector("#variation-spread-chart .point");
  const summary = await spread.locator(".atlas-figure__summary").innerText();
  assert.ok(summary.includes(`${name} is `), summary);
  await openTableView(spread);
  const rows = await spread.locator("tbody tr").allInnerTexts();
  assert.equal(rows.length, 7);
  assert.match(rows[0], /^5th percentile of \d+ practices/);
  assert.ok(rows[6].startsWith(name), rows[6]);
  assert.match(await spread.locator("svg .point title").textContent(), new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
  await screenshot(page, "variation-spread");
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test("the SPC chart of a measure with a target says whether the target will be met", async () => {
  const s = await openPage(browser, server.origin);
  await visit(s, demo("/variation?indicator=appointments_per_1000_week"));
  const notes = await s.page.locator(".atlas-chart-notes").innerText();
  assert.match(notes, /Variation: /);
  assert.match(notes, /Assurance: /);
  // The paper's standard of 75 a week is drawn on the chart, and listed in its legend.
  assert.match(await s.page.locator("#variation-spc svg").textContent(), /Target/);
  await s.context.close();
});

test("the pandemic months are set apart on the chart over time, and a click puts them back", async () => {
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, demo("/variation?indicator=appointments_per_1000_week"));
  const spc = page.locator(".atlas-figure").nth(2);
  const box = page.getByLabel("Set the pandemic months apart (Apr 2020 – Mar 2021)");
  assert.equal(await box.isChecked(), true);
  assert.match(await spc.locator(".atlas-figure__summary").innerText(), /The limits are worked out separately for the pandemic months \(Apr 2020 – Mar 2021\) and for either side of them\.$/);
  // Three segments: the mean steps twice.
  await openTableView(spc);
  const means = new Set((await spc.locator("tbody tr td:nth-child(3)").allInnerTexts()));
  assert.equal(means.size, 3, [...means].join(" | "));
  await screenshot(page, "variation-spc-pandemic");
  await box.uncheck();
  await page.waitForURL(/covid=0/);
  assert.doesNotMatch(await spc.locator(".atlas-figure__summary").innerText(), /pandemic/);
  assert.equal(new Set(await spc.locator("tbody tr td:nth-child(3)").allInnerTexts()).size, 1);
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test("no console errors, no request leaves the origin, no axe violations", async () => {
  await visit(session, demo("/variation"));
  await screenshot(session.page, "variation");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  // Practices with close values and denominators overlap on the funnel and the ranked
  // chart, so axe's target-size rule fails on some markers. WCAG 2.5.8's "Equivalent"
  // exception applies: every practice is in each chart's table view on the same page,
  // and the Practices page links every profile with full-size targets.
  assert.deepEqual(await axeViolations(session.page, [["target-size", ".atlas-marker"]]), []);
});

test("a keyboard user opens a practice's profile from the funnel", async () => {
  const { page } = session;
  await visit(session, demo("/variation"));
  await page.locator("#variation-od").focus();
  let focused = "";
  for (let i = 0; i < 8 && !focused.includes("atlas-marker"); i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.className ?? "");
  }
  assert.match(focused, /atlas-marker/);
  const label = await page.evaluate(() => document.activeElement.getAttribute("aria-label"));
  assert.match(await page.locator("#variation-funnel-tooltip").innerText(), new RegExp(label.split(",")[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/practices\/[A-Z]\d{5}$/);
  // The profile shows the practice the point was.
  await page.waitForSelector(".atlas-facts");
  assert.equal(await page.locator("h1").innerText(), label.split(",")[0]);
  await screenshot(page, "variation-drilldown");
});

test("a chart of hundreds of practices has no button per point: the pointer finds them, the table lists them", async () => {
  // 450 practices (over the 400 at which charts stop laying a button per point).
  const dir = await mkdtemp(join(tmpdir(), "atlas-crowded-"));
  const practices = ["practice_code,practice_name,pcn_code,pcn_name,list_size"];
  const values = ["indicator_id,area_code,period,numerator,denominator,value"];
  for (let i = 0; i < 450; i++) {
    const code = `Y${10000 + i}`;
    practices.push(`${code},Practice ${i},U${10000 + (i % 30)},PCN ${i % 30},${3000 + 37 * i}`);
    const denominator = 200 + 7 * i;
    values.push(`uptake,${code},2022/23,${Math.round(denominator * (0.4 + 0.3 * ((i * 7919) % 100) / 100))},${denominator},`);
  }
  const files = [
    [join(dir, "practices.csv"), practices.join("\r\n")],
    [join(dir, "indicators.csv"), values.join("\r\n")],
    [join(dir, "indicator_metadata.csv"), "indicator_id,name,domain,unit,polarity\r\nuptake,Uptake,quality,proportion,high is good"],
  ];
  for (const [path, text] of files) await writeFile(path, text + "\r\n");
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await visit(s, "/data");
  await page.setInputFiles("#data-files", files.map(([path]) => path));
  await page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  await visit(s, "/variation?indicator=uptake");
  await page.waitForSelector("#variation-funnel svg");
  assert.equal(await page.locator("#variation-funnel button.atlas-marker").count(), 0);
  assert.equal(await page.locator("#variation-caterpillar button.atlas-marker").count(), 0);
  assert.match(await page.locator(".atlas-figure").first().innerText(), /450 points: too many to reach one by one with the keyboard/);
  // The ranked chart is a band without names, its rows named in the table view.
  assert.match(await page.locator("#variation-caterpillar svg").textContent(), /450 areas, ranked highest first/);
  // Sweep the pointer over the funnel until a practice's tooltip shows; select it.
  await page.locator("#variation-funnel").scrollIntoViewIfNeeded();
  const box = await page.locator("#variation-funnel").boundingBox();
  let found = null;
  for (let y = 0.15; y < 0.9 && !found; y += 0.02) {
    for (let x = 0.1; x < 0.7 && !found; x += 0.02) {
      await page.mouse.move(box.x + x * box.width, box.y + y * box.height);
      if (await page.locator("#variation-funnel-tooltip").count()) found = { x, y };
    }
  }
  assert.ok(found, "the pointer found a practice on the funnel");
  const name = await page.locator("#variation-funnel-tooltip strong").innerText();
  assert.match(name, /^Practice \d+$/);
  await page.mouse.click(box.x + found.x * box.width, box.y + found.y * box.height);
  await page.waitForURL(/\/practices\/Y1\d{4}$/);
  await page.waitForSelector(".atlas-facts");
  assert.equal(await page.locator("h1").innerText(), name);
  // Keyboard users open practices from the funnel's table view: every code is a link.
  await visit(s, "/variation?indicator=uptake");
  const funnel = page.locator(".atlas-figure").first();
  await openTableView(funnel);
  assert.equal(await funnel.locator("tbody a[href^='/practices/']").count(), 450);
  await screenshot(page, "variation-crowded");
  assert.deepEqual(s.errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await visit(s, "/data");
  await page.locator("#clear-data").click();
  await s.context.close();
});

test("where the user's files give England's value, the funnel can be centred on it and practices ranked against it", async () => {
  // England at 50%: 90% (1,890 of 2,100) is above its 99.8% limits, 20% below them,
  // 51% (1,020 of 2,000) within: at n = 2,000 the 95% limits are 50 ± 2.2.
  const s = await loadOwnFiles(browser, server.origin, fluWithEngland(50));
  const { page } = s;
  await visit(s, "/variation");
  const funnelFigure = page.locator(".atlas-figure", { has: page.locator("#variation-funnel") });
  const rankedFigure = page.locator(".atlas-figure", { has: page.locator("#variation-caterpillar") });
  assert.match(await funnelFigure.locator(".atlas-figure__summary").innerText(), /around the city's 56\.0\./);
  await page.locator("#variation-against").focus();
  await page.keyboard.press("ArrowDown");
  await page.waitForURL(/against=england/);
  await page.waitForFunction(() => /around England's 50\.0\./.test(document.querySelector("#variation-funnel")?.closest(".atlas-figure")?.querySelector(".atlas-figure__summary")?.innerText ?? ""));
  // Three practices this far apart are overdispersed; chance-alone limits show the test.
  await page.locator("#variation-od").click();
  await page.waitForURL(/od=0/);
  await page.waitForFunction(() => /for chance alone/.test(document.querySelector("#variation-funnel")?.closest(".atlas-figure")?.querySelector(".atlas-figure__summary")?.innerText ?? ""));
  const funnel = await funnelFigure.locator(".atlas-figure__summary").innerText();
  assert.match(funnel, /^Of 3 practices in 2022\/23, 1 is above the 95% limits \(1 of them above 99\.8%\) and 1 below \(1 of them below 99\.8%\)/);
  assert.match(await page.locator("#variation-funnel svg").first().innerHTML(), /England \(50/);
  const ranked = await rankedFigure.locator(".atlas-figure__summary").innerText();
  assert.match(ranked, /against England \(50\.0\)/);
  assert.match(ranked, /1 better than England/);
  await openTableView(rankedFigure);
  const headings = await rankedFigure.locator("thead th").allInnerTexts();
  assert.ok(headings.some((h) => h.trim().startsWith("Compared with England")), headings.join("|"));
  await screenshot(page, "variation-england");
  assert.deepEqual(s.errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await visit(s, "/data");
  await page.locator("#clear-data").click();
  await s.context.close();
});

// Publishing a site in two commands, as an ICB would: `pcatlas bundle` on national files
// cut to a sub-ICB other than Leicester City, then `tools/publish.sh`. The published
// site's Overview shows that place's practices and registered total, computed here from
// the source file; a damaged or other-version bundle is said plainly, never a blank page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, screenshot } from "./harness.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const ENGLAND = new URL("../../../shared/realdata/gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_england.csv", import.meta.url).pathname;
const PLACE = "03W"; // NHS East Leicestershire and Rutland CCG, January 2021
const WORK = join(ROOT, "target/e2e-data/publish-03W");
const SITE = join(ROOT, "target/e2e-site-03W/");

let server, browser, expected;
before(async () => {
  if (!existsSync(ENGLAND)) return;
  // The cut, and the figures the site must show, read straight from the source rows.
  const lines = readFileSync(ENGLAND, "utf8").split(/\r?\n/).filter((l) => l !== "");
  const header = lines[0].split(",");
  const ccg = header.indexOf("CCG_CODE");
  const patients = header.indexOf("NUMBER_OF_PATIENTS");
  const rows = lines.slice(1).filter((l) => l.split(",")[ccg] === PLACE);
  expected = { practices: rows.length, patients: rows.reduce((sum, l) => sum + Number(l.split(",")[patients]), 0) };
  mkdirSync(WORK, { recursive: true });
  const cut = join(WORK, `gp-reg-pat-prac-all_jan2021_${PLACE}.csv`);
  writeFileSync(cut, [lines[0], ...rows].join("\r\n") + "\r\n");
  execFileSync("cargo", ["run", "-q", "--locked", "-p", "atlas-cli", "--", "bundle", "--out", join(WORK, "data"), "--extracted", "2026-06-30", cut], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("bash", ["tools/publish.sh", "--data", join(WORK, "data"), "--out", SITE], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  server = await startServer(SITE);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

test("a site published from another sub-ICB's files shows that place", { skip: !existsSync(ENGLAND) && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/");
  await page.locator(".atlas-source", { hasText: "Published data" }).waitFor({ timeout: 30_000 });
  assert.match(await page.locator(".atlas-source").innerText(), /published by this site from 1 file of public data \(gp-reg-pat-prac-all_jan2021_03W\.csv\)/);
  assert.equal(await page.locator("h1").innerText(), `Primary care in Sub-ICB area ${PLACE}`);
  const headline = await page.locator(".atlas-headline").innerText();
  assert.match(headline, new RegExp(`${expected.practices}\\s+practices`));
  assert.match(headline, new RegExp(expected.patients.toLocaleString("en-GB")));
  // No Risk page in a public build.
  const links = await page.getByRole("navigation", { name: "Pages" }).getByRole("link").allInnerTexts();
  assert.ok(!links.includes("Risk"), links.join(", "));
  await screenshot(page, "published-site-overview");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

test("the published site's pages are pre-rendered from its own bundle: read with no script, they show that place", { skip: !existsSync(ENGLAND) && "../shared/realdata is absent" }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  assert.equal(await page.locator("h1").innerText(), `Primary care in Sub-ICB area ${PLACE}`);
  for (const path of ["/", "/practices", "/pcns", "/population", "/methods"]) {
    await page.goto(`${server.origin}${path}`);
    assert.equal(await page.locator("#atlas-prerendered").count(), 1, path);
    assert.match(await page.locator(".atlas-source").innerText(), /published by this site from 1 file of public data/, path);
    const text = (await page.locator("body").innerText())
      .replaceAll("the built-in one has Leicester's 2018 postcodes", "")
      .replaceAll("OS Code-Point Open 2018, Leicester (built in)", "");
    assert.equal(text.split("\n").find((l) => /Leicester/.test(l)), undefined, path);
  }
  // The practices listed are the place's, as many as its source rows.
  await page.goto(`${server.origin}/practices`);
  assert.equal(await page.locator("#atlas-prerendered tbody tr").count(), expected.practices);
  await context.close();
});

test("another place's site carries none of Leicester's targets or words", { skip: !existsSync(ENGLAND) && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  for (const path of ["/", "/map", "/pcns", "/practices", "/scorecard", "/variation", "/trajectories", "/equity", "/priorities", "/briefing", "/data", "/methods"]) {
    await visit(session, path);
    await page.locator(".atlas-source", { hasText: "Published data" }).waitFor({ timeout: 30_000 });
    // The map may name the built-in postcode lookup truly (Leicester's 2018 postcodes),
    // as the source of a location or why a practice is unplaced. Nothing else may.
    const text = (await page.locator("body").innerText())
      .replaceAll("the built-in one has Leicester's 2018 postcodes", "")
      .replaceAll("OS Code-Point Open 2018, Leicester (built in)", "");
    const line = text.split("\n").find((l) => /Leicester/.test(l));
    assert.equal(line, undefined, `${path} names Leicester: ${line}`);
    if (path === "/trajectories") {
      // Targets are data: this place's files set none, so no card has one.
      const cards = page.locator(".atlas-cards > li");
      assert.equal(await cards.count(), 8);
      const main = await page.locator("main").innerText();
      assert.doesNotMatch(main, /target of|Target expected|Target: |At least 75|50% of GP|by Q3 2022\/23|April 2022 paper/);
      assert.match(main, /These files set no targets/);
      await screenshot(page, "published-site-trajectories");
    }
    if (path === "/methods") {
      // The sources come from the bundle's record: its place, its one publication,
      // the month its lists are true at and the day given to pcatlas bundle --extracted.
      assert.equal(await page.locator("#default-data").innerText(), `Sub-ICB area ${PLACE}: the data on this site`);
      const rows = await page.locator("#default-publications tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText)));
      assert.deepEqual(rows.map((r) => [r[0], r[3], r[4]]), [["Patients Registered at a GP Practice", "Jan 2021", "30 Jun 2026"]]);
      assert.equal(await page.locator("#not-published").count(), 0);
      await screenshot(page, "published-site-methods");
    }
  }
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("on another place's site, 'Show the default' returns to its published data and 'Show my data again' to the visitor's", { skip: !existsSync(ENGLAND) && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  await page.locator(".atlas-source", { hasText: "Published data" }).waitFor({ timeout: 30_000 });
  const practices = join(WORK, "practices.csv");
  writeFileSync(practices, "practice_code,practice_name,pcn_code,pcn_name,list_size\r\nC82005,Groby Road,U87499,G3 PCN,10500\r\nC82008,Oakmeadow,U87499,G3 PCN,8300\r\n");
  await page.setInputFiles("#data-files", [practices]);
  await page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  assert.match(await page.locator(".atlas-source").innerText(), /^Your data/);
  const showDefault = page.locator("#show-default");
  assert.equal(await showDefault.innerText(), `Show the Sub-ICB area ${PLACE} default`);
  await showDefault.click();
  assert.match(await page.locator("#showing-default").innerText(), new RegExp(`The pages show the Sub-ICB area ${PLACE} default`));
  assert.match(await page.locator(".atlas-source").innerText(), /published by this site from 1 file/);
  await page.locator("#show-mine").click();
  await page.waitForFunction(() => /^Your data/.test(document.querySelector(".atlas-source")?.innerText ?? ""));
  await page.locator("#clear-data").click();
  await page.locator("#data-cleared").waitFor();
  assert.match(await page.locator("#data-cleared").innerText(), new RegExp(`show the Sub-ICB area ${PLACE} default again`));
  assert.match(await page.locator(".atlas-source").innerText(), /published by this site/);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("a damaged or other-version bundle is said plainly", { skip: !existsSync(ENGLAND) && "../shared/realdata is absent" }, async () => {
  const bundle = join(SITE, "data/atlas-bundle.json");
  const good = readFileSync(bundle, "utf8");
  try {
    writeFileSync(bundle, good.slice(0, 200));
    let session = await openPage(browser, server.origin);
    await visit(session, "/");
    await session.page.waitForSelector("#published-error");
    assert.match(await session.page.locator("#published-error").innerText(), /atlas-bundle\.json is damaged: line 1, column 200/);
    // The page is not blank: the built-in example is there, and says so.
    assert.match(await session.page.locator(".atlas-headline").innerText(), /practices/);
    await screenshot(session.page, "published-site-damaged");
    await session.context.close();

    writeFileSync(bundle, good.replace('"version":1', '"version":99'));
    session = await openPage(browser, server.origin);
    await visit(session, "/");
    await session.page.waitForSelector("#published-error");
    assert.match(await session.page.locator("#published-error").innerText(), /bundle version 99, and this site reads version 1/);
    await session.context.close();
  } finally {
    writeFileSync(bundle, good);
  }
});

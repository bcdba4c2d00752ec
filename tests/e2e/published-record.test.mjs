// The published record on the Data page: a place's own figures count, and practices
// with postcodes are put on the map. Skips when ../shared/realdata is absent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, screenshot } from "./harness.mjs";

const REALDATA = new URL("../../../shared/realdata/", import.meta.url).pathname;
const REGISTRATIONS = join(REALDATA, "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv");
const REGIONAL = join(REALDATA, "appointments-ccg-monthly-llr/Regional_CSV_LeicesterLeicsRut_04C_only.csv");
const haveRealData = existsSync(REGISTRATIONS) && existsSync(REGIONAL);

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test("the sub-ICB appointments file gives the city its return-to-2019 trajectory", { skip: !haveRealData && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  await page.setInputFiles("#data-files", [REGIONAL, REGISTRATIONS]);
  await page.waitForSelector(".atlas-status--ok", { timeout: 120_000 });
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Trajectories" }).click();
  await page.waitForSelector(".atlas-cards > li");
  // Uploaded files set no targets: the card carries the measure's title, not the paper's.
  const card = page.locator(".atlas-cards > li", { hasText: "Appointments against their 2019 level" });
  assert.equal(await card.count(), 1);
  // Targets are data: uploaded files set none, so none of Leicester's is inherited.
  assert.equal(await card.locator(".nhsuk-tag").first().innerText(), "No target");
  assert.match(await card.locator(".atlas-figure__summary").innerText(), /^[^:]+ [^:]+: \d+\.\d \(% of 2019 level\) in Aug 2021\. No target is set for this trajectory here/);
  assert.doesNotMatch(await card.locator(".atlas-chart svg").textContent(), /Target/);
  assert.match(await card.locator(".atlas-card__basis").innerText(), /published for .+ as a whole, Mar 2019 – Aug 2021/i);
  // A line of actual values, one mark per month with a 2019 level to compare with.
  assert.ok((await card.locator(".atlas-chart svg [data-index]").count()) >= 12);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, "trajectories-regional-appointments");

  // A trajectory the files cannot answer says so in words, with no chart.
  const backlog = page.locator(".atlas-cards > li", { hasText: "long-term-condition review backlog" });
  assert.equal(await backlog.locator("svg").count(), 0);
  assert.match(await backlog.locator(".atlas-no-chart").innerText(), /has no data for this trajectory: it needs a long-term-condition review backlog series/);
  await backlog.scrollIntoViewIfNeeded();
  await screenshot(page, "trajectories-no-data-card");
});

const CODE_POINT = join(REALDATA, "postcodes-codepoint-open-2018-le/codepoint_open_2018_le_E06000016_raw.csv");
const EPRACCUR = new URL("../../crates/atlas-core/tests/fixtures/epraccur.csv", import.meta.url).pathname;

test("registrations, ODS epraccur and Code-Point Open put the practices on the map", { skip: !(haveRealData && existsSync(CODE_POINT)) && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  await page.setInputFiles("#data-files", [REGISTRATIONS, EPRACCUR, CODE_POINT]);
  await page.waitForSelector(".atlas-status--ok, .atlas-status--warning", { timeout: 120_000 });
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Map" }).click();
  await page.waitForSelector("#map-figure svg");
  // One focusable marker per placed practice.
  const markers = await page.locator("#map-figure [data-index]").count();
  assert.ok(markers >= 55, `markers ${markers}`);
  const note = await page.locator("#map-attribution").innerText();
  assert.match(note, /postcode centroids from codepoint_open_2018_le_E06000016_raw\.csv/);
  assert.match(note, /Contains OS data © Crown copyright and database right/);
  // epraccur's out-of-area rows (a closed surgery, an out-of-hours service) have
  // postcodes the 2018 extract does not know: listed with the reason, never dropped.
  const unplaced = page.locator("#map-unplaced tbody tr");
  const rows = await unplaced.count();
  for (let i = 0; i < rows; i++) {
    assert.match(await unplaced.nth(i).innerText(), /not in any postcode lookup|no file gives its postcode/);
  }
  await screenshot(page, "map-from-postcodes");
  assert.deepEqual(session.errors, []);
});

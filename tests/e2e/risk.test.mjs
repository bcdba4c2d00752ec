// The Risk page: score an anonymised patient file in the browser, find the cohort,
// download it; identifiers are refused; nothing leaves the device.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot } from "./harness.mjs";

const PATIENTS = new URL("../../target/e2e-data/patients-10000.csv", import.meta.url).pathname;

let server, browser, dir;
before(async () => {
  if (!existsSync(PATIENTS)) throw new Error(`${PATIENTS} missing: tools/test.sh generates it`);
  server = await startServer();
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), "atlas-risk-"));
});
after(async () => { await browser?.close(); await server?.close(); });

/** An NHS number that passes the Modulus 11 check, from a 9-digit stem. */
function nhsNumber(stem) {
  const digits = String(stem).padStart(9, "0").split("").map(Number);
  const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : digits.join("") + check;
}

test("a 10,000-patient file is scored, the cohort shown per practice and downloaded", async () => {
  const session = await openPage(browser, server.origin);
  await visit(session, "/risk");
  assert.match(await session.page.locator("#on-device").innerText(), /stays on this device/);
  await session.page.setInputFiles("#patient-file", PATIENTS);
  await session.page.waitForSelector("#cohort-sentence", { timeout: 60_000 });
  // ⌈3% × 10,000⌉ = 300 patients in the default cohort.
  assert.match(await session.page.locator("#cohort-sentence").innerText(), /^300 of 10,000 patients are in the cohort/);
  const practices = await session.page.locator("#risk-practices tbody tr").count();
  assert.ok(practices >= 50, `${practices} practices`);
  // No count from 1 to 4 is shown as a number.
  const counts = await session.page.locator("#risk-practices tbody td:nth-child(4)").allInnerTexts();
  assert.ok(counts.every((c) => !/^[1-4]$/.test(c.trim())), counts.join(","));
  await screenshot(session.page, "risk");

  const [download] = await Promise.all([
    session.page.waitForEvent("download"),
    session.page.locator("#download-cohort").click(),
  ]);
  assert.equal(download.suggestedFilename(), "cohort.csv");
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r?\n/);
  assert.match(lines[0], /^patient_id,practice_code,age,sex,cms/);
  assert.equal(lines.length, 301);

  // Moving the slider to 5% rebuilds the cohort without reading the file again.
  await session.page.locator("#top-percent").fill("5");
  await session.page.waitForFunction(() => /^500 of 10,000/.test(document.querySelector("#cohort-sentence")?.textContent ?? ""), null, { timeout: 20_000 });

  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), [], "a request left the origin");
  assert.deepEqual(await axeViolations(session.page), []);
  await session.context.close();
});

test("a file with an NHS-number column is refused and nothing of it kept", async () => {
  const rows = ["patient_id,nhs_number,practice_code,age,sex"];
  for (let i = 0, stem = 943476591; rows.length < 21; stem++) {
    const n = nhsNumber(stem);
    if (n) rows.push(`p${i++},${n},C82005,${40 + i},F`);
  }
  const file = join(dir, "with-nhs-numbers.csv");
  await writeFile(file, rows.join("\n"));
  const session = await openPage(browser, server.origin);
  await visit(session, "/risk");
  await session.page.setInputFiles("#patient-file", file);
  await session.page.waitForSelector("#risk-refused", { timeout: 30_000 });
  const text = await session.page.locator("#risk-refused").innerText();
  assert.match(text, /nhs_number/i);
  assert.equal(await session.page.locator("#cohort-sentence").count(), 0);
  await screenshot(session.page, "risk-refused");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

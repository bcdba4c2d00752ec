// The Data page: the user's own files load in the browser, are validated, stay on the
// device, survive a reload, and can be cleared.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchBrowser, openPage, visit, foreignRequests, axeViolations, screenshot } from "./harness.mjs";

const REALDATA = new URL("../../../shared/realdata/", import.meta.url).pathname;
const REGISTRATIONS = join(REALDATA, "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv");
const MAP = join(REALDATA, "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_leicester04C.csv");
const haveRealData = existsSync(REGISTRATIONS) && existsSync(MAP);

let server, browser, dir;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), "atlas-e2e-"));
});
after(async () => { await browser?.close(); await server?.close(); if (dir) await rm(dir, { recursive: true, force: true }); });

async function upload(session, files) {
  await session.page.setInputFiles("#data-files", files);
  await session.page.waitForSelector(".atlas-status--ok, #patients-checked, [role=alert]", { timeout: 60_000 });
}

test("the real registration and map files load, change every page, and survive a reload", { skip: !haveRealData && "../shared/realdata is absent" }, async () => {
  const session = await openPage(browser, server.origin);
  await visit(session, "/data");
  await upload(session, [REGISTRATIONS, MAP]);
  assert.match(await session.page.locator(".atlas-status--ok").innerText(), /Loaded in (\d+ ms|\d+\.\d s)\. Every page/);
  // Where the time went, for the benchmark: reading and parsing both took some.
  const parsingMs = Number(await session.page.locator("#load-outcome").getAttribute("data-parsing-ms"));
  assert.ok(parsingMs > 0, `parsing took ${parsingMs} ms`);
  const reports = session.page.locator(".atlas-file-report");
  assert.equal(await reports.count(), 2);
  assert.match(await reports.nth(0).innerText(), /Patients Registered at a GP Practice/);
  await screenshot(session.page, "data-loaded");

  // The overview now shows the uploaded structure, labelled as the user's data.
  await session.page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Overview" }).click();
  await session.page.waitForSelector(".atlas-headline");
  assert.match(await session.page.locator(".atlas-source").innerText(), /Your data/);
  const practices = await session.page.locator("#practice-table tbody tr").count();
  assert.ok(practices >= 55 && practices <= 60, `${practices} practices`);
  assert.doesNotMatch(await session.page.locator(".atlas-headline").innerText(), /426,000/);
  await screenshot(session.page, "overview-uploaded");

  // A reload restores the workspace from browser storage.
  await session.page.reload();
  await session.page.waitForSelector(".atlas-source");
  await session.page.waitForFunction(() => /Your data/.test(document.querySelector(".atlas-source")?.textContent ?? ""), null, { timeout: 15_000 });
  assert.equal(await session.page.locator("#practice-table tbody tr").count(), practices);

  // Clearing returns to the default, also after a reload.
  await visit(session, "/data");
  await session.page.locator("#clear-data").click();
  // The page says so once browser storage has forgotten the workspace.
  assert.match(await session.page.locator("#data-cleared").innerText(), /cleared from this browser/);
  // And storage really is empty.
  assert.equal(await session.page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open("primary-care-atlas", 1);
    open.onerror = () => resolve("no database");
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction("workspace").objectStore("workspace").get("current");
      get.onsuccess = () => { resolve(get.result === undefined ? "empty" : "still there"); db.close(); };
      get.onerror = () => { resolve("unreadable"); db.close(); };
    };
  })), "empty");
  await session.page.reload();
  await session.page.waitForSelector(".atlas-source");
  await session.page.waitForTimeout(500);
  assert.match(await session.page.locator(".atlas-source").innerText(), /Published data/);

  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), [], "a request left the origin during upload and analysis");
  await session.context.close();
});

test("markup in a name is shown as text and never runs; bad rows are listed and good rows kept", async () => {
  const file = join(dir, "practices.csv");
  await writeFile(file, [
    "practice_code,practice_name,pcn_code,pcn_name,list_size,postcode,lat,lon",
    'C82005,<img src=x onerror=alert(1)>,U00001,"<b>Bold</b> PCN",10500,LE3 9ED,52.6443,-1.1505',
    "C82008,Oakmeadow Surgery,U00001,\"<b>Bold</b> PCN\",8300,LE3 8NF,52.6400,-1.1967",
    "C82009,Bad Row Surgery,U00001,\"<b>Bold</b> PCN\",lots,LE3 8NF,52.6400,-1.1967",
  ].join("\r\n"));
  const session = await openPage(browser, server.origin);
  let dialogs = 0;
  session.page.on("dialog", async (d) => { dialogs++; await d.dismiss(); });
  await visit(session, "/data");
  await upload(session, [file]);
  // The error summary links to the file's report, which names the line and column.
  assert.match(await session.page.locator(".nhsuk-error-summary").innerText(), /practices\.csv/);
  const report = await session.page.locator(".atlas-file-report").innerText();
  assert.match(report, /Rejected\s+1/);
  assert.match(report, /list_size/);
  assert.match(report, /\b4\b/);
  await screenshot(session.page, "data-problems");
  assert.deepEqual(await axeViolations(session.page), []);

  await visit(session, "/");
  const cells = await session.page.locator("#practice-table tbody td:first-child").allInnerTexts();
  assert.ok(cells.includes("<img src=x onerror=alert(1)>"), cells.join(" | "));
  assert.equal(cells.length, 2);
  assert.equal(await session.page.locator("img[src=x]").count(), 0);
  assert.match(await session.page.locator("#pcn-chart svg").innerHTML(), /&lt;b&gt;Bold&lt;\/b&gt; PCN/);
  await visit(session, "/map");
  assert.equal(await session.page.locator("img[src=x]").count(), 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

test("a large appointments crosstab is read by every core at once, reported as if read whole", async () => {
  // 200,000 rows (about 30 MB): large enough to be cut into pieces. Problems near the
  // start and the end, and an unknown mode in both halves (warned about once).
  const ROWS = 200_000;
  const lines = ["APPOINTMENT_MONTH_START_DATE,GP_CODE,GP_NAME,SUPPLIER,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,HCP_TYPE,APPT_MODE,NATIONAL_CATEGORY,TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS,APPT_STATUS"];
  const months = ["01JAN2024", "01FEB2024", "01MAR2024"];
  for (let i = 0; i < ROWS; i++) {
    const practice = 80000 + (Math.floor(i / 400) % 500);
    const mode = i === 1 || i === ROWS - 5 ? "Carrier pigeon" : "Face-to-Face";
    const count = i === 0 || i === ROWS - 1 ? "lots" : String(1 + (i % 97));
    lines.push(`${months[Math.floor(i / 200) % 3]},C${practice},"PRACTICE ${practice}, LEICESTER",EMIS,U00001,PCN 1,04C,"NHS Leicester, Leicestershire and Rutland ICB - 04C",GP,${mode},General Consultation Routine,Same Day,${count},Attended`);
  }
  const file = join(dir, "Practice_Level_Crosstab_Mar_24.csv");
  await writeFile(file, lines.join("\r\n") + "\r\n");
  const session = await openPage(browser, server.origin);
  await visit(session, "/data");
  await upload(session, [file]);
  const cores = await session.page.evaluate(() => Math.min(Math.max(navigator.hardwareConcurrency || 1, 1), 4));
  const outcome = session.page.locator("#load-outcome");
  assert.equal(Number(await outcome.getAttribute("data-workers")), cores);
  assert.equal(Number(await outcome.getAttribute("data-parts")), cores);
  if (cores > 1) assert.match(await outcome.innerText(), new RegExp(`large files read in ${cores} parts at once`));
  const report = session.page.locator(".atlas-file-report");
  const text = await report.innerText();
  assert.match(text, /Rows read\s+200,000/);
  assert.match(text, /Rejected\s+2\b/);
  // Line numbers count on across the pieces: the last row is line 200,001.
  const rows = await report.locator("tbody tr").allInnerTexts();
  const problems = rows.map((r) => r.split("\t").map((c) => c.trim()));
  // Columns on the page: severity, line, column, value, reason (the file is the heading).
  assert.deepEqual(problems.slice(0, 3).map((p) => [p[0], p[1], p[3]]), [
    ["Row rejected", "2", "lots"],
    ["Warning (row kept)", "3", "Carrier pigeon"],
    ["Row rejected", String(ROWS + 1), "lots"],
  ]);
  // Every practice is there, from both pieces (none has a list size in this one file).
  assert.match(problems[3][4], /^500 practices named in this file have no list size/);
  assert.equal(problems.length, 4);
  await screenshot(session.page, "data-large-crosstab");
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("a file that is not a CSV is refused with a reason and nothing changes", async () => {
  const file = join(dir, "photo.csv");
  await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]));
  const session = await openPage(browser, server.origin);
  await visit(session, "/data");
  await upload(session, [file]);
  assert.match(await session.page.locator(".atlas-file-report").innerText(), /Not used/);
  assert.match(await session.page.locator("[role=alert]").first().innerText(), /problem|Nothing/);
  await visit(session, "/");
  assert.match(await session.page.locator(".atlas-source").innerText(), /Published data/);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("a file in no layout the atlas reads is told what it looks like and where to get it as published", async () => {
  const file = join(dir, "my appointments.csv");
  await writeFile(file, "Appointment date,Practice,Number\r\n2024-01-01,C82005,12\r\n");
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  // The page lists every publication it reads, each with its publisher's page.
  const links = page.locator("#publication-list a");
  assert.ok(await links.count() >= 9);
  assert.equal(await page.locator("#publication-list a", { hasText: "Appointments in General Practice" }).getAttribute("href"), "https://digital.nhs.uk/data-and-information/publications/statistical/appointments-in-general-practice");
  await upload(session, [file]);
  const report = await page.locator(".atlas-file-report").innerText();
  assert.match(report, /It looks like Appointments in General Practice, but not as it is published/);
  assert.doesNotMatch(report, /\.md\b/);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("data kept by an earlier version in a shape this one cannot read is said so and removed, not silently lost", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  // What an older build might have left: a record this build cannot read.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("primary-care-atlas", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("workspace");
    open.onsuccess = () => {
      const tx = open.result.transaction("workspace", "readwrite");
      tx.objectStore("workspace").put(JSON.stringify({ version: 1, loaded: { workspace: { practices: "not a list" } } }), "current");
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  }));
  // The app restores as it starts: on the Data page the message is there at once.
  await page.reload();
  await page.waitForSelector("h1");
  assert.match(await page.locator("[role=alert]").first().innerText(), /saved by an earlier version of the atlas in a form this version cannot read, so it has been removed/);
  const left = await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open("primary-care-atlas", 1);
    open.onsuccess = () => {
      const get = open.result.transaction("workspace").objectStore("workspace").get("current");
      get.onsuccess = () => { open.result.close(); resolve(get.result ?? null); };
    };
  }));
  assert.equal(left, null);
  // The default is shown, as before any data was loaded.
  await visit(session, "/");
  assert.match(await page.locator(".atlas-source").innerText(), /Published data/);
  await session.context.close();
});

test("several files dropped at once; rejected rows, problems and templates download as CSV", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  // Two files dropped together on the drop zone, as a person drags them from a folder.
  const practices = [
    "practice_code,practice_name,pcn_code,pcn_name,list_size",
    "C82005,Groby Road,U1,G3 PCN,10500",
    "C82008,Oakmeadow,U2,City PCN,lots",
    "C82019,Sturdee Road,U2,City PCN,5800",
    "C82020,=HYPERLINK(\"x\"),U2,City PCN,-3",
  ].join("\r\n");
  const indicators = [
    "indicator_id,area_code,period,numerator,denominator",
    "smoking_recorded,C82005,2022-03,80,100",
    "smoking_recorded,C82019,2022-03,90,95",
  ].join("\n");
  const transfer = await page.evaluateHandle(([a, b]) => {
    const t = new DataTransfer();
    t.items.add(new File([a], "practices.csv", { type: "text/csv" }));
    t.items.add(new File([b], "indicators.csv", { type: "text/csv" }));
    return t;
  }, [practices, indicators]);
  await page.dispatchEvent(".atlas-drop", "dragover", { dataTransfer: transfer });
  await page.dispatchEvent(".atlas-drop", "drop", { dataTransfer: transfer });
  await page.waitForSelector(".atlas-status--ok", { timeout: 60_000 });
  assert.match(await page.locator(".atlas-status--ok").innerText(), /^Loaded in (\d+ ms|[1-9]\d*\.\d s)\. Every page now shows your data\.$/);
  const reports = page.locator(".atlas-file-report");
  assert.equal(await reports.count(), 2);
  const first = reports.nth(0);
  assert.match(await first.innerText(), /Rejected\s+2/);

  // The rejected rows as the file wrote them, with line and reason, formulas defused.
  const [rejected] = await Promise.all([
    page.waitForEvent("download"),
    first.getByRole("button", { name: "Download the rejected rows (CSV)" }).click(),
  ]);
  assert.equal(rejected.suggestedFilename(), "practices-rejected-rows.csv");
  const rows = (await readFile(await rejected.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(rows[0], "Line,Why it was rejected,practice_code,practice_name,pcn_code,pcn_name,list_size");
  assert.match(rows[1], /^3,"?not a number; expected a whole number of patients[^\n]*,C82008,Oakmeadow,U2,City PCN,lots$/);
  assert.match(rows[2], /^5,.*,C82020,"?'=HYPERLINK\(""x""\)"?,U2,City PCN,-3$/);
  assert.equal(rows.length, 3);

  // Every problem listed, with the file named.
  const [problems] = await Promise.all([
    page.waitForEvent("download"),
    first.getByRole("button", { name: "Download the problems (CSV)" }).click(),
  ]);
  const problemRows = (await readFile(await problems.path(), "utf8")).trim().split(/\r\n/);
  assert.equal(problemRows[0], "File,Severity,Line,Column,Value,Reason");
  assert.ok(problemRows.slice(1).every((r) => r.startsWith("practices.csv,")), problemRows.join("\n"));

  // A template, exactly as the atlas reads it.
  const [template] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download practices.csv" }).click(),
  ]);
  const templateText = await readFile(await template.path(), "utf8");
  assert.match(templateText, /^practice_code,practice_name,pcn_code,pcn_name,list_size,postcode,lat,lon/);
  await screenshot(page, "data-dropped");
  assert.deepEqual(await axeViolations(page), []);

  // The default can be looked at while the user's data stays kept, and brought back.
  await page.locator("#show-default").click();
  assert.match(await page.locator("#showing-default").innerText(), /still kept in this browser/);
  assert.match(await page.locator(".atlas-source").innerText(), /Published data/);
  await page.locator("#show-mine").click();
  await page.waitForFunction(() => /Your data/.test(document.querySelector(".atlas-source")?.textContent ?? ""));
  assert.equal(await page.locator(".atlas-file-report").count(), 2);
  assert.equal(await page.locator("#show-default").count(), 1);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

test("a load shows its progress in bytes and can be cancelled, leaving the data as it was", async () => {
  // About 150 MB: long enough to read that the Cancel button can be pressed.
  const header = "APPOINTMENT_MONTH_START_DATE,GP_CODE,GP_NAME,SUPPLIER,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,HCP_TYPE,APPT_MODE,NATIONAL_CATEGORY,TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS,APPT_STATUS\r\n";
  const block = [];
  for (let i = 0; i < 10_000; i++) {
    block.push(`01JAN2024,C${80000 + (i % 500)},PRACTICE ${i % 500},EMIS,U00001,PCN 1,04C,NHS LLR ICB - 04C,GP,Face-to-Face,General Consultation Routine,Same Day,${1 + (i % 97)},Attended\r\n`);
  }
  const chunk = block.join("");
  const file = join(dir, "Practice_Level_Crosstab_Jan_24.csv");
  const handle = await open(file, "w");
  await handle.write(header);
  while ((await handle.stat()).size < 150 * 1024 * 1024) await handle.write(chunk);
  await handle.close();

  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data?workers=1");
  // The page itself records the progress label and presses Cancel once some bytes are
  // done: no round trip from the test, so the file is still being read when it does.
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => {
      const label = document.querySelector("label[for=load-progress]");
      if (!label) return;
      if (window.progressSeen.at(-1) !== label.textContent) window.progressSeen.push(label.textContent);
      if (!window.cancelPressed && /: [1-9][\d.]* MB of/.test(label.textContent)) {
        window.cancelPressed = true;
        label.parentElement.querySelector("button").click();
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.setInputFiles("#data-files", [file]);
  await page.getByText("Cancelled. The data shown has not changed.").waitFor({ timeout: 60_000 });
  const seen = await page.evaluate(() => window.progressSeen);
  assert.match(seen[0], /^Reading Practice_Level_Crosstab_Jan_24\.csv: 0\.0 MB of 15\d\.\d MB \(0%\)$/, seen.join("\n"));
  assert.ok(seen.some((t) => /: [1-9][\d.]* MB of 15\d\.\d MB \([1-9]\d?%\)$/.test(t)), seen.join("\n"));
  assert.equal(await page.locator(".atlas-file-report").count(), 0);
  await visit(session, "/");
  assert.match(await page.locator(".atlas-source").innerText(), /Published data/);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("a patient-level file is checked row by row on the Data page but never joins the workspace", async () => {
  const patients = new URL("../../target/e2e-data/patients-10000.csv", import.meta.url).pathname;
  const session = await openPage(browser, server.origin);
  await visit(session, "/data");
  await upload(session, [patients]);
  // Not an error: checked, and nothing to add.
  assert.match(await session.page.locator("#patients-checked").innerText(), /score them on the Risk page/);
  assert.equal(await session.page.locator("[role=alert]").count(), 0);
  const report = session.page.locator(".atlas-file-report");
  const text = await report.innerText();
  assert.match(text, /Checked, not added/);
  assert.match(text, /Rows read\s+10,000/);
  assert.match(text, /none of them is added to this workspace/);
  await report.getByRole("link", { name: "Score this file on the Risk page" }).waitFor();
  await screenshot(session.page, "data-patient-file");
  await visit(session, "/");
  assert.match(await session.page.locator(".atlas-source").innerText(), /Published data/);
  // Nothing of it is kept in browser storage either.
  assert.equal(await session.page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open("primary-care-atlas", 1);
    open.onerror = () => resolve("no database");
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains("workspace")) { resolve("nothing stored"); db.close(); return; }
      const get = db.transaction("workspace").objectStore("workspace").get("current");
      get.onsuccess = () => { resolve(get.result === undefined ? "nothing stored" : "stored"); db.close(); };
      get.onerror = () => { resolve("unreadable"); db.close(); };
    };
  })), "nothing stored");
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

test("the Data page with a file's problems fits a 320 px wide screen", async () => {
  const file = join(dir, "narrow.csv");
  await writeFile(file, "practice_code,practice_name,pcn_code,pcn_name,list_size\nC82005,Groby Road Medical Centre,U1,G3 PCN,10500\nC82008,Oakmeadow Surgery,U2,City PCN,a great many patients indeed\n");
  const narrow = await openPage(browser, server.origin, { viewport: { width: 320, height: 700 } });
  await visit(narrow, "/data");
  await upload(narrow, [file]);
  await narrow.page.locator(".atlas-file-report").waitFor();
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(narrow.page, "data-320px");
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  assert.deepEqual(await axeViolations(narrow.page), []);
  await narrow.context.close();
});

test("beside other files, a patient file's report is shown but its values are never stored", async () => {
  const practices = join(dir, "practices-with-patients.csv");
  await writeFile(practices, "practice_code,practice_name,pcn_code,pcn_name,list_size\nC82005,Groby Road,U1,G3 PCN,10500\n");
  const patients = join(dir, "cohort.csv");
  await writeFile(patients, "patient_id,practice_code,age,sex,cms_diabetes\nP-0001,C82005,54,F,1\nP-0002,C82005,age-XYZZY,M,0\nP-0003,C82005,61,F,0\n");
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  await upload(session, [practices, patients]);
  const patientReport = page.locator(".atlas-file-report", { hasText: "cohort.csv" });
  assert.match(await patientReport.innerText(), /Checked, not added/);
  assert.match(await patientReport.innerText(), /age-XYZZY/);
  // What browser storage keeps: the practices, and the patient report without its values.
  const stored = await page.evaluate(() => new Promise((resolve) => {
    const poll = () => {
      const open = indexedDB.open("primary-care-atlas", 1);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("workspace")) { db.close(); return setTimeout(poll, 100); }
        const get = db.transaction("workspace").objectStore("workspace").get("current");
        get.onsuccess = () => { db.close(); get.result === undefined ? setTimeout(poll, 100) : resolve(get.result); };
      };
    };
    poll();
  }));
  assert.match(stored, /Groby Road/);
  assert.match(stored, /cohort\.csv/);
  assert.doesNotMatch(stored, /XYZZY/);
  // After a reload the report still says what happened, without the value.
  await page.reload();
  await page.waitForFunction(() => /Your data/.test(document.querySelector(".atlas-source")?.textContent ?? ""), null, { timeout: 15_000 });
  await visit(session, "/data");
  const restored = await page.locator(".atlas-file-report", { hasText: "cohort.csv" }).innerText();
  assert.match(restored, /Rejected\s+1/);
  assert.doesNotMatch(restored, /XYZZY/);
  assert.deepEqual(session.errors, []);
  assert.deepEqual(foreignRequests(session), []);
  await session.context.close();
});

test("a canonical file carrying an NHS number after row 100 is refused, named, and nothing of it is shown or stored", async () => {
  const practices = join(dir, "practices-for-identifiers.csv");
  await writeFile(practices, "practice_code,practice_name,pcn_code,pcn_name,list_size\nC82005,Groby Road,U1,G3 PCN,10500\n");
  // 130 rows of values with a free-text note; row 120 holds an NHS number written with
  // hyphens, and row 3 a bad numerator whose rejected row would otherwise be kept.
  const rows = ["indicator_id,area_code,period,numerator,denominator,value,note"];
  for (let year = 0; year < 130; year++) {
    const note = year === 120 ? "943-476-5919" : "checked";
    const numerator = year === 2 ? "QUUXNUM" : "700";
    rows.push(`register_diabetes,C82005,${1900 + year}/${String((year + 1) % 100).padStart(2, "0")},${numerator},10500,,${note}`);
  }
  const values = join(dir, "values-with-identifier.csv");
  await writeFile(values, rows.join("\n") + "\n");
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  await upload(session, [practices, values]);
  const report = page.locator(".atlas-file-report", { hasText: "values-with-identifier.csv" });
  const text = await report.innerText();
  assert.match(text, /column "note" looks like NHS numbers/);
  assert.doesNotMatch(text, /943-476-5919|9434765919|QUUXNUM/);
  assert.equal(await report.getByRole("button", { name: /rejected rows/i }).count(), 0);
  const stored = await page.evaluate(() => new Promise((resolve) => {
    const poll = () => {
      const open = indexedDB.open("primary-care-atlas", 1);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("workspace")) { db.close(); return setTimeout(poll, 100); }
        const get = db.transaction("workspace").objectStore("workspace").get("current");
        get.onsuccess = () => { db.close(); get.result === undefined ? setTimeout(poll, 100) : resolve(get.result); };
      };
    };
    poll();
  }));
  assert.match(stored, /Groby Road/);
  assert.doesNotMatch(stored, /943-476-5919|QUUXNUM|register_diabetes/);
  await screenshot(page, "data-identifier-refused");
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test("more files than the Data page reads at once are refused before reading, and the data shown stays", async () => {
  const session = await openPage(browser, server.origin);
  const { page } = session;
  await visit(session, "/data");
  const files = [];
  for (let i = 0; i < 65; i++) {
    const file = join(dir, `part-${i}.csv`);
    await writeFile(file, "practice_code,practice_name,pcn_code,pcn_name,list_size\nC82005,A,U00001,P,100\n");
    files.push(file);
  }
  await upload(session, files);
  assert.match(await page.locator("[role=alert]").innerText(), /^65 files were chosen: the Data page reads up to 64 at once/);
  assert.equal(await page.locator(".atlas-file-report").count(), 0);
  assert.match(await page.locator(".atlas-source").innerText(), /Published data/);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

'use strict';

// Browser tests of the staff uploader (`dss serve`'s pages, /work/shared/spec/uploader.md), driven
// by npm playwright-core with Debian's Chromium (/usr/bin/chromium; no browser is ever downloaded).
//
// Run:  DSS_URL=http://127.0.0.1:PORT [ARTEFACTS_DIR=/some/dir] node --test tests/browser/uploader_flow.js
//   DSS_URL        a running `dss serve` whose SSO provider signs in without a form (npm
//                  oauth2-mock-server: /login -> provider -> straight back) and whose data-flow is
//                  the hawk_server.js stand-in (a run answers "running" once, then "success").
//   ARTEFACTS_DIR  where a full-page PNG of every page visited goes, named <test>-<NN>-<step>.png
//                  (plus <test>-failure.png/.html when a test fails); a temporary directory when
//                  unset. Without DSS_URL every test is skipped, as in tests/interop.
// Everything is asserted through the browser: the script has no database access.
//
// playwright-core is resolved from tests/interop/node_modules (where it is pinned), so no
// NODE_PATH is needed.

const Fs = require('node:fs');
const Os = require('node:os');
const Path = require('node:path');
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { chromium } = require(require.resolve('playwright-core', { paths: [Path.join(__dirname, '..', 'interop')] }));

const BASE_URL = (process.env.DSS_URL || '').replace(/\/+$/, '');
// Both made in before(), so that a skipped run leaves nothing behind.
let ARTEFACTS_DIR = process.env.ARTEFACTS_DIR || null;
let scratchDir = null;              // the generated CSV files

// Bounded waits: a hung page fails its test within two minutes (a dead server fails them all
// within 10 s, in before()).
const ACTION_TIMEOUT_MS = 15_000;           // a click, a fill, an element to appear
const NAVIGATION_TIMEOUT_MS = 30_000;       // a page load (sign-in crosses two servers)
const PROCESSING_TIMEOUT_MS = 60_000;       // an upload to reach "Data successfully processed"
const TEST_TIMEOUT_MS = 120_000;            // a whole test
const REFRESH_PAUSE_MS = 1_000;             // between "Refresh to see progress" clicks (no JS)
const RUN_TIMEOUT_MS = 6 * 60_000;          // the whole file, should the browser itself hang

// The last resort: a browser that never answers (not even to close) must not hold the harness.
setTimeout(() => {

    process.stderr.write(`uploader_flow.js: gave up after ${RUN_TIMEOUT_MS / 1000} s in all\n`);
    process.exit(1);
}, RUN_TIMEOUT_MS).unref();

// Without the background-networking flags Chromium phones home, and the closed network here
// refuses those connections (noise in the logs, slow start).
const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];

const CHECK_ERROR_PREFIX = 'Unable to process CSV file: ';
const INVALID_HEADERS_MESSAGE = `${CHECK_ERROR_PREFIX}column headers must start with a letter and may only contain ` +
    'lowercase letters, numbers, and underscores. Invalid headers: "a b", "C"';

// A unique name per run, so that reruns against the same database never meet "already exists".
const RUN_STAMP = `${Date.now()}`;
const ORGANISATION = 'browser_tests';


// ---- Browser and session plumbing -------------------------------------------------------------

/**
 * Before any browser work: dss answers `/` (with a redirect to sign in) within 10 s. A dead or
 * hung server then fails every test at once, with this message, instead of one timeout each.
 */
async function expectServerAnswers() {

    let response;
    try {
        response = await fetch(`${BASE_URL}/`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    }
    catch (error) {
        assert.fail(`dss at ${BASE_URL} does not answer GET /: ${error.cause?.message || error.message}`);
    }

    assert.ok([200, 302, 303].includes(response.status), `dss at ${BASE_URL} answers GET / with HTTP ${response.status}`);
}

async function launchBrowser() {

    return chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: NAVIGATION_TIMEOUT_MS
    });
}

/**
 * A fresh browser context (own cookies, so each test signs in itself) with one page whose
 * problems (console errors, page errors, failed requests, HTTP errors, CSP violations) are
 * collected in `issues` for checkPage to report at the next step.
 */
async function openSession(browser, name, { javaScript = true, log = () => {} } = {}) {

    // Reduced motion: the progress bar then jumps instead of sliding, so screenshots show it settled.
    const context = await browser.newContext({
        javaScriptEnabled: javaScript,
        viewport: { width: 1280, height: 900 },
        reducedMotion: 'reduce'
    });
    const page = await context.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    const session = { name, context, page, javaScript, log, issues: [], allowedStatuses: [], steps: 0, lastStep: null };
    watchForProblems(session);
    return session;
}

/** Chromium asks for /favicon.ico on its own; dss has none, and that 404 is not a page's fault. */
function isFaviconUrl(url) {

    return /^[^?#]*\/favicon\.ico(?:[?#]|$)/.test(url || '');
}

function watchForProblems(session) {

    const { page, issues } = session;

    // CSP violations arrive here too: Chromium logs them ("Refused to ...") as console errors.
    page.on('console', (message) => {

        const url = message.location().url;
        if (message.type() === 'error' && !isFaviconUrl(url) && !isAllowedStatusMessage(session, url, message.text())) {
            issues.push(`console error: ${message.text()} (${message.location().url || page.url()})`);
        }
    });
    page.on('pageerror', (error) => issues.push(`uncaught exception: ${error.message}`));
    page.on('requestfailed', (request) => {

        if (!isFaviconUrl(request.url())) {
            issues.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
        }
    });
    page.on('response', (response) => {

        const status = response.status();
        if (status < 400 || isFaviconUrl(response.url())) {
            return;
        }

        if (!isAllowedStatus(session, response.url(), status)) {
            issues.push(`HTTP ${status}: ${response.request().method()} ${response.url()}`);
        }
    });
}

/**
 * Until the next check, these statuses of pages whose path matches `pathPattern` are expected
 * answers, not problems: a form shown again with its errors may come with a 4xx on purpose.
 */
function allowStatuses(session, pathPattern, ...statuses) {

    session.allowedStatuses.push({ pathPattern, statuses });
}

function isAllowedStatus(session, url, status) {

    const { pathname } = new URL(url);
    return session.allowedStatuses.some((allowed) => allowed.pathPattern.test(pathname) && allowed.statuses.includes(status));
}

/** Chromium also logs a 4xx page as a console error; an expected one is not a problem either. */
function isAllowedStatusMessage(session, url, text) {

    const match = /^Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    return Boolean(match && url && isAllowedStatus(session, url, Number(match[1])));
}

async function closeSession(session) {

    await withTimeout(session.context.close(), 10_000).catch(() => {});
}

/**
 * Runs a test body with a session; on failure keeps a screenshot and the HTML of where it stood,
 * so that the artefacts show what went wrong.
 */
async function withSession(browser, name, options, body) {

    const session = await openSession(browser, name, options);
    try {
        await body(session);
    }
    catch (error) {
        // Say where the failure happened: the last step that passed its checks, and the URL.
        const where = `[${name}] after step "${session.lastStep || '(none)'}", at ${session.page.url()}`;
        if (typeof error?.message === 'string' && !error.message.startsWith(`[${name}]`)) {
            error.message = `${where}: ${error.message}`;
        }

        await saveFailureArtefacts(session);
        throw error;
    }
    finally {
        await closeSession(session);
    }
}

/** The promise's outcome, or a rejection after `ms` for calls that take no timeout of their own. */
function withTimeout(promise, ms) {

    let timer;
    const expiry = new Promise((resolve, reject) => {

        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

async function saveFailureArtefacts(session) {

    const base = Path.join(ARTEFACTS_DIR, `${session.name}-failure`);
    await session.page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5_000 }).catch(() => {});
    // page.content() waits for a document, forever on a page whose server never answered.
    const html = await withTimeout(session.page.content(), 5_000).catch(() => null);
    if (html !== null) {
        Fs.writeFileSync(`${base}.html`, html);
    }
}


// ---- Per-page checks ------------------------------------------------------------------------

/**
 * After every navigation: waits for the page to finish loading, keeps a screenshot named by the
 * step, then checks the accessibility basics and that nothing went wrong while it loaded.
 */
async function recordStep(session, step) {

    const { page } = session;
    await page.waitForLoadState('load');
    session.steps += 1;
    const file = `${session.name}-${String(session.steps).padStart(2, '0')}-${step}.png`;
    await page.screenshot({ path: Path.join(ARTEFACTS_DIR, file), fullPage: true });
    await checkPage(session, step);
    session.lastStep = step;
}

/** Throws one error listing every problem found on the current page (and since the last check). */
async function checkPage(session, step) {

    const { page } = session;
    const problems = [...session.issues, ...await findMarkupProblems(page)];
    session.issues.length = 0;
    session.allowedStatuses.length = 0;
    if (problems.length > 0) {
        assert.fail(`[${session.name}] step "${step}" (${page.url()}) has problems:\n  - ${problems.join('\n  - ')}`);
    }
}

/**
 * The accessibility basics, checked in the page (this works with JavaScript disabled too: Playwright
 * evaluates in its own world, not the page's).
 */
function findMarkupProblems(page) {

    return page.evaluate(() => {

        const problems = [];
        const lang = document.documentElement.getAttribute('lang');
        if (lang !== 'en') {
            problems.push(`<html lang> is ${JSON.stringify(lang)}, not "en"`);
        }

        const headings = document.querySelectorAll('h1');
        if (headings.length !== 1) {
            problems.push(`${headings.length} h1 elements, not exactly one`);
        }

        const describe = (element) => `<${element.localName}${element.id ? ` id="${element.id}"` : ''}${element.name ? ` name="${element.name}"` : ''}>`;
        const hasLabel = (element) => {

            if (element.labels && element.labels.length > 0) {
                return true;                    // label[for=id] or a wrapping label
            }

            if ((element.getAttribute('aria-label') || '').trim() !== '') {
                return true;
            }

            const labelledBy = (element.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
            return labelledBy.length > 0 && labelledBy.every((id) => document.getElementById(id));
        };

        for (const element of document.querySelectorAll('input:not([type="hidden"]), select, textarea')) {
            if (element.checkVisibility() && !hasLabel(element)) {
                problems.push(`${describe(element)} has no label`);
            }
        }

        for (const link of document.querySelectorAll('.govuk-error-summary a')) {
            const href = link.getAttribute('href') || '';
            if (!href.startsWith('#') || href.length < 2) {
                problems.push(`error summary link "${link.textContent.trim()}" has href ${JSON.stringify(href)}, not "#id"`);
            }
            else if (!document.getElementById(decodeURIComponent(href.slice(1)))) {
                problems.push(`error summary link "${link.textContent.trim()}" points to ${href}, which is not on the page`);
            }
        }

        return problems;
    });
}


// ---- Page helpers ------------------------------------------------------------------------

/** Interactive content is under <main>: the footer repeats some links ("Manage datasets"). */
function main(page) {

    return page.locator('main');
}

async function expectHeading(page, text, level = 1) {

    const heading = page.getByRole('heading', { level, name: text, exact: true });
    try {
        await heading.waitFor({ state: 'visible' });
    }
    catch (error) {
        const found = await page.locator('h1').allTextContents().catch(() => []);
        assert.fail(`expected the heading "${text}" on ${page.url()}, found h1 ${JSON.stringify(found.map((t) => t.trim()))}`);
    }
}

/** Clicks something that loads a new page and waits for that page (not just for the click). */
async function clickAndLoad(page, locator) {

    await Promise.all([
        page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
        locator.click()
    ]);
    await page.waitForLoadState('load');
}

function writeCsv(name, lines) {

    const file = Path.join(scratchDir, name);
    Fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
}

/** The current path matched against `pattern`, e.g. for the slug and file id of /upload/data/<slug>/verify/<id>/. */
function urlMatch(page, pattern, what) {

    const match = new URL(page.url()).pathname.match(pattern);
    assert.ok(match, `expected ${what}, but the browser is at ${page.url()}`);
    return match;
}


// ---- Flow steps -------------------------------------------------------------------------

/** `/` redirects through /login and the provider and straight back: no sign-in form. */
async function signIn(session) {

    const { page } = session;
    await page.goto(`${BASE_URL}/`);
    assert.equal(new URL(page.url()).pathname, '/', `sign-in should end back at /, ended at ${page.url()}`);
    await expectHeading(page, 'Data Store Service');
    await recordStep(session, 'menu');
}

/** Menu -> "Manage datasets" -> "Add new dataset" -> fill -> "Create" -> "Dataset pipeline created". */
async function createPipeline(session, dataset) {

    const { page } = session;
    await clickAndLoad(page, main(page).getByRole('link', { name: 'Manage datasets' }));
    await expectHeading(page, 'Existing datasets');
    await recordStep(session, 'datasets');

    await clickAndLoad(page, main(page).getByRole('link', { name: 'Add new dataset' }));
    await expectHeading(page, 'Create pipeline');
    await recordStep(session, 'create-form');

    await page.getByLabel('Organisation', { exact: true }).fill(ORGANISATION);
    await page.getByLabel('Dataset', { exact: true }).fill(dataset);
    await clickAndLoad(page, main(page).getByRole('button', { name: 'Create' }));
    await expectHeading(page, 'Dataset pipeline created');
    const [, slug] = urlMatch(page, /^\/upload\/created\/([^/]+)\/$/, 'the "created" page /upload/created/<slug>/');
    await recordStep(session, 'created');
    return slug;
}

/** On "Upload data": choose the file, press "Upload", and land on the verify page. */
async function uploadFile(session, file) {

    const { page } = session;
    await expectHeading(page, 'Upload data');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
    await clickAndLoad(page, main(page).getByRole('button', { name: 'Upload' }));
    const [, slug, fileId] = urlMatch(page, /^\/upload\/data\/([^/]+)\/verify\/([^/]+)\/$/, 'the verify page after uploading');
    return { slug, fileId };
}

/** The verify page's type select and "Why" text for one column. */
async function columnType(page, column) {

    const row = page.locator('table.dss-columns tbody tr').filter({ has: page.getByRole('rowheader', { name: column, exact: true }) });
    const type = await row.getByLabel(`Data type of ${column}`, { exact: true }).inputValue();
    const why = (await row.locator('.dss-columns__why').textContent()).trim();
    return { type, why };
}

async function expectColumnTypes(page, expected) {

    for (const [column, want] of Object.entries(expected)) {
        const { type, why } = await columnType(page, column);
        assert.equal(type, want.type, `column "${column}" should be inferred as ${want.type}, the page says ${type} (why: "${why}")`);
        if (want.why) {
            assert.match(why, want.why, `column "${column}": the page should say why it is ${want.type}`);
        }
    }
}

/** "Yes and start processing" -> "Continue" -> "Data now being processed". */
async function confirmAndProcess(session, step) {

    const { page } = session;
    await page.getByLabel('Yes and start processing', { exact: true }).check();
    await clickAndLoad(page, main(page).getByRole('button', { name: /^Continue/ }));
    await expectHeading(page, 'Data now being processed');
    await recordStep(session, step);
}

/** A processing page that went to the failed page (or was sent there) fails with its reason. */
async function failIfProcessingFailed(page) {

    if (new URL(page.url()).pathname.endsWith('/failed/')) {
        const reason = await page.locator('#failure-reason').textContent({ timeout: 2_000 }).catch(() => '(no reason shown)');
        assert.fail(`processing failed (${page.url()}): ${reason.trim()}`);
    }
}

/**
 * With JavaScript: the page's script polls the progress JSON and shows "Data successfully
 * processed" without reloading. A marker set in the window proves there was no reload.
 */
async function waitForProcessedByScript(session, step) {

    const { page } = session;
    const startUrl = page.url();
    const stateOnArrival = await page.locator('[data-module="dss-progress"]').getAttribute('data-state');
    await page.evaluate(() => {

        window.__dssNotReloaded = true;
    });

    const seen = [];
    const completed = page.locator('#progress-completed');
    const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
    while (!await completed.isVisible()) {
        await failIfProcessingFailed(page);
        // Short timeout: the script may be taking the browser to the failed page meanwhile.
        const info = (await page.locator('#progress-info').textContent({ timeout: 2_000 }).catch(() => '')).trim();
        if (info && seen[seen.length - 1] !== info) {
            seen.push(info);
        }

        assert.ok(Date.now() < deadline, `not processed within ${PROCESSING_TIMEOUT_MS / 1000} s; progress showed ${JSON.stringify(seen)}`);
        await page.waitForTimeout(200);
    }

    assert.equal(page.url(), startUrl, 'the progress page should update in place, not navigate');
    assert.equal(await page.evaluate(() => window.__dssNotReloaded === true), true,
        'the progress page reloaded: its script should update it in place');
    await expectHeading(page, 'Data successfully processed', 2);
    assert.equal(await page.locator('#progress-info').textContent(), 'Data successfully processed',
        'the live progress text should say the data was processed');
    assert.equal((await page.locator('#progress-percent').textContent()).trim(), '100%');
    assert.equal(await page.locator('#progress-refresh').isVisible(), false,
        'the "Refresh to see progress" link should be hidden once processed');
    await recordStep(session, step);
    // Already "completed" when the page was served: then the server, not the script, showed it.
    return stateOnArrival === 'completed' ? ['(completed before the page loaded)'] : seen;
}

/** Without JavaScript: follow "Refresh to see progress" until the page says it is processed. */
async function waitForProcessedByRefreshing(session, step) {

    const { page } = session;
    const deadline = Date.now() + PROCESSING_TIMEOUT_MS;
    const completed = page.locator('#progress-completed');
    let refreshes = 0;
    while (!await completed.isVisible()) {
        await failIfProcessingFailed(page);
        assert.ok(Date.now() < deadline, `not processed within ${PROCESSING_TIMEOUT_MS / 1000} s of refreshing (${refreshes} refreshes)`);
        await page.waitForTimeout(REFRESH_PAUSE_MS);
        await clickAndLoad(page, page.getByRole('link', { name: 'Refresh to see progress' }));
        refreshes += 1;
        if (!await completed.isVisible()) {
            await recordStep(session, `${step}-refresh-${refreshes}`);
        }
    }

    await expectHeading(page, 'Data successfully processed', 2);
    assert.equal(await page.locator('#progress-refresh').isVisible(), false,
        'the "Refresh to see progress" link should be hidden once processed');
    await recordStep(session, step);
    return refreshes;
}

async function waitForProcessed(session, step) {

    if (session.javaScript) {
        const seen = await waitForProcessedByScript(session, step);
        session.log(`${step}: the page showed ${JSON.stringify(seen)} before "Data successfully processed"`);
    }
    else {
        const refreshes = await waitForProcessedByRefreshing(session, step);
        session.log(`${step}: processed after ${refreshes} refreshes`);
    }
}

/** "Back to your datasets" -> pick this pipeline's radio -> "Continue to upload data". */
async function openUploadPageFromDatasets(session, dataset, step) {

    const { page } = session;
    await clickAndLoad(page, main(page).getByRole('link', { name: 'Back to your datasets' }));
    await expectHeading(page, 'Existing datasets');
    await recordStep(session, `${step}-datasets`);
    await page.getByLabel(`${ORGANISATION} / ${dataset}`, { exact: true }).check();
    await clickAndLoad(page, main(page).getByRole('button', { name: 'Continue to upload data' }));
    await expectHeading(page, 'Upload data');
    await recordStep(session, step);
}

/** The versions table: one row per data file, id="version-<file id>", newest first. */
async function versionRows(page) {

    return page.locator('table tbody tr[id^="version-"]').evaluateAll((rows) => rows.map((row) => ({
        id: row.id.slice('version-'.length),
        text: row.textContent.replace(/\s+/g, ' ').trim()
    })));
}

/**
 * The whole flow: create a pipeline, upload, check the types, process, upload a second version,
 * process it, then restore the first version from the versions table.
 */
async function wholeFlow(session, label) {

    const { page } = session;
    const dataset = `flow_${label}_${RUN_STAMP}`;
    await signIn(session);
    const slug = await createPipeline(session, dataset);

    await clickAndLoad(page, main(page).getByRole('link', { name: 'Upload data' }));
    await recordStep(session, 'upload-form');
    const first = await uploadFile(session, writeCsv(`${label}-v1.csv`, [
        'code,name,amount',
        '00601,Alpha,3.5',
        '00702,Beta,12',
        '10803,Gamma,-1.25'
    ]));
    assert.equal(first.slug, slug);
    await expectHeading(page, 'Data successfully uploaded');
    await recordStep(session, 'verify-v1');
    await expectColumnTypes(page, {
        code: { type: 'text', why: /leading zero/i },
        name: { type: 'text' },
        amount: { type: 'numeric' }
    });
    await confirmAndProcess(session, 'processing-v1');
    await waitForProcessed(session, 'processed-v1');

    await openUploadPageFromDatasets(session, dataset, 'upload-form-v2');
    const second = await uploadFile(session, writeCsv(`${label}-v2.csv`, [
        'code,name,amount',
        '00901,Delta,7',
        '01002,Epsilon,8.75'
    ]));
    await expectHeading(page, 'Data successfully uploaded');
    await recordStep(session, 'verify-v2');
    assert.equal(await page.getByRole('columnheader', { name: 'Current version' }).count(), 1,
        'the second upload should be compared with the current version');
    await expectColumnTypes(page, { code: { type: 'text', why: /leading zero/i }, amount: { type: 'numeric' } });
    await confirmAndProcess(session, 'processing-v2');
    await waitForProcessed(session, 'processed-v2');

    await openUploadPageFromDatasets(session, dataset, 'versions');
    const rows = await versionRows(page);
    const ids = rows.map((row) => row.id);
    assert.ok(ids.includes(first.fileId) && ids.includes(second.fileId),
        `the versions table should list both uploads (${first.fileId}, ${second.fileId}); it lists ${JSON.stringify(rows)}`);
    assert.ok(ids.indexOf(second.fileId) < ids.indexOf(first.fileId), `versions should be newest first: ${JSON.stringify(rows)}`);

    const restoreLink = page.locator(`#version-${first.fileId}`).getByRole('link', { name: /^Restore/ });
    assert.equal(await restoreLink.count(), 1, `the first version's row should have a "Restore" link: ${JSON.stringify(rows)}`);
    await clickAndLoad(page, restoreLink);
    urlMatch(page, new RegExp(`^/upload/data/${slug}/restore/${first.fileId}/$`), 'the restore page of the first version');
    await expectHeading(page, 'Restore data');
    await page.getByRole('group', { name: 'Are you sure you want to restore this version of the data' }).waitFor();
    await recordStep(session, 'restore');
    await clickAndLoad(page, main(page).getByRole('button', { name: 'Restore' }));
    await expectHeading(page, 'Data now being processed');
    await recordStep(session, 'restoring');
    await waitForProcessed(session, 'restored');
    await expectRestored(session, dataset, second.fileId, '00601');
}

/**
 * The restore took effect: the second upload is no longer the latest version, and its restore
 * page shows the latest version holding the first upload's rows again.
 */
async function expectRestored(session, dataset, secondFileId, firstCode) {

    const { page } = session;
    await openUploadPageFromDatasets(session, dataset, 'versions-after-restore');
    const secondRow = page.locator(`#version-${secondFileId}`);
    assert.doesNotMatch(await secondRow.innerText(), /Latest/, 'after restoring the first version, the second should not be the latest');
    await clickAndLoad(page, secondRow.getByRole('link', { name: /^Restore/ }));
    await expectHeading(page, 'Restore data');
    await recordStep(session, 'latest-after-restore');
    const latest = page.getByRole('region', { name: 'Latest version' });
    const codeSample = await latest.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'code', exact: true }) }).innerText();
    assert.match(codeSample, new RegExp(firstCode), `the latest version should hold the first upload's codes again; its code row reads "${codeSample}"`);
}


// ---- A page that breaks every rule, for the checks' own test -------------------------------

const BROKEN_PAGE = '<!DOCTYPE html><html lang="cy"><head><title>broken</title></head><body>' +
    '<h1>One</h1><h1 style="color: red">Two</h1><input id="unlabelled" type="text">' +
    '<div class="govuk-error-summary"><a href="#nowhere">broken</a></div>' +
    '<script>document.title = "inline"</script>' +
    '<script src="/__browser_test_throws__.js"></script></body></html>';

/**
 * Serves BROKEN_PAGE (intercepted: dss never sees these requests) under dss's CSP and checks that
 * checkPage reports each expected problem.
 */
async function expectPageChecksToCatch(session, expected) {

    const { page } = session;
    await page.route(`${BASE_URL}/__browser_test_broken__`, (route) => route.fulfill({
        status: 500,
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': "default-src 'self'" },
        body: BROKEN_PAGE
    }));
    await page.route(`${BASE_URL}/__browser_test_throws__.js`, (route) => route.fulfill({
        status: 200,
        contentType: 'text/javascript',
        body: 'throw new Error("thrown by the page")'
    }));
    await page.goto(`${BASE_URL}/__browser_test_broken__`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);     // console reports arrive asynchronously
    await assert.rejects(checkPage(session, 'self-check'), (error) => {

        for (const text of expected) {
            assert.ok(error.message.includes(text), `[${session.name}] the page checks missed "${text}":\n${error.message}`);
        }

        return true;
    });
}


// ---- The tests --------------------------------------------------------------------------

describe('dss staff uploader in Chromium', { skip: BASE_URL ? false : 'DSS_URL is not set' }, () => {

    let browser;

    before(async () => {

        ARTEFACTS_DIR ??= Fs.mkdtempSync(Path.join(Os.tmpdir(), 'dss-browser-artefacts-'));
        Fs.mkdirSync(ARTEFACTS_DIR, { recursive: true });
        scratchDir = Fs.mkdtempSync(Path.join(Os.tmpdir(), 'dss-browser-csv-'));
        await expectServerAnswers();
        browser = await launchBrowser();
    });

    after(async () => {

        await withTimeout(browser?.close(), 15_000).catch(() => {});
        if (scratchDir) {
            Fs.rmSync(scratchDir, { recursive: true, force: true });
        }
        process.stdout.write(`screenshots in ${ARTEFACTS_DIR}\n`);
    });

    test('1. the whole flow with JavaScript: create, upload, process, second version, restore', { timeout: TEST_TIMEOUT_MS }, async (t) => {

        await withSession(browser, 'js', { javaScript: true, log: (text) => t.diagnostic(text) }, (session) => wholeFlow(session, 'js'));
    });

    test('2. a CSV with bad headers shows the checker\'s message and "Try again"', { timeout: TEST_TIMEOUT_MS }, async () => {

        await withSession(browser, 'bad-headers', {}, async (session) => {

            const { page } = session;
            await signIn(session);
            const slug = await createPipeline(session, `bad_headers_${RUN_STAMP}`);
            await clickAndLoad(page, main(page).getByRole('link', { name: 'Upload data' }));
            await recordStep(session, 'upload-form');
            // The verify page may show a file that failed the checks with a 4xx (dss: 422).
            allowStatuses(session, new RegExp(`^/upload/data/${slug}/verify/[^/]+/$`), 400, 422);

            await uploadFile(session, writeCsv('bad-headers.csv', ['a b,C', '1,2']));
            await expectHeading(page, 'There is a problem with the data file');
            await recordStep(session, 'check-error');
            assert.equal((await page.locator('#check-error').textContent()).trim(), INVALID_HEADERS_MESSAGE);
            const tryAgain = main(page).getByRole('link', { name: 'Try again' });
            assert.equal(await tryAgain.getAttribute('href'), `/upload/data/${slug}/`, '"Try again" should lead back to the upload form');
            await clickAndLoad(page, tryAgain);
            await expectHeading(page, 'Upload data');
            await recordStep(session, 'try-again');
        });
    });

    test('3. the create form, submitted empty, shows a linked error summary and field errors', { timeout: TEST_TIMEOUT_MS }, async () => {

        await withSession(browser, 'form-errors', {}, async (session) => {

            const { page } = session;
            await signIn(session);
            await page.goto(`${BASE_URL}/upload/create/`);
            await expectHeading(page, 'Create pipeline');
            await recordStep(session, 'create-form');

            // A form shown again with its errors may come with a 4xx (dss: 400).
            allowStatuses(session, /^\/upload\/create\/$/, 400, 422);
            await clickAndLoad(page, main(page).getByRole('button', { name: 'Create' }));
            await expectHeading(page, 'Create pipeline');
            const summary = page.locator('.govuk-error-summary');
            await summary.waitFor({ state: 'visible' });
            await recordStep(session, 'create-errors');

            assert.match(await page.title(), /^Error: /, 'the title of a page with errors should start with "Error: "');
            // GOV.UK Frontend's error summary takes the focus on load, so screen readers read it.
            const focusedInSummary = await summary.evaluate((element) => element.contains(document.activeElement));
            assert.ok(focusedInSummary, 'the error summary should have the focus after the form is shown again');

            const links = summary.locator('a');
            const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
            assert.deepEqual(hrefs, ['#organisation', '#dataset'], 'the error summary should link to each field in order');
            for (const field of ['organisation', 'dataset']) {
                assert.equal((await page.locator(`#${field}-error`).textContent()).replace(/\s+/g, ' ').trim(),
                    'Error: This field is required.', `the ${field} field should say "This field is required."`);
                await summary.locator(`a[href="#${field}"]`).click();
                const focused = await page.evaluate(() => document.activeElement?.id);
                assert.equal(focused, field, `the error summary link to #${field} should move the focus to that input`);
            }
        });
    });

    test('4. the whole flow without JavaScript, by form posts and "Refresh to see progress"', { timeout: TEST_TIMEOUT_MS }, async (t) => {

        await withSession(browser, 'nojs', { javaScript: false, log: (text) => t.diagnostic(text) }, (session) => wholeFlow(session, 'nojs'));
    });

    test('5. the page checks catch what they look for, with and without JavaScript', { timeout: TEST_TIMEOUT_MS }, async () => {

        // Without this, a check that silently found nothing would pass every page above.
        await withSession(browser, 'self-check-js', { javaScript: true }, (session) => expectPageChecksToCatch(session, [
            'lang> is "cy"', '2 h1 elements', 'id="unlabelled"', 'points to #nowhere', 'HTTP 500',
            'inline style', 'inline script', 'uncaught exception: thrown by the page'
        ]));
        // Without JavaScript, scripts never run (so neither their CSP report nor their errors),
        // but the markup checks, the HTTP status and the inline style's CSP report still work.
        await withSession(browser, 'self-check-nojs', { javaScript: false }, (session) => expectPageChecksToCatch(session, [
            'lang> is "cy"', '2 h1 elements', 'id="unlabelled"', 'points to #nowhere', 'HTTP 500', 'inline style'
        ]));
    });
});

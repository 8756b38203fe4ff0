'use strict';

// Exercises a running `dss serve` as a Hawk client, using the npm `hawk` package (the reference
// implementation). Run with node's built-in test runner:
//
//   DSS_URL=http://127.0.0.1:PORT HAWK_ID=.. HAWK_KEY=.. HAWK_PATH=/api/v1/get-dit-reference-postcodes/ \
//   HAWK_LIMITED_ID=.. HAWK_LIMITED_KEY=.. node --test tests/interop/hawk_client_test.js
//
// HAWK_ID/HAWK_KEY: a client whose scope includes "*". HAWK_PATH: an authenticated GET path that
// answers 200 JSON. HAWK_LIMITED_ID/HAWK_LIMITED_KEY: a client whose scope does not allow HAWK_PATH
// All of them are required: a missing one fails the run rather than skipping tests.

const Assert = require('node:assert/strict');
const Crypto = require('node:crypto');
const Http = require('node:http');
const Https = require('node:https');
const { test } = require('node:test');

const Hawk = require('hawk');

const env = process.env;
const baseUrl = env.DSS_URL;
const hawkPath = env.HAWK_PATH || '/api/v1/get-dit-reference-postcodes/';
const credentials = { id: env.HAWK_ID, key: env.HAWK_KEY, algorithm: 'sha256' };
const limited = { id: env.HAWK_LIMITED_ID, key: env.HAWK_LIMITED_KEY, algorithm: 'sha256' };

for (const name of ['DSS_URL', 'HAWK_ID', 'HAWK_KEY', 'HAWK_LIMITED_ID', 'HAWK_LIMITED_KEY']) {
    if (!env[name]) {
        throw new Error(`${name} must be set (see the comment at the top of this file)`);
    }
}

function target(path) {

    return new URL(path || hawkPath, baseUrl).toString();
}

// A nonce no other test (or earlier run) uses.
function freshNonce() {

    return Crypto.randomBytes(9).toString('base64url');
}

function sign(url, method, options) {

    return Hawk.client.header(url, method, Object.assign({ credentials, nonce: freshNonce() }, options));
}

// Sends one request with exactly the given headers; resolves to {status, headers, body}.
function send(url, method, headers, body) {

    const parsed = new URL(url);
    const transport = parsed.protocol === 'https:' ? Https : Http;
    const requestHeaders = Object.assign({}, headers);
    if (body !== undefined) {
        requestHeaders['Content-Length'] = Buffer.byteLength(body);
    }

    return new Promise((resolve, reject) => {

        const req = transport.request(url, { method, headers: requestHeaders }, (res) => {

            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({
                status: res.statusCode,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8')
            }));
            res.on('error', reject);
        });
        req.on('error', reject);
        req.setTimeout(30000, () => req.destroy(new Error(`timeout on ${method} ${url}`)));
        if (body !== undefined) {
            req.write(body);
        }

        req.end();
    });
}

function describe(sent, res) {

    const body = res.body.length > 600 ? res.body.slice(0, 600) + '...' : res.body;
    return `\n  sent: ${sent.method} ${sent.url}\n  Authorization: ${sent.authorization}\n` +
        `  got: ${res.status}\n  headers: ${JSON.stringify(res.headers)}\n  body: ${JSON.stringify(body)}`;
}

async function signedGet(options, creds) {

    const url = target();
    const { header, artifacts } = sign(url, 'GET', Object.assign({ credentials: creds || credentials }, options));
    const res = await send(url, 'GET', { Authorization: header });
    return { sent: { method: 'GET', url, authorization: header }, res, artifacts };
}

function expectUnauthorized(sent, res) {

    Assert.equal(res.status, 401, 'expected 401' + describe(sent, res));
    Assert.equal(res.body, '', 'a 401 has an empty body' + describe(sent, res));
    Assert.match(res.headers['www-authenticate'] || '', /^Hawk\b/, 'a 401 carries WWW-Authenticate: Hawk' + describe(sent, res));
}

test('signed GET answers 200 with a Server-Authorization that hawk validates', async () => {

    const { sent, res, artifacts } = await signedGet({ ext: 'interop-test' });
    Assert.equal(res.status, 200, describe(sent, res));
    Assert.match(res.headers['content-type'] || '', /^application\/json/i, describe(sent, res));
    JSON.parse(res.body);
    Assert.ok(res.headers['server-authorization'], 'Server-Authorization missing' + describe(sent, res));

    const result = Hawk.client.authenticate(res, credentials, artifacts, { payload: res.body, required: true });
    Assert.ok(result.headers['server-authorization'].mac);
    Assert.ok(result.headers['server-authorization'].hash, 'response hash attribute missing' + describe(sent, res));

    // The same header over a different body must not validate.
    Assert.throws(() => Hawk.client.authenticate(res, credentials, artifacts, { payload: res.body + ' ', required: true }),
        /Bad response payload mac/);
    // Nor over the request of another nonce.
    Assert.throws(() => Hawk.client.authenticate(res, credentials, Object.assign({}, artifacts, { nonce: 'other' }), { payload: res.body }),
        /Bad response mac/);
});

test('the same Authorization header sent twice is refused the second time', async () => {

    const url = target();
    const { header } = sign(url, 'GET', {});
    const sent = { method: 'GET', url, authorization: header };
    const first = await send(url, 'GET', { Authorization: header });
    Assert.equal(first.status, 200, 'first use' + describe(sent, first));
    const second = await send(url, 'GET', { Authorization: header });
    expectUnauthorized(sent, second);
});

test('a timestamp 10 minutes old is refused with the server time and its tsm', async () => {

    const before = Math.floor(Date.now() / 1000);
    const { sent, res } = await signedGet({ timestamp: before - 600 });
    const after = Math.floor(Date.now() / 1000);
    expectUnauthorized(sent, res);

    const www = res.headers['www-authenticate'];
    Assert.match(www, /\bts="/, describe(sent, res));
    Assert.match(www, /\btsm="/, describe(sent, res));
    const attributes = Hawk.utils.parseAuthorizationHeader(www, ['ts', 'tsm', 'error']);
    const serverTs = Number(attributes.ts);
    Assert.ok(Number.isInteger(serverTs), `ts is not an integer: ${attributes.ts}` + describe(sent, res));
    Assert.ok(serverTs >= before - 120 && serverTs <= after + 120, `server ts ${serverTs} far from local clock ${before}` + describe(sent, res));
    Assert.equal(attributes.tsm, Hawk.crypto.calculateTsMac(attributes.ts, credentials), 'tsm does not verify' + describe(sent, res));

    // hawk's own client check of the WWW-Authenticate timestamp accepts it too.
    Hawk.client.authenticate(res, credentials, {}, {});
});

test('a request signed with the wrong key is refused with an empty body', async () => {

    const wrong = Object.assign({}, credentials, { key: credentials.key + 'x' });
    const { sent, res } = await signedGet({}, wrong);
    expectUnauthorized(sent, res);
});

test('an unknown client id is refused', async () => {

    const unknown = Object.assign({}, credentials, { id: 'no-such-client-' + freshNonce() });
    const { sent, res } = await signedGet({}, unknown);
    expectUnauthorized(sent, res);
});

test('a mac with one character changed is refused', async () => {

    const url = target();
    const { header } = sign(url, 'GET', {});
    const tampered = header.replace(/mac="(.)/, (match, first) => `mac="${first === 'A' ? 'B' : 'A'}`);
    Assert.notEqual(tampered, header);
    const res = await send(url, 'GET', { Authorization: tampered });
    expectUnauthorized({ method: 'GET', url, authorization: tampered }, res);
});

test('a request without Authorization is refused with WWW-Authenticate: Hawk', async () => {

    const url = target();
    const res = await send(url, 'GET', {});
    expectUnauthorized({ method: 'GET', url, authorization: '(none)' }, res);
});

for (const malformed of [
    'Hawk garbage',
    'Hawk id="x", ts="abc"',
    'Hawk id="a", ts="1", nonce="n", mac="m", color="red"',
    'Hawk id="a", id="b", ts="1", nonce="n", mac="m"',
    'Hawk id="a", ts="1", nonce="n", mac="m'
]) {
    test(`a malformed header is refused with 400 JSON: ${malformed}`, async () => {

        const url = target();
        const res = await send(url, 'GET', { Authorization: malformed });
        const sent = { method: 'GET', url, authorization: malformed };
        Assert.equal(res.status, 400, describe(sent, res));
        Assert.match(res.headers['content-type'] || '', /^application\/json/i, describe(sent, res));
        const body = JSON.parse(res.body);
        Assert.equal(typeof body.error, 'string', describe(sent, res));
        Assert.ok(body.error.length > 0, describe(sent, res));
    });
}

test('a signed POST with a body to a GET-only endpoint is refused before the body is read', async () => {

    const url = target();
    const { header } = sign(url, 'POST', { payload: '"A"', contentType: 'application/json' });
    const res = await send(url, 'POST', { Authorization: header, 'Content-Type': 'application/json' }, '"B"');
    const sent = { method: 'POST', url, authorization: header };
    Assert.equal(res.status, 413, describe(sent, res));
    Assert.deepEqual(JSON.parse(res.body), { error: 'request body too large' }, describe(sent, res));
});

test('a client whose scope does not allow the endpoint is refused', async () => {

    const { sent, res } = await signedGet({}, limited);
    expectUnauthorized(sent, res);
});

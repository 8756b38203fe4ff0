'use strict';

// A tiny Hawk-authenticating HTTP server built on the npm `hawk` package (the reference
// implementation), for testing the C++ client (`dss hawk request`) against it.
//
// Environment: HAWK_ID, HAWK_KEY (the one accepted client), PORT (default 0 = any free port).
// Listens on 127.0.0.1 and prints exactly one line `listening on <port>` to stdout when ready.
//
// Every request is authenticated with hawk.server.authenticate (payload hash checked whenever the
// request has a body, a content type or a hash attribute; nonces remembered in memory, replays
// refused; timestamp skew 60 s). On success: 200 application/json
//   {"ok": true, "method": ..., "url": ..., "ext": <request ext or null>, "body": <parsed JSON body,
//    the raw text if it is not JSON, or null when empty>}
// with a Server-Authorization header from hawk.server.header. Special paths:
//   /tampered-response           Server-Authorization computed over a different payload than sent
//   /no-server-authorization     no Server-Authorization header at all
//   any path holding /fail-500/  authenticated, then 500 {"error": "internal"} (a data-flow that
//                                breaks after accepting the request)
//   POST .../dag_runs            the echo also carries "run_id": "manual__2020-05-29T10:00:00+00:00"
//                                (data-flow's answer to a trigger)
//   GET .../dag_runs/<date>      {"state": "running"} the first time, then "success"; "failed"
//                                when the DAG id holds "fails" (data-flow's run progress)
// Failures: 401 with an empty body (WWW-Authenticate as hawk builds it), or 400 {"error": ...} for
// a malformed Authorization header; the reason goes to stderr.

const Http = require('http');

const Hawk = require('hawk');

const id = process.env.HAWK_ID;
const key = process.env.HAWK_KEY;
if (!id || !key) {
    process.stderr.write('hawk_server.js: HAWK_ID and HAWK_KEY must be set\n');
    process.exit(2);
}

const credentials = { id, key, algorithm: 'sha256' };
const seenNonces = new Set();
const polls = {};

function credentialsFunc(requestedId) {

    return requestedId === id ? credentials : null;
}

function nonceFunc(nonceKey, nonce, ts) {

    const entry = `${nonceKey}:${nonce}:${ts}`;
    if (seenNonces.has(entry)) {
        throw new Error('Replayed nonce');
    }

    seenNonces.add(entry);
}

function readBody(req) {

    return new Promise((resolve, reject) => {

        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

function hasHashAttribute(authorization) {

    try {
        return Boolean(Hawk.utils.parseAuthorizationHeader(authorization).hash);
    }
    catch (err) {
        return false;           // authenticate() reports the malformation
    }
}

function parseBody(body) {

    if (body === '') {
        return null;
    }

    try {
        return JSON.parse(body);
    }
    catch (err) {
        return body;
    }
}

async function handle(req, res) {

    const body = await readBody(req);
    const options = { nonceFunc };
    if (body !== '' || req.headers['content-type'] || hasHashAttribute(req.headers.authorization)) {
        options.payload = body;        // hawk then requires a hash attribute and checks it
    }

    let result;
    try {
        result = await Hawk.server.authenticate(req, credentialsFunc, options);
    }
    catch (err) {
        const status = (err.output && err.output.statusCode) || 500;
        const message = err.message || String(err);
        process.stderr.write(`${req.method} ${req.url}: ${status} ${message}\n`);
        const headers = Object.assign({}, err.output ? err.output.headers : {});
        if (status === 400) {
            const json = JSON.stringify({ error: message });
            res.writeHead(400, Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) }));
            res.end(json);
            return;
        }

        res.writeHead(status === 500 ? 500 : 401, Object.assign(headers, { 'Content-Length': 0 }));
        res.end();
        return;
    }

    const { artifacts } = result;
    const path = req.url.split('?')[0];
    const answer = {
        ok: true,
        method: req.method,
        url: req.url,
        ext: artifacts.ext === undefined ? null : artifacts.ext,
        body: parseBody(body)
    };
    if (req.method === 'POST' && path.endsWith('/dag_runs')) {
        answer.run_id = 'manual__2020-05-29T10:00:00+00:00';
    }

    const progress = path.match(/\/dags\/([^/]+)\/dag_runs\/([^/]+)$/);
    if (req.method === 'GET' && progress) {
        polls[path] = (polls[path] || 0) + 1;
        answer.state = progress[1].includes('fails') ? 'failed' : (polls[path] < 2 ? 'running' : 'success');
    }

    const payload = JSON.stringify(answer);
    if (path.includes('/fail-500/')) {
        process.stderr.write(`${req.method} ${req.url}: answering 500 on purpose\n`);
        const json = JSON.stringify({ error: 'internal' });
        res.writeHead(500, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
        res.end(json);
        return;
    }

    const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) };
    if (path === '/tampered-response') {
        headers['Server-Authorization'] = Hawk.server.header(result.credentials, artifacts,
            { payload: payload + ' ', contentType: 'application/json' });
    }
    else if (path !== '/no-server-authorization') {
        headers['Server-Authorization'] = Hawk.server.header(result.credentials, artifacts,
            { payload, contentType: 'application/json' });
    }

    res.writeHead(200, headers);
    res.end(payload);
}

const server = Http.createServer((req, res) => {

    handle(req, res).catch((err) => {

        process.stderr.write(`${req.method} ${req.url}: 500 ${(err && err.stack) || err}\n`);
        if (!res.headersSent) {
            res.writeHead(500, { 'Content-Length': 0 });
        }

        res.end();
    });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {

    process.stdout.write(`listening on ${server.address().port}\n`);
});

function shutdown() {

    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 1000).unref();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

'use strict';

// Writes tests/fixtures/hawk_vectors.json: Hawk test vectors computed by the npm `hawk` package
// (the reference implementation), read by the C++ unit tests. Fully deterministic: fixed
// timestamps, nonces and keys, no randomness and no clock in the output.
//
//   node tests/interop/make_vectors.js [output-path]

const Fs = require('fs');
const Path = require('path');

const Hawk = require('hawk');

const hawkVersion = require('hawk/package.json').version;
const outputPath = process.argv[2] ||
    Path.join(__dirname, '..', 'fixtures', 'hawk_vectors.json');

const classic = { id: 'dh37fgj492je', key: 'werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn', algorithm: 'sha256' };
const dss = { id: 'dss-client', key: 'a-long-secret-key-for-dss-interop-tests', algorithm: 'sha256' };
const unicode = { id: 'unicode-key-client', key: 'clé-secrète-ü-✓', algorithm: 'sha256' };

const TS = 1353832234;

// Each request case: the URL the client signs (host and port come from it, as hawk.client.header
// does), plus the fields the C++ side needs to rebuild the same normalized string.
const requestCases = [
    {
        name: 'get_no_payload_no_ext',
        credentials: classic, method: 'GET', url: 'http://example.com:8000/resource/1?b=1&a=2',
        ts: TS, nonce: 'j4h3g2'
    },
    {
        // The example from the hawk README; mac must be 6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=
        name: 'get_with_ext_hawk_readme',
        credentials: classic, method: 'GET', url: 'http://example.com:8000/resource/1?b=1&a=2',
        ts: TS, nonce: 'j4h3g2', ext: 'some-app-ext-data'
    },
    {
        name: 'get_ext_with_separators',
        credentials: dss, method: 'GET', url: 'http://example.com:8080/api/v1/get-ons-postcodes/',
        ts: 1700000000, nonce: 'Ext0001', ext: 'k=v, other=thing; a:b/c (d) [e] {f} ~!@#$%^&*+'
    },
    {
        name: 'get_query_amp_pct20_plus',
        credentials: dss, method: 'GET',
        url: 'http://example.com:8080/api/v1/get-dit-reference-postcode/?postcode=SW1A%201AA&x=a+b&next-id=3',
        ts: 1700000001, nonce: 'q1w2e3'
    },
    {
        name: 'get_mixed_case_host',
        credentials: dss, method: 'GET', url: 'http://API.Example.COM:8080/api/v1/get-dit-baci-data/?next-id=10',
        host_header: 'API.Example.COM:8080',
        ts: 1700000002, nonce: 'HoStCs'
    },
    {
        name: 'get_explicit_port_80',
        credentials: dss, method: 'GET', url: 'http://example.com:80/api/v1/get-world-bank-tariffs/',
        ts: 1700000003, nonce: 'port80'
    },
    {
        name: 'get_explicit_port_443',
        credentials: dss, method: 'GET', url: 'https://example.com:443/api/v1/get-world-bank-tariffs/raw/',
        ts: 1700000004, nonce: 'port443'
    },
    {
        name: 'get_implicit_port_https',
        credentials: dss, method: 'GET', url: 'https://data.example.com/api/v1/table-data/public/foo?next-id=2',
        ts: 1700000005, nonce: 'noport'
    },
    {
        name: 'get_resource_trailing_question_mark',
        credentials: dss, method: 'GET', url: 'http://127.0.0.1:5000/api/v1/get-ons-postcodes/?',
        ts: 1700000006, nonce: 'trailq'
    },
    {
        name: 'post_json_charset',
        credentials: dss, method: 'POST', url: 'http://localhost:5000/api/v1/table-data/public/foo',
        ts: 1700000010, nonce: 'post01',
        payload: '{"name":"value","list":[1,2,3],"nested":{"a":"b"}}', content_type: 'application/json; charset=utf-8'
    },
    {
        name: 'post_mixed_case_content_type_with_parameters',
        credentials: dss, method: 'POST', url: 'http://localhost:5000/upload',
        ts: 1700000011, nonce: 'post02', ext: 'upload',
        payload: 'line one\nline two\n', content_type: ' Text/Plain ;charset=ISO-8859-1; format=flowed'
    },
    {
        name: 'post_payload_without_content_type',
        credentials: dss, method: 'POST', url: 'http://localhost:5000/api/v1/x/',
        ts: 1700000012, nonce: 'post03',
        payload: '{"a":1}', content_type: null
    },
    {
        name: 'put_empty_payload_with_content_type',
        credentials: dss, method: 'PUT', url: 'http://localhost:5000/api/v1/x/',
        ts: 1700000013, nonce: 'empty1',
        payload: '', content_type: 'application/json'
    },
    {
        name: 'get_app_and_dlg',
        credentials: dss, method: 'GET', url: 'http://example.com:8080/api/v1/get-ons-postcodes/?next-id=1',
        ts: 1700000020, nonce: 'oz0001', ext: 'oz-ext', app: 'app-1234', dlg: 'dlg-5678'
    },
    {
        name: 'get_app_without_dlg',
        credentials: dss, method: 'GET', url: 'http://example.com:8080/api/v1/get-ons-postcodes/',
        ts: 1700000021, nonce: 'oz0002', app: 'app-1234'
    },
    {
        name: 'get_non_ascii_key_unicode_path',
        credentials: unicode, method: 'GET',
        url: 'http://example.com:8080/api/v1/caf%C3%A9/%E2%9C%93/?q=%C3%A9t%C3%A9&r=a%2Bb',
        ts: 1700000030, nonce: 'uni001'
    }
];

// Response cases: a request (signed as above) and the server's answer to it.
const responseCases = [
    {
        name: 'response_json_no_ext',
        request: { credentials: dss, method: 'GET', url: 'http://example.com:8080/api/v1/get-dit-reference-postcodes/', ts: 1700000100, nonce: 'resp01' },
        payload: '{"headers":["postcode","lep1"],"values":[["SW1A 1AA","E37000023"]],"next":null}',
        content_type: 'application/json'
    },
    {
        name: 'response_with_ext',
        request: { credentials: dss, method: 'GET', url: 'http://example.com:8080/api/v1/get-ons-postcodes/?next-id=5', ts: 1700000101, nonce: 'resp02' },
        payload: '{"status":"OK"}', content_type: 'application/json', ext: 'response-ext-data'
    },
    {
        // The request's ext and hash are NOT part of the response mac: hawk.server.header replaces
        // them with the response's own (here: no ext, hash of the response body).
        name: 'response_to_post_with_request_ext_and_hash',
        request: {
            credentials: dss, method: 'POST', url: 'http://localhost:5000/api/v1/table-data/public/foo', ts: 1700000102, nonce: 'resp03',
            ext: 'request-ext', payload: '{"a":1}', content_type: 'application/json'
        },
        payload: '{"ok":true}', content_type: 'application/json'
    },
    {
        name: 'response_empty_body',
        request: { credentials: classic, method: 'GET', url: 'http://example.com:8000/resource/1?b=1&a=2', ts: TS, nonce: 'j4h3g2' },
        payload: '', content_type: 'application/json'
    },
    {
        // app/dlg from the request stay in the response normalized string.
        name: 'response_with_request_app_dlg',
        request: { credentials: dss, method: 'GET', url: 'http://example.com:8080/api/v1/get-ons-postcodes/', ts: 1700000103, nonce: 'resp05', app: 'app-1', dlg: 'dlg-2' },
        payload: '[]', content_type: 'application/json; charset=utf-8'
    }
];

// Authorization headers and what hawk.utils.parseAuthorizationHeader makes of them.
const headerCases = [
    'Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="',
    'hawk mac="m", id="a",ts="1",  nonce="n" ',
    'Hawk id="a", ts="1", nonce="n", ext="a, b=c", mac="m"',
    'Hawk id="a", ts="1", nonce="n", mac="m", app="x", dlg=""',
    'Hawk id="a", ts="abc", nonce="n", mac="m"',
    'Basic dXNlcjpwYXNz',
    'Hawk',
    'Hawk garbage',
    'Hawk id="a", ts="1", nonce="n", mac="m", color="red"',
    'Hawk id="a", id="b", ts="1", nonce="n", mac="m"',
    'Hawk id="a", ts="1", nonce="n", mac="m',
    'Hawk id=a, ts="1", nonce="n", mac="m"',
    'Hawk id="a" ts="1", nonce="n", mac="m"',
    'Hawk id="a\\"b", ts="1", nonce="n", mac="m"',
    'Hawk id="aé", ts="1", nonce="n", mac="m"',
    'Hawk id="a", ts="1", nonce="n", ext="x\\\\y", mac="m"',
    'Hawk id="' + 'a'.repeat(4100) + '"'
];

// Server timestamps and their tsm (sent in WWW-Authenticate on a stale timestamp).
const timestampCases = [
    { credentials: classic, ts: TS },
    { credentials: dss, ts: 1700000000 },
    { credentials: unicode, ts: 1700000030 }
];

const nullable = (value) => (value === undefined ? null : value);

function check(condition, message) {

    if (!condition) {
        throw new Error('self-check failed: ' + message);
    }
}

function signRequest(c) {

    const options = {
        credentials: c.credentials,
        timestamp: c.ts,
        nonce: c.nonce,
        localtimeOffsetMsec: 0
    };
    for (const field of ['ext', 'app', 'dlg']) {
        if (c[field] !== undefined) {
            options[field] = c[field];
        }
    }

    if (c.payload !== undefined && c.payload !== null) {
        options.payload = c.payload;
        if (c.content_type) {
            options.contentType = c.content_type;
        }
    }

    return Hawk.client.header(c.url, c.method, options);
}

async function requestVector(c) {

    const { header, artifacts } = signRequest(c);
    const url = new URL(c.url);            // for the Host header as a client would send it
    const hostHeader = c.host_header || url.host;
    const host = c.host_header ? c.host_header.replace(/:\d+$/, '') : artifacts.host;
    const fields = {
        method: c.method,
        resource: artifacts.resource,
        host,
        port: Number(artifacts.port),
        ts: c.ts,
        nonce: c.nonce,
        hash: artifacts.hash,
        ext: c.ext,
        app: c.app,
        dlg: c.dlg
    };

    const payloadHash = (c.payload === undefined || c.payload === null) ? null :
        Hawk.crypto.calculatePayloadHash(c.payload, c.credentials.algorithm, c.content_type);
    const normalized = Hawk.crypto.generateNormalizedString('header', fields);
    const mac = Hawk.crypto.calculateMac('header', c.credentials, fields);

    // Cross-checks: our rebuild agrees with hawk.client.header, and hawk.server.authenticate accepts it.
    check(nullable(artifacts.hash) === payloadHash, c.name + ' payload hash');
    check(header.includes('mac="' + mac + '"'), c.name + ' mac in header');
    check(JSON.stringify(Hawk.utils.parseAuthorizationHeader(header).mac) === JSON.stringify(mac), c.name + ' parsed mac');
    const request = {
        method: c.method, url: artifacts.resource, host, port: fields.port,
        authorization: header, contentType: c.content_type || ''
    };
    const options = { localtimeOffsetMsec: c.ts * 1000 - Date.now() };
    if (payloadHash !== null) {
        options.payload = c.payload;
    }

    await Hawk.server.authenticate(request, () => c.credentials, options);

    return {
        name: c.name,
        credentials: c.credentials,
        url: c.url,
        method: c.method,
        resource: artifacts.resource,
        host,
        port: fields.port,
        host_header: hostHeader,
        ts: c.ts,
        nonce: c.nonce,
        ext: nullable(c.ext),
        payload: nullable(c.payload),
        content_type: nullable(c.content_type),
        app: nullable(c.app),
        dlg: nullable(c.dlg),
        normalized,
        payload_hash: payloadHash,
        mac,
        authorization: header
    };
}

function responseVector(c) {

    const r = c.request;
    const { header: requestHeader, artifacts } = signRequest(r);
    const options = { payload: c.payload, contentType: c.content_type };
    if (c.ext !== undefined) {
        options.ext = c.ext;
    }

    const serverAuthorization = Hawk.server.header(r.credentials, artifacts, options);

    const payloadHash = Hawk.crypto.calculatePayloadHash(c.payload, r.credentials.algorithm, c.content_type);
    const fields = Object.assign({}, artifacts, { hash: payloadHash, ext: c.ext });
    const normalized = Hawk.crypto.generateNormalizedString('response', fields);
    const mac = Hawk.crypto.calculateMac('response', r.credentials, fields);

    check(serverAuthorization.includes('mac="' + mac + '"'), c.name + ' response mac');
    const res = { headers: { 'server-authorization': serverAuthorization, 'content-type': c.content_type } };
    Hawk.client.authenticate(res, r.credentials, artifacts, { payload: c.payload, required: true });

    return {
        name: c.name,
        credentials: r.credentials,
        method: r.method,
        resource: artifacts.resource,
        host: artifacts.host,
        port: Number(artifacts.port),
        ts: r.ts,
        nonce: r.nonce,
        request_ext: nullable(r.ext),
        request_hash: nullable(artifacts.hash),
        app: nullable(r.app),
        dlg: nullable(r.dlg),
        request_authorization: requestHeader,
        ext: nullable(c.ext),
        payload: c.payload,
        content_type: c.content_type,
        normalized,
        payload_hash: payloadHash,
        mac,
        server_authorization: serverAuthorization
    };
}

function headerVector(header) {

    try {
        const attributes = Hawk.utils.parseAuthorizationHeader(header);
        return { header, attributes, error: null, status: null };
    }
    catch (err) {
        return {
            header,
            attributes: null,
            error: err.output.payload.message || null,
            status: err.output.statusCode
        };
    }
}

function timestampVector(c) {

    const tsm = Hawk.crypto.calculateTsMac(c.ts, c.credentials);
    const err = Hawk.utils.unauthorized('Stale timestamp', { ts: c.ts, tsm });
    return {
        credentials: c.credentials,
        ts: c.ts,
        normalized: 'hawk.1.ts\n' + c.ts + '\n',
        tsm,
        www_authenticate: err.output.headers['WWW-Authenticate']
    };
}

async function main() {

    const requests = [];
    for (const c of requestCases) {
        requests.push(await requestVector(c));
    }

    check(requests[1].mac === '6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=', 'hawk README example mac');

    const vectors = {
        generated_by: 'hawk@' + hawkVersion,
        generator: 'tests/interop/make_vectors.js',
        requests,
        responses: responseCases.map(responseVector),
        headers: headerCases.map(headerVector),
        timestamps: timestampCases.map(timestampVector)
    };

    Fs.mkdirSync(Path.dirname(outputPath), { recursive: true });
    Fs.writeFileSync(outputPath, JSON.stringify(vectors, null, 2) + '\n');
    process.stdout.write(`wrote ${vectors.requests.length} request, ${vectors.responses.length} response, ` +
        `${vectors.headers.length} header and ${vectors.timestamps.length} timestamp vectors to ${outputPath}\n`);
}

main().catch((err) => {

    process.stderr.write((err && err.stack) || String(err));
    process.stderr.write('\n');
    process.exit(1);
});

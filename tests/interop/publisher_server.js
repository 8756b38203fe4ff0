'use strict';

// A publisher's web site for the fetch tests: listing pages and files, with the faults real
// sites have. Routes come from the JSON file named by ROUTES, read again on every request so a
// test can change them between runs:
//   { "/path": { "file": "/abs/path", "status": 200, "type": "text/html",
//                "failures": 2,        // the first 2 requests answer 500
//                "cut_after": 1000,    // announce the whole length, send 1000 bytes, cut
//                "stall_after": 1000,  // send 1000 bytes, then nothing, connection kept open
//                "redirect": "/other"  // 302 to another path
//   } }
// A path not listed is 404. GET /__requests answers {"<path>": <count>} of requests so far.
// Listens on 127.0.0.1 (PORT, default any) and prints `listening on <port>` when ready.

const Fs = require('fs');
const Http = require('http');

const routesFile = process.env.ROUTES;
if (!routesFile) {
    process.stderr.write('publisher_server.js: ROUTES must name a JSON file\n');
    process.exit(2);
}

const requests = {};
const stalled = [];

function routes() {

    return JSON.parse(Fs.readFileSync(routesFile, 'utf8'));
}

function serve(req, res) {

    const path = req.url.split('?')[0];
    if (path === '/__requests') {
        const json = JSON.stringify(requests);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
        res.end(json);
        return;
    }

    requests[path] = (requests[path] || 0) + 1;
    const route = routes()[path];
    if (!route) {
        res.writeHead(404, { 'Content-Length': 0 });
        res.end();
        return;
    }

    if (route.failures && requests[path] <= route.failures) {
        res.writeHead(500, { 'Content-Length': 0 });
        res.end();
        return;
    }

    if (route.redirect) {
        res.writeHead(302, { Location: route.redirect, 'Content-Length': 0 });
        res.end();
        return;
    }

    const size = Fs.statSync(route.file).size;
    res.writeHead(route.status || 200, {
        'Content-Type': route.type || 'application/octet-stream',
        'Content-Length': size
    });
    const limit = route.cut_after !== undefined ? route.cut_after : route.stall_after;
    if (limit === undefined) {
        Fs.createReadStream(route.file).pipe(res);
        return;
    }

    const stream = Fs.createReadStream(route.file, { start: 0, end: Math.max(0, limit - 1) });
    stream.on('data', (chunk) => res.write(chunk));
    stream.on('end', () => {

        if (route.cut_after !== undefined) {
            req.socket.destroy();
        }
        else {
            stalled.push(res);    // kept open, silent, until the client gives up
        }
    });
}

const server = Http.createServer(serve);
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {

    process.stdout.write(`listening on ${server.address().port}\n`);
});

process.on('SIGTERM', () => process.exit(0));

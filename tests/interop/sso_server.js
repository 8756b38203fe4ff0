'use strict';

// The SSO provider for dss's sign-in tests: npm oauth2-mock-server (authorisation code grant)
// on 127.0.0.1, any free port (or PORT). Prints `listening on <port>` when ready.
//
// Paths: /authorize (redirects straight back with a code and the state), /token, /userinfo,
// /endsession. Environment:
//   SSO_TOKEN_LIFETIME  seconds an access token lives (default 3600); /userinfo answers 401
//                       {"error": "invalid_token"} once it has expired, as a real provider does
//   SSO_USERINFO_STATUS answer /userinfo with this status instead (500: a broken provider)
// Every /userinfo request is logged on stderr as `userinfo <status>`, so tests can count how
// often dss asked.

const { OAuth2Server } = require('oauth2-mock-server');

const lifetime = Number(process.env.SSO_TOKEN_LIFETIME || 3600);
const forcedStatus = process.env.SSO_USERINFO_STATUS ? Number(process.env.SSO_USERINFO_STATUS) : 0;

function bearerPayload(req) {

    const header = req.headers.authorization || '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const parts = token.split('.');
    if (parts.length !== 3) {
        return null;
    }

    try {
        return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    }
    catch {
        return null;
    }
}

async function main() {

    const server = new OAuth2Server();
    await server.issuer.keys.generate('RS256');

    server.service.on('beforeTokenSigning', (token) => {

        token.payload.exp = Math.floor(Date.now() / 1000) + lifetime;
    });

    server.service.on('beforeUserinfo', (userInfoResponse, req) => {

        const payload = bearerPayload(req);
        const now = Math.floor(Date.now() / 1000);
        if (forcedStatus) {
            userInfoResponse.statusCode = forcedStatus;
            userInfoResponse.body = { error: 'server_error' };
        }
        else if (!payload || payload.exp <= now) {
            userInfoResponse.statusCode = 401;
            userInfoResponse.body = { error: 'invalid_token', error_description: 'token expired' };
        }
        else {
            userInfoResponse.body = {
                sub: 'staff-1',
                email: 'sam.staff@example.gov.uk',
                first_name: 'Sam',
                last_name: 'Staff'
            };
        }

        process.stderr.write(`userinfo ${userInfoResponse.statusCode}\n`);
    });

    await server.start(Number(process.env.PORT || 0), '127.0.0.1');
    const port = new URL(server.issuer.url).port;
    process.stdout.write(`listening on ${port}\n`);

    const stop = async () => {

        await server.stop();
        process.exit(0);
    };

    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
}

main().catch((error) => {

    process.stderr.write(`sso_server.js: ${error.stack || error}\n`);
    process.exit(1);
});

'use strict';

// Any endpoint of Pinterest API v5 (the component's `api-request`): the
// connector adds the account's token, keeps the path below /v5/ and maps
// failures to its errors. The answer carries the body as text and, when it
// is JSON, parsed as `data` for the next components of the flow.

const lib = require('../../lib');

/** The body parsed as JSON, or undefined when it is empty or not JSON. */
function parsed(body) {
    if (!body) return undefined;
    try {
        return JSON.parse(body);
    } catch {
        return undefined;
    }
}

module.exports = lib.action('ApiRequest', {
    after: (out) => ({ ...out, data: parsed(out.body) })
});

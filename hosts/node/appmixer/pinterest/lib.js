'use strict';

// Shared by the connector's auth.js and components: loads the Pinterest
// component (an ES module, so through import()), builds its `config` from
// the Appmixer context, and turns its errors into Appmixer's: a failure that
// may pass on retry is thrown as a plain Error (Appmixer retries the
// message), any other as context.CancelError, with the connector's remedy.

const path = require('node:path');
const { pathToFileURL } = require('node:url');

const CONNECTOR = pathToFileURL(path.join(__dirname, '../../lib/connector.js')).href;

let loaded = null;

/** Resolves to the connector module (lib/connector.js); loading starts at require time. */
const ready = import(CONNECTOR).then((module) => {
    loaded = module;
    return module;
});

/** The connector module if it has loaded, for the few Appmixer hooks that must answer synchronously. */
function loadedConnector() {
    if (!loaded) {
        throw new Error('The Pinterest component is still loading; try again in a moment.');
    }
    return loaded;
}

/**
 * The component's `config` from the Appmixer context: the app's credentials
 * (context.clientId/clientSecret in auth hooks, context.auth in components,
 * empty where the platform does not pass them: API calls need only the
 * token) and the service configuration (`environment`: production or
 * sandbox, `apiBaseUrl`, `authorizeUrl` for proxies and test servers).
 */
function config(context) {
    const settings = context.config || context.authConfig || {};
    const auth = context.auth || {};
    const out = {
        'client-id': context.clientId || auth.clientId || '',
        'client-secret': context.clientSecret || auth.clientSecret || '',
        environment: settings.environment || 'production'
    };
    if (settings.apiBaseUrl) out['api-base-url'] = settings.apiBaseUrl;
    if (settings.authorizeUrl) out['authorize-url'] = settings.authorizeUrl;
    return out;
}

/** Runs a connector operation with input in the manifest's JSON form. */
async function call(name, input) {
    const { call } = await ready;
    return call(name, input);
}

/** `token-set` → the token fields Appmixer stores. */
function tokens(set) {
    return {
        accessToken: set['access-token'],
        refreshToken: set['refresh-token'],
        accessTokenExpDate: new Date(set['expires-at'] * 1000),
        refreshTokenExpDate: set['refresh-token-expires-at'] === undefined
            ? undefined
            : new Date(set['refresh-token-expires-at'] * 1000)
    };
}

/** `boardSectionId` → `board-section-id`: port field names to WIT names. */
function kebab(name) {
    return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A connector value with its object keys in camelCase, as ports carry them. */
function camelKeys(value) {
    if (Array.isArray(value)) return value.map(camelKeys);
    if (value === null || typeof value !== 'object') return value;
    const out = {};
    for (const [key, inner] of Object.entries(value)) {
        out[key.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase())] = camelKeys(inner);
    }
    return out;
}

/** Rethrows a connector failure the way Appmixer handles it. */
function rethrow(context, error) {
    if (error && error.name === 'ConnectorError' && !error.retryable && context.CancelError) {
        throw new context.CancelError(error.message);
    }
    throw error;
}

module.exports = { ready, loadedConnector, config, call, tokens, kebab, camelKeys, rethrow };

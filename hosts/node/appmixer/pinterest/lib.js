'use strict';

// Shared by the connector's auth.js and components: loads the Pinterest
// component (an ES module, so through import()), builds its `config` from
// the Appmixer context, and turns its errors into Appmixer's: a failure that
// may pass on retry is thrown as a plain Error (Appmixer retries the
// message), any other as context.CancelError, with the connector's remedy.

const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { components, isVariable, FieldError } = require('./components');

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
 * sandbox, `apiBaseUrl`, `authorizeUrl` for proxies and test servers,
 * `adAccountId` to act for an ad account's owner through Business Access).
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
    if (settings.adAccountId) out['ad-account-id'] = settings.adAccountId;
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

/**
 * Runs `operation` for the connected account: `input` without `config`
 * and `access-token`, which come from the context. Failures are rethrown
 * the way Appmixer handles them.
 */
async function run(context, operation, input) {
    try {
        return await call(operation, {
            config: config(context),
            'access-token': context.auth.accessToken,
            ...input
        });
    } catch (error) {
        return rethrow(context, error);
    }
}

/**
 * The fields of a message as a component uses them: empty ones left out
 * (an inspector field never filled in), and whole numbers and switches that
 * came as text (from flow variables) converted as the port's schema says.
 */
function fieldsOf(schema, content) {
    const fields = {};
    for (const [name, value] of Object.entries(content || {})) {
        if (value === undefined || value === null || value === '') continue;
        const type = schema.properties && schema.properties[name] && schema.properties[name].type;
        if (type === 'integer' && typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
            fields[name] = Number(value);
        } else if (type === 'boolean' && (value === 'true' || value === 'false')) {
            fields[name] = value === 'true';
        } else {
            fields[name] = value;
        }
    }
    return fields;
}

/** Refuses a field the component does not have, naming it (before any request). */
function checkFields(context, name, spec, fields) {
    const known = new Set(spec.fields.map(([field]) => field));
    for (const field of Object.keys(fields)) {
        if (!known.has(field)) {
            const fieldList = [...known].join(', ');
            throw new context.CancelError(`${field} is not a field of ${name}; it takes ${fieldList}.`);
        }
    }
}

/**
 * The fields of the message on component `name`'s in port (see fieldsOf),
 * refused with a CancelError naming any the component does not have; and
 * whether it was asked for dropdown options (`isSource`).
 */
function messageFields(context, name) {
    const port = require(`./core/${name}/component.json`).inPorts[0];
    const { isSource, ...content } = context.messages.in.content || {};
    const fields = fieldsOf(port.schema, content);
    checkFields(context, name, components[name], fields);
    return { isSource: isSource === true, fields };
}

/** Sets `value` at the dotted WIT path `pointer` of `target`. */
function setAt(target, pointer, value) {
    const keys = pointer.split('.');
    let at = target;
    for (const key of keys.slice(0, -1)) {
        at[key] = at[key] || {};
        at = at[key];
    }
    at[keys[keys.length - 1]] = value;
}

/**
 * The operation's input from the fields, as the component's table says
 * (components.js); fields that do not go together are refused with a
 * CancelError saying so.
 */
function buildInput(context, spec, fields) {
    if (!spec.build) {
        const input = {};
        for (const [field, pointer] of spec.fields) {
            if (fields[field] !== undefined) setAt(input, pointer, fields[field]);
        }
        return input;
    }
    try {
        return spec.build(fields);
    } catch (error) {
        if (error instanceof FieldError) throw new context.CancelError(error.message);
        throw error;
    }
}

/** The operation's answer as the component's out port carries it. */
function outputOf(spec, result, fields) {
    const output = spec.output || {};
    if (output === 'echo') {
        const echoed = {};
        for (const [field] of spec.fields) {
            if (fields[field] !== undefined) echoed[field] = fields[field];
        }
        return echoed;
    }
    if (output.list) {
        const out = { [output.list]: camelKeys(result.items), count: result.items.length };
        if (result.bookmark !== undefined) out.bookmark = result.bookmark;
        return out;
    }
    return camelKeys(result);
}

/**
 * An Appmixer component (its `receive`) running the operation that the
 * table (components.js) names for `name`: the message's fields checked and
 * turned into the operation's input, its answer sent on `out` (through
 * `after`, when given). A component that feeds dropdowns answers an empty
 * list when asked before its field is set (or set to a flow variable).
 */
function action(name, { after } = {}) {
    const spec = components[name];
    async function receive(context) {
        const { isSource, fields } = messageFields(context, name);
        const needed = spec.dropdownSource && fields[spec.dropdownSource];
        if (spec.dropdownSource && isSource && (needed === undefined || isVariable(needed))) {
            return context.sendJson(outputOf(spec, { items: [] }, fields), 'out');
        }
        const out = outputOf(spec, await run(context, spec.operation, buildInput(context, spec, fields)), fields);
        return context.sendJson(after ? after(out) : out, 'out');
    }
    // Which table entry this receive runs (the tests check what it can build).
    receive.table = name;
    return { receive };
}

/** Dropdown options (`{label, value}`) from a list's items, by name then id. */
function selectOptions(items) {
    if (!Array.isArray(items)) return [];
    return items.map((item) => ({ label: item.name || item.id, value: item.id }));
}

module.exports = {
    ready, loadedConnector, config, call, run, tokens, camelKeys, rethrow,
    action, buildInput, fieldsOf, messageFields, selectOptions
};

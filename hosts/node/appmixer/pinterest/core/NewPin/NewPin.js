'use strict';

// A polling trigger: at every tick, the pins created on the chosen board,
// section or account since the previous tick, one message each, oldest
// first (the component's `poll-new-pins`, which neither misses nor repeats
// a pin created between or during ticks). Its cursor is kept in the
// trigger's state between ticks; the first tick, and the first after the
// source or the account's API changed, only stores a cursor. The cursor is
// saved after the pins are sent: a tick that fails half-way sends them
// again at the next one rather than lose any.

const lib = require('../../lib');
const { components } = require('../../components');

const spec = components.NewPin;
const { properties } = require('./component.json');

/** What a cursor was made for: the pin source and the API it reads (never a secret). */
function madeFor(context, source) {
    const config = lib.config(context);
    return JSON.stringify([source, config.environment, config['api-base-url'] || '', config['ad-account-id'] || '']);
}

module.exports = {

    async tick(context) {
        const fields = lib.fieldsOf(properties.schema, context.properties);
        const input = lib.buildInput(context, spec, fields);
        const source = madeFor(context, input.source);
        const state = context.state || {};
        const cursor = state.source === source ? state.cursor : undefined;
        const found = await lib.run(context, spec.operation, { ...input, cursor });
        if (cursor !== undefined) {
            for (const pin of found.pins) await context.sendJson(lib.camelKeys(pin), 'out');
        }
        await context.saveState({ source, cursor: found.cursor });
    }
};

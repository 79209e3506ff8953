'use strict';

// Creates a pin from an image URL. Input fields are the component's
// pin-input fields in camelCase; the connector checks each one before any
// request and names the field and the limit when one is wrong.

const lib = require('../../lib');

module.exports = {

    async receive(context) {
        const { imageUrl, ...fields } = context.messages.in.content;
        const pin = { media: { tag: 'image-url', val: imageUrl } };
        for (const [key, value] of Object.entries(fields)) {
            if (value !== undefined && value !== null && value !== '') pin[lib.kebab(key)] = value;
        }
        let created;
        try {
            created = await lib.call('create-pin', {
                config: lib.config(context),
                'access-token': context.auth.accessToken,
                pin
            });
        } catch (error) {
            lib.rethrow(context, error);
        }
        return context.sendJson(lib.camelKeys(created), 'out');
    }
};

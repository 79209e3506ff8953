'use strict';

// Pinterest limits by rate-limit category (the component's manifest names
// each operation's `rateLimitCategory`, from Pinterest's API description).
// Writes are paced at 60 a minute per user, as the command-line host's
// `pins import` does, well under Pinterest's write limit; reads stay under
// Pinterest's universal limit of 100 requests a second per user and app.
module.exports = {

    rules: [
        {
            limit: 60,
            window: 1000 * 60,
            throttling: 'window-sliding',
            queueing: 'fifo',
            resource: 'org_write',
            scope: 'userId'
        },
        {
            limit: 100,
            window: 1000,
            throttling: 'window-sliding',
            queueing: 'fifo',
            resource: 'org_read',
            scope: 'userId'
        }
    ]
};

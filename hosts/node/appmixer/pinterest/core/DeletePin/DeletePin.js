'use strict';

// The component's `delete-pin` operation, with the fields components.js lists
// for DeletePin (checked by the connector before any request).

module.exports = require('../../lib').action('DeletePin');

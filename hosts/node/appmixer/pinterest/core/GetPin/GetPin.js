'use strict';

// The component's `get-pin` operation, with the fields components.js lists
// for GetPin (checked by the connector before any request).

module.exports = require('../../lib').action('GetPin');

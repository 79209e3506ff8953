'use strict';

// The component's `update-pin` operation, with the fields components.js lists
// for UpdatePin (checked by the connector before any request).

module.exports = require('../../lib').action('UpdatePin');

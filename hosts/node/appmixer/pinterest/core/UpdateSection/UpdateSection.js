'use strict';

// The component's `update-section` operation, with the fields components.js lists
// for UpdateSection (checked by the connector before any request).

module.exports = require('../../lib').action('UpdateSection');

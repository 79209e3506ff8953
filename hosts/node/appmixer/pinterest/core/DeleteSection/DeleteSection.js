'use strict';

// The component's `delete-section` operation, with the fields components.js lists
// for DeleteSection (checked by the connector before any request).

module.exports = require('../../lib').action('DeleteSection');

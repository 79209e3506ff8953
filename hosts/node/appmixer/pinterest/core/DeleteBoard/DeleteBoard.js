'use strict';

// The component's `delete-board` operation, with the fields components.js lists
// for DeleteBoard (checked by the connector before any request).

module.exports = require('../../lib').action('DeleteBoard');

'use strict';

// The component's `get-board` operation, with the fields components.js lists
// for GetBoard (checked by the connector before any request).

module.exports = require('../../lib').action('GetBoard');

'use strict';

// The component's `get-media` operation, with the fields components.js lists
// for GetMedia (checked by the connector before any request).

module.exports = require('../../lib').action('GetMedia');

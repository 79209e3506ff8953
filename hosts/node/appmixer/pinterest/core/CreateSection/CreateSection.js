'use strict';

// The component's `create-section` operation, with the fields components.js lists
// for CreateSection (checked by the connector before any request).

module.exports = require('../../lib').action('CreateSection');

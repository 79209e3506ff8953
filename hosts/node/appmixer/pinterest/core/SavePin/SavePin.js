'use strict';

// The component's `save-pin` operation, with the fields components.js lists
// for SavePin (checked by the connector before any request).

module.exports = require('../../lib').action('SavePin');

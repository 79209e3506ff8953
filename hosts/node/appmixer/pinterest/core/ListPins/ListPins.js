'use strict';

// The component's `list-all-pins` operation, with the fields components.js lists
// for ListPins (checked by the connector before any request).

module.exports = require('../../lib').action('ListPins');

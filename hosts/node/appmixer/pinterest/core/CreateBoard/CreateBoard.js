'use strict';

// The component's `create-board` operation, with the fields components.js lists
// for CreateBoard (checked by the connector before any request).

module.exports = require('../../lib').action('CreateBoard');

'use strict';

// The component's `update-board` operation, with the fields components.js lists
// for UpdateBoard (checked by the connector before any request).

module.exports = require('../../lib').action('UpdateBoard');

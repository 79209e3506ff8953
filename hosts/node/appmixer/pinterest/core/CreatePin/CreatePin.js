'use strict';

// The component's `create-pin` operation, with the fields components.js
// lists for CreatePin: an image pin from Image URL, or a video pin from the
// Media ID that Upload video returned and one cover (checked before any
// request, as the connector checks every other field).

module.exports = require('../../lib').action('CreatePin');

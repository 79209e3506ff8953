'use strict';

// The component's `find-duplicate-pins` operation, with the fields
// components.js lists for FindDuplicatePins: the pins of a board, a section
// or the account that match a link, an image URL or a title, to skip
// creating a pin that is already there (`complete` says whether the scan
// reached the last pin).

module.exports = require('../../lib').action('FindDuplicatePins');

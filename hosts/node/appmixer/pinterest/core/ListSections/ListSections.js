'use strict';

// Every section of a board, up to maxItems (the component's
// `list-all-sections`). Also the source of the section dropdowns, asked with
// the board chosen in the calling component's boardId (`isSource`: an empty
// list until a board is chosen); sectionsToSelectArray turns its answer into
// the dropdown's options.

const lib = require('../../lib');

module.exports = {

    ...lib.action('ListSections'),

    /** ListSections' answer → `{label, value}` options, one per section. */
    sectionsToSelectArray(out) {
        return lib.selectOptions(out && out.sections);
    }
};

'use strict';

// Every board of the account, up to maxBoards (the component's
// `list-all-boards`: pages of 250, following Pinterest's bookmark). Also the
// source of the board dropdowns: boardsToSelectArray turns its answer into
// the dropdown's options.

const lib = require('../../lib');

module.exports = {

    ...lib.action('ListBoards'),

    /** ListBoards' answer → `{label, value}` options, one per board. */
    boardsToSelectArray(out) {
        return lib.selectOptions(out && out.boards);
    }
};

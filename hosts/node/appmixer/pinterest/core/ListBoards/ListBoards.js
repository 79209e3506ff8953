'use strict';

// Every board of the account (up to maxBoards), one list-boards call per
// page, following Pinterest's bookmark.

const lib = require('../../lib');

const DEFAULT_MAX_BOARDS = 1000;

module.exports = {

    async receive(context) {
        const { privacy, pageSize, maxBoards = DEFAULT_MAX_BOARDS } = context.messages.in.content;
        const boards = [];
        let bookmark;
        try {
            do {
                const page = await lib.call('list-boards', {
                    config: lib.config(context),
                    'access-token': context.auth.accessToken,
                    query: { bookmark, 'page-size': pageSize, privacy }
                });
                boards.push(...page.items);
                bookmark = page.bookmark;
            } while (bookmark && boards.length < maxBoards);
        } catch (error) {
            lib.rethrow(context, error);
        }
        const kept = boards.slice(0, maxBoards);
        return context.sendJson({ boards: lib.camelKeys(kept), count: kept.length }, 'out');
    }
};

'use strict';

// OAuth 2.0 for Pinterest, every step through the component: the consent
// URL (authorize), the code exchange, the refresh with its rotated refresh
// token, and the account check (get-user-account). Scopes and the account
// name field are the component's manifest's (checked by the tests).

const lib = require('./lib');

module.exports = {

    type: 'oauth2',

    definition: {

        scope: ['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read'],

        accountNameFromProfileInfo: 'username',

        // Appmixer asks for the URL synchronously; the component has loaded
        // long before anyone opens the consent page.
        authUrl(context) {
            return lib.callNow('authorize', {
                config: lib.config(context),
                'redirect-uri': context.callbackUrl,
                scopes: context.scope || [],
                state: context.ticket
            }).url;
        },

        async requestAccessToken(context) {
            const set = await lib.call('exchange', {
                config: lib.config(context),
                code: context.authorizationCode,
                'redirect-uri': context.callbackUrl
            });
            return lib.tokens(set);
        },

        async refreshAccessToken(context) {
            // Pinterest rotates the refresh token: Appmixer must store the
            // returned refreshToken in place of the old one.
            const set = await lib.call('refresh', {
                config: lib.config(context),
                'refresh-token': context.refreshToken
            });
            return lib.tokens(set);
        },

        async requestProfileInfo(context) {
            return lib.call('get-user-account', {
                config: lib.config(context),
                'access-token': context.accessToken
            });
        },

        async validateAccessToken(context) {
            await lib.call('get-user-account', {
                config: lib.config(context),
                'access-token': context.accessToken
            });
        }
    }
};

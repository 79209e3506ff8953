import { ConnectorError, call } from '../lib/connector.js';

const config = {
  'client-id': process.env.PINTEREST_APP_ID,
  'client-secret': process.env.PINTEREST_APP_SECRET,
  environment: 'sandbox',
  'api-base-url': process.env.PINTEREST_API_BASE_URL, // unset: Pinterest itself
};

try {
  let bookmark;
  do {
    const page = call('list-boards', {
      config,
      'access-token': process.env.PINTEREST_ACCESS_TOKEN,
      query: { bookmark, 'page-size': 25 },
    });
    for (const board of page.items) console.log(`${board.id}  ${board.name}`);
    bookmark = page.bookmark;
  } while (bookmark);
} catch (error) {
  if (!(error instanceof ConnectorError)) throw error;
  console.error(error.message); // what went wrong, then what to do
  process.exitCode = 1;
}

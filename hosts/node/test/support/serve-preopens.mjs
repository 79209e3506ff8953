// Loaded by `jco serve --jco-import` in every request worker, before the
// service is instantiated: preopens (read-only for the connector, which only
// reads) the directories of PINTEREST_SERVICE_PREOPENS, a JSON object of
// guest name → host directory. jco serve has no preopen option of its own.

import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

_setPreopens(JSON.parse(process.env.PINTEREST_SERVICE_PREOPENS ?? '{}'));

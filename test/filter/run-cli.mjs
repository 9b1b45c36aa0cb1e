// Runs `zoomws filter` from dist/ with the real process streams (for end-to-end tests until
// bin/zoomws.js dispatches `filter`).
import { main } from '../../dist/commands/filter.js';
import { processIO } from '../../dist/io.js';
process.exitCode = await main(process.argv.slice(2), processIO());

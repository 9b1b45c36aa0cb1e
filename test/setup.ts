import { afterEach } from 'vitest';
import { killLeftovers } from './helpers/cli.js';

// After a failed assertion, the CLI under test may still be running (waiting, or reconnecting to a closed simulator).
afterEach(killLeftovers);

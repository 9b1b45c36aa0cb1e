import { afterAll } from 'vitest';
import { killLeftovers } from './helpers/cli.js';

// A test that fails mid-way may leave the CLI under test running (waiting, or reconnecting to a closed
// simulator for ever). At the end of each file, not each test: some files run their tests concurrently.
afterAll(killLeftovers);

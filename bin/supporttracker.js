#!/usr/bin/env node
// Entry point for `npm start` and `npx supporttracker <command>`: loads .env, then runs the
// TypeScript sources through tsx (no build step).
import { register } from 'tsx/esm/api';
import dotenv from 'dotenv';

dotenv.config({ quiet: true });
register();
const { runCli } = await import('../src/cli.ts');
await runCli(process.argv.slice(2));

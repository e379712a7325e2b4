// `npm run dev`: the server under tsx watch, restarted on every source change.
import dotenv from 'dotenv';
import { configOrExit, serve } from './main.ts';

dotenv.config({ quiet: true });
await serve(configOrExit());

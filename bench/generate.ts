// npm run bench:generate [-- --fresh] [--companies N] [--contacts N] [--seed N]
// Fills DATABASE_URL (default: SQLite in bench/.data/) with the deterministic "large MSP" data set.
import { LARGE_MSP } from './generators/context.ts';
import { BENCH_ADMIN } from './generators/staff.ts';
import { benchUrl, DEFAULT_SEED, generateDataset } from './dataset.ts';
import { parseArgs } from './lib/args.ts';

const args = parseArgs(process.argv.slice(2), {
  fresh: 'boolean',
  companies: 'number',
  contacts: 'number',
  seed: 'number',
});
const url = benchUrl();
const scale = {
  companies: Number(args.companies ?? LARGE_MSP.companies),
  contacts: Number(args.contacts ?? LARGE_MSP.contacts),
};
console.log(`generating ${scale.companies} companies, ${scale.contacts} contacts into ${url}`);
try {
  const r = await generateDataset({
    url,
    scale,
    seed: Number(args.seed ?? DEFAULT_SEED),
    fresh: Boolean(args.fresh),
    log: console.log,
  });
  console.log(
    `done in ${r.ms} ms:`,
    Object.entries(r.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', '),
  );
  console.log(`sign in as ${BENCH_ADMIN.email} / ${BENCH_ADMIN.password}`);
} catch (err) {
  console.error(`bench:generate: ${(err as Error).message}`);
  process.exitCode = 1;
}

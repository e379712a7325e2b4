// A tiny --flag / --flag=value / --flag value parser for the bench scripts.
export function parseArgs(
  argv: string[],
  known: Record<string, 'boolean' | 'number' | 'string'>,
): Partial<Record<string, string | number | boolean>> {
  const out: Partial<Record<string, string | number | boolean>> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    const kind = m ? known[m[1]] : undefined;
    if (!m || !kind)
      throw new Error(
        `unknown argument ${argv[i]} (known: ${Object.keys(known)
          .map((k) => `--${k}`)
          .join(', ')})`,
      );
    if (kind === 'boolean') {
      out[m[1]] = m[2] === undefined ? true : m[2] !== 'false';
      continue;
    }
    const raw = m[2] ?? argv[++i];
    if (raw === undefined) throw new Error(`--${m[1]} needs a value`);
    if (kind === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0)
        throw new Error(`--${m[1]} must be a number, 0 or more (got ${raw})`);
      out[m[1]] = n;
    } else out[m[1]] = raw;
  }
  return out;
}

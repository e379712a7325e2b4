// The password generator: crypto.randomInt only (no Math.random), at least one character from every
// chosen class, then a Fisher–Yates shuffle so the guaranteed characters sit anywhere.
import { randomInt } from 'node:crypto';

export const CLASSES = {
  lower: 'abcdefghijkmnopqrstuvwxyz',
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digits: '23456789',
  symbols: '!#$%&()*+,-./:;<=>?@[]^_{|}~',
} as const;
export type CharClass = keyof typeof CLASSES;

export const MIN_LENGTH = 8;
export const MAX_LENGTH = 128;

export type GeneratorOptions = { length?: number; classes?: CharClass[] };

export function generatePassword(o: GeneratorOptions = {}): string {
  const length = o.length ?? 20;
  if (!Number.isInteger(length) || length < MIN_LENGTH || length > MAX_LENGTH)
    throw new RangeError(`length must be a whole number from ${MIN_LENGTH} to ${MAX_LENGTH}`);
  const classes = [...new Set(o.classes ?? (Object.keys(CLASSES) as CharClass[]))];
  if (classes.length === 0) throw new RangeError('choose at least one kind of character');
  const pools = classes.map((c) => CLASSES[c]);
  const all = pools.join('');
  const chars = pools.map((p) => p[randomInt(p.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

// App-generated, time-ordered ids (UUIDv7): portable across dialects and not enumerable in URLs.
import { v7 } from 'uuid';

export const newId = (): string => v7();

export const isId = (s: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(s);

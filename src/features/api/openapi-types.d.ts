// Stands in for the types openapi-typescript generates from /api/v1/openapi.json, which are never
// committed: client.test.ts generates them at test time and type-checks client-journey.ts against
// them, mapping this module name to the generated file. The project's own tsc sees only this.
declare module 'supporttracker-openapi-types' {
  // biome-ignore lint/suspicious/noExplicitAny: the real shape exists only in the generated file
  export type paths = any;
}

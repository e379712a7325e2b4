// What changed between two PBX snapshots, as sentences a technician reads: "extension 204 added",
// "route +15551230000 destination changed from ext 100 to ring group 600". Pure.
import type { PbxConfig } from './freepbx.ts';

/** FreePBX destinations ("context,exten,priority") in words; unknown ones as they are. */
export function describeDestination(d: string): string {
  const [ctx = '', exten = ''] = d.split(',');
  if (!d) return 'nowhere';
  if (ctx === 'from-did-direct' || ctx === 'ext-local') return `ext ${exten}`;
  if (ctx === 'ext-group') return `ring group ${exten}`;
  if (ctx === 'ext-queues') return `queue ${exten}`;
  if (/^ivr-/.test(ctx)) return `IVR ${ctx.slice(4)}`;
  if (ctx === 'timeconditions') return `time condition ${exten}`;
  if (ctx === 'app-announcement-' || /^app-announcement-/.test(ctx))
    return `announcement ${ctx.slice(17)}`;
  if (ctx === 'ext-meetme' || ctx === 'ext-conferences') return `conference ${exten}`;
  if (ctx === 'app-blackhole') return exten === 'hangup' ? 'hang up' : `terminate (${exten})`;
  if (ctx === 'ext-local' || ctx === 'vmblast-grp') return `voicemail group ${exten}`;
  return d;
}

const routeName = (r: { did: string; cid: string }) =>
  `route ${r.did || '(any DID)'}${r.cid ? ` / ${r.cid}` : ''}`;

function compare<T>(
  out: string[],
  before: T[],
  after: T[],
  key: (t: T) => string,
  label: (t: T) => string,
  fields: [keyof T & string, string, ((v: string) => string)?][],
) {
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Map(after.map((t) => [key(t), t]));
  for (const [k, t] of now) {
    const o = old.get(k);
    if (!o) {
      out.push(`${label(t)} added`);
      continue;
    }
    for (const [f, name, show = (v: string) => v || '(empty)'] of fields) {
      const a = String(o[f] ?? '');
      const b = String(t[f] ?? '');
      if (a !== b) out.push(`${label(t)} ${name} changed from ${show(a)} to ${show(b)}`);
    }
  }
  for (const [k, t] of old) if (!now.has(k)) out.push(`${label(t)} removed`);
}

export function diffConfigs(before: PbxConfig, after: PbxConfig): string[] {
  const out: string[] = [];
  if (before.version !== after.version)
    out.push(`FreePBX version changed from ${before.version} to ${after.version}`);
  if (before.asteriskVersion !== after.asteriskVersion)
    out.push(`Asterisk version changed from ${before.asteriskVersion} to ${after.asteriskVersion}`);
  if (before.needReload !== after.needReload)
    out.push(after.needReload ? 'reload now pending' : 'pending reload applied');
  compare(
    out,
    before.modules,
    after.modules,
    (m) => m.name,
    (m) => `module ${m.name}`,
    [
      ['version', 'version'],
      ['state', 'state'],
    ],
  );
  compare(
    out,
    before.extensions,
    after.extensions,
    (e) => e.number,
    (e) => `extension ${e.number}`,
    [
      ['name', 'name'],
      ['tech', 'tech'],
      ['voicemail', 'voicemail'],
      ['outboundCid', 'outbound caller ID'],
    ],
  );
  compare(out, before.inboundRoutes, after.inboundRoutes, (r) => `${r.did}/${r.cid}`, routeName, [
    ['destination', 'destination', describeDestination],
    ['description', 'description'],
  ]);
  compare(
    out,
    before.backups,
    after.backups,
    (b) => b.id,
    (b) => `backup job ${b.name}`,
    [['name', 'name']],
  );
  return out;
}

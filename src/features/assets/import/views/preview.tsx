// Step 3: every row's problems by row number and field, the first rows as they will be saved, and
// the Import button only when there is no problem at all. Nothing has been written yet.
import { CsrfField } from '../../../../views/components.tsx';
import { formatMoney } from '../../../../lib/money.ts';
import { STATUS_LABEL } from '../../views/header.tsx';
import type { ImportPreview } from '../service.ts';
import { formatRowError, type RowsResult } from '../rows.ts';
import { CarriedChoices, CarriedCsv, ImportHeading, importBase } from './shared.tsx';

export const PREVIEW_ROWS = 20;
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function Problems(p: { result: RowsResult; attempted: boolean }) {
  const rows = new Set(p.result.errors.map((e) => e.row)).size;
  return (
    <div class="alert alert-danger" role="alert">
      <p class="fw-semibold mb-2">
        {plural(p.result.errors.length, 'problem')} in {plural(rows, 'row')}.{' '}
        {p.attempted
          ? 'Nothing was imported.'
          : 'Nothing will be imported until every row is right.'}{' '}
        Fix them in the spreadsheet and upload it again, or change the column matching.
      </p>
      <ul class="mb-0" id="import-errors">
        {p.result.errors.map((e) => (
          <li>{formatRowError(e)}</li>
        ))}
      </ul>
    </div>
  );
}

export function ImportPreviewPage(p: {
  preview: ImportPreview;
  csrf: string;
  currency: string;
  attempted?: boolean;
}) {
  const s = p.preview;
  const r = s.result!;
  const base = importBase(s.company.id);
  const names = (list: { id: string; name: string }[]) => new Map(list.map((x) => [x.id, x.name]));
  const category = names(s.lookups.categories);
  const location = names(s.lookups.locations);
  const contact = names(s.lookups.contacts);
  const ok = r.errors.length === 0 && r.valid.length > 0;
  return (
    <>
      <ImportHeading company={s.company} step={3} />
      <p>
        {plural(s.table.rows.length, 'row')} read
        {s.filename ? (
          <>
            {' '}
            from <strong>{s.filename}</strong>
          </>
        ) : null}
        : {plural(r.valid.length, 'row')} ready
        {r.errors.length
          ? `, ${plural(new Set(r.errors.map((e) => e.row)).size, 'row')} with problems`
          : ''}
        .
      </p>
      {r.errors.length ? <Problems result={r} attempted={Boolean(p.attempted)} /> : null}
      {r.newLocations.length ? (
        <div class="alert alert-info">
          These locations will be created: {r.newLocations.join(', ')}.
        </div>
      ) : null}
      {r.valid.length ? (
        <>
          <h3 class="h6">
            {!ok
              ? `Rows without problems${r.valid.length > PREVIEW_ROWS ? ` (the first ${PREVIEW_ROWS} of ${r.valid.length.toLocaleString('en-US')})` : ''}`
              : r.valid.length > PREVIEW_ROWS
                ? `The first ${PREVIEW_ROWS} of ${plural(r.valid.length, 'asset')} as they will be saved`
                : 'As they will be saved'}
          </h3>
          <div class="table-responsive">
            <table class="table table-sm table-striped align-middle small" id="import-preview">
              <thead>
                <tr>
                  {[
                    'Row',
                    'Name',
                    'Category',
                    'Status',
                    'Location',
                    'Assigned to',
                    'Make / model',
                    'Serial',
                    'Asset tag',
                    'IP',
                    'MAC',
                    'Purchased',
                    'Price',
                    'Warranty expires',
                  ].map((h) => (
                    <th scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.valid.slice(0, PREVIEW_ROWS).map((v) => {
                  const a = v.input;
                  return (
                    <tr>
                      <td class="text-body-secondary">{v.row}</td>
                      <td class="fw-semibold">{a.name}</td>
                      <td>{category.get(a.categoryId)}</td>
                      <td>{STATUS_LABEL[a.status]}</td>
                      <td>
                        {v.newLocation ? (
                          <>
                            {v.newLocation} <span class="badge text-bg-info">new</span>
                          </>
                        ) : a.locationId ? (
                          location.get(a.locationId)
                        ) : (
                          ''
                        )}
                      </td>
                      <td>{a.contactId ? contact.get(a.contactId) : ''}</td>
                      <td>{[a.make, a.model].filter(Boolean).join(' ')}</td>
                      <td class="font-monospace">{a.serial ?? ''}</td>
                      <td>{a.assetTag ?? ''}</td>
                      <td class="font-monospace">{a.ipAddresses.join(', ')}</td>
                      <td class="font-monospace">{a.mac ?? ''}</td>
                      <td class="text-nowrap">{a.purchaseDate ?? ''}</td>
                      <td class="text-nowrap text-end">
                        {a.purchasePriceCents === null
                          ? ''
                          : formatMoney(a.purchasePriceCents, p.currency)}
                      </td>
                      <td class="text-nowrap">{a.warrantyExpires ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <form
        method="post"
        action={ok ? `${base}/run` : `${base}/map`}
        class="d-flex gap-2 flex-wrap"
      >
        <CsrfField token={p.csrf} />
        <CarriedCsv csv={s.csv} filename={s.filename} />
        <CarriedChoices
          mapping={s.mapping}
          defaultCategoryId={s.defaultCategoryId}
          createLocations={s.createLocations}
        />
        {ok ? (
          <button class="btn btn-primary" type="submit">
            Import {plural(r.valid.length, 'asset')}
          </button>
        ) : null}
        <button
          class={`btn ${ok ? 'btn-outline-secondary' : 'btn-primary'}`}
          type="submit"
          formAction={`${base}/map`}
        >
          Change the column matching
        </button>
        <a class="btn btn-link" href={base}>
          Upload another file
        </a>
      </form>
    </>
  );
}

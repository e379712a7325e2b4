// Step 2: each column of the file -> an asset field or "ignore", pre-filled by the guess, with a few
// of the column's values to recognise it by.
import { Checkbox, CsrfField, Select } from '../../../../views/components.tsx';
import type { ImportState } from '../service.ts';
import { categoryFieldTargets, IMPORT_FIELDS } from '../mapping.ts';
import { CarriedCsv, ImportHeading, importBase } from './shared.tsx';

const samples = (s: ImportState, col: number) => {
  const seen: string[] = [];
  for (const r of s.table.rows) {
    const v = r.cells[col];
    if (v && !seen.includes(v)) seen.push(v.length > 40 ? `${v.slice(0, 39)}…` : v);
    if (seen.length === 3) break;
  }
  return seen;
};

export function ImportMappingPage(p: { state: ImportState; csrf: string }) {
  const s = p.state;
  const base = importBase(s.company.id);
  const categoryFields = categoryFieldTargets(s.categories);
  return (
    <>
      <ImportHeading company={s.company} step={2} />
      <p class="text-body-secondary">
        {s.filename ? (
          <>
            <strong>{s.filename}</strong>:{' '}
          </>
        ) : null}
        {s.table.rows.length.toLocaleString('en-US')} {s.table.rows.length === 1 ? 'row' : 'rows'},{' '}
        {s.table.headers.length} columns. Choose what each column holds; columns set to “Ignore” are
        not imported.
      </p>
      {s.mappingErrors.length ? (
        <div class="alert alert-danger" role="alert">
          <ul class="mb-0">
            {s.mappingErrors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`${base}/preview`}>
        <CsrfField token={p.csrf} />
        <CarriedCsv csv={s.csv} filename={s.filename} />
        <div class="table-responsive">
          <table class="table table-sm align-middle">
            <thead>
              <tr>
                <th scope="col">Column in the file</th>
                <th scope="col">Example values</th>
                <th scope="col">Import as</th>
              </tr>
            </thead>
            <tbody>
              {s.table.headers.map((h, i) => (
                <tr>
                  <th scope="row">
                    <label for={`f-map-${i}`}>{h}</label>
                  </th>
                  <td class="small text-body-secondary">
                    {samples(s, i).join(' · ') || <em>empty</em>}
                  </td>
                  <td>
                    <select class="form-select form-select-sm" id={`f-map-${i}`} name={`map.${i}`}>
                      <option value="ignore" selected={s.mapping[i] === 'ignore'}>
                        Ignore this column
                      </option>
                      <optgroup label="Asset fields">
                        {IMPORT_FIELDS.map((f) => (
                          <option value={f.key} selected={s.mapping[i] === f.key}>
                            {f.label}
                          </option>
                        ))}
                      </optgroup>
                      {categoryFields.length ? (
                        <optgroup label="Category fields">
                          {categoryFields.map((f) => (
                            <option value={f.key} selected={s.mapping[i] === f.key}>
                              {f.label}
                            </option>
                          ))}
                        </optgroup>
                      ) : null}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="row">
          <div class="col-md-5">
            <Select
              name="categoryId"
              label="Category for rows that do not name one"
              value={s.defaultCategoryId}
              options={s.categories.map((c): [string, string] => [c.id, c.name])}
            />
          </div>
        </div>
        <Checkbox
          name="createLocations"
          label="Create missing locations"
          checked={s.createLocations}
          help="Off: a row naming a location this company does not have is an error. On: such locations are added with the import."
        />
        <button class="btn btn-primary" type="submit">
          Preview
        </button>
        <a class="btn btn-link" href={base}>
          Choose another file
        </a>
      </form>
    </>
  );
}

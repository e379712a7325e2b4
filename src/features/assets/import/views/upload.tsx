// Step 1: choose the file, with what the file should look like.
import { CsrfField } from '../../../../views/components.tsx';
import type { Company } from '../../../companies/queries.ts';
import { MAX_IMPORT_ROWS } from '../csv.ts';
import { IMPORT_FIELDS } from '../mapping.ts';
import { ImportHeading, importBase } from './shared.tsx';

export function ImportUploadPage(p: { company: Company; csrf: string; error?: string }) {
  const base = importBase(p.company.id);
  return (
    <>
      <ImportHeading company={p.company} step={1} />
      <div class="row g-4">
        <div class="col-lg-6">
          <form method="post" action={base} enctype="multipart/form-data">
            <CsrfField token={p.csrf} />
            <div class="mb-3">
              <label class="form-label" for="f-file">
                CSV file
              </label>
              <input
                class={`form-control${p.error ? ' is-invalid' : ''}`}
                type="file"
                id="f-file"
                name="file"
                accept=".csv,.txt,text/csv"
                required
                aria-invalid={p.error ? 'true' : undefined}
                aria-describedby="f-file-help"
              />
              <div class="form-text" id="f-file-help">
                Up to {MAX_IMPORT_ROWS.toLocaleString('en-US')} assets and 2 MB. Comma-, semicolon-
                or tab-separated, as Excel, Google Sheets or an RMM export saves it.
              </div>
              {p.error ? <div class="invalid-feedback">{p.error}</div> : null}
            </div>
            <button class="btn btn-primary" type="submit">
              Continue
            </button>
            <a class="btn btn-link" href={`/companies/${p.company.id}/assets`}>
              Cancel
            </a>
          </form>
        </div>
        <div class="col-lg-6 small text-body-secondary">
          <p class="mb-2">
            The first row names the columns; each row below it is one asset. Only a name (or
            hostname) is required. These headings are recognised, and you can match any other column
            on the next step:
          </p>
          <p class="mb-2">{IMPORT_FIELDS.map((f) => f.label).join(' · ')}</p>
          <p class="mb-2">
            Locations, categories and contacts are matched by name (contacts also by email) among
            this company’s own. Nothing is saved until you have seen the preview and pressed Import;
            if any row has a problem, nothing is imported.
          </p>
          <p class="mb-0">
            <a href={`${base}/template.csv`}>Download a template</a>
          </p>
        </div>
      </div>
    </>
  );
}

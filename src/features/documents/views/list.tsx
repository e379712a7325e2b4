// The documents tab of a company or an asset: the upload form, then the list, newest first.
import { formatInstant } from '../../../lib/dates.ts';
import { CsrfField, EmptyState, Pager, withQuery } from '../../../views/components.tsx';
import { CompanyHeader } from '../../companies/views/tabs.tsx';
import { AssetHeader } from '../../assets/views/header.tsx';
import type { AssetHeading, DocumentMeta } from '../queries.ts';
import type { DocumentPageQuery } from '../schemas.ts';
import { humanSize } from '../files.ts';

export type DocumentListProps = {
  /** The page's own address, e.g. /companies/:id/documents; upload and delete post under it. */
  base: string;
  items: DocumentMeta[];
  total: number;
  query: DocumentPageQuery;
  canWrite: boolean;
  csrf: string;
  timeZone: string;
  maxSize: string;
  /** Shown beside the file input when an upload was refused. */
  error?: string;
  /** The company list also shows which asset each document belongs to. */
  showAsset: boolean;
};

export function CompanyDocumentsPage(
  p: DocumentListProps & { company: { id: string; name: string; status: string } },
) {
  return (
    <>
      <CompanyHeader company={p.company} active="documents" />
      <Documents {...p} />
    </>
  );
}

export function AssetDocumentsPage(p: DocumentListProps & { asset: AssetHeading }) {
  return (
    <>
      <AssetHeader asset={p.asset} active="documents" />
      <Documents {...p} />
    </>
  );
}

function UploadForm(p: DocumentListProps) {
  return (
    <form
      class="row g-2 align-items-start mb-3"
      method="post"
      action={p.base}
      enctype="multipart/form-data"
    >
      <CsrfField token={p.csrf} />
      <div class="col-sm-8 col-md-6">
        <label class="visually-hidden" for="f-file">
          File
        </label>
        <input
          class={`form-control${p.error ? ' is-invalid' : ''}`}
          type="file"
          id="f-file"
          name="file"
          required
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby="f-file-help"
        />
        <div class="form-text" id="f-file-help">
          Up to {p.maxSize}. Images and PDFs open in the browser; other files download.
        </div>
        {p.error ? <div class="invalid-feedback">{p.error}</div> : null}
      </div>
      <div class="col-auto">
        <button class="btn btn-primary" type="submit">
          Upload
        </button>
      </div>
    </form>
  );
}

function Documents(p: DocumentListProps) {
  const q = p.query;
  const query = { size: q.size === 50 ? undefined : q.size };
  return (
    <>
      {p.canWrite ? <UploadForm {...p} /> : null}
      {p.items.length === 0 ? (
        q.page > 1 && p.total > 0 ? (
          <EmptyState
            title={`There is no page ${q.page}: there ${p.total === 1 ? 'is 1 document' : `are ${p.total} documents`}.`}
          >
            <a href={withQuery(p.base, query, {})}>Go to the first page</a>
          </EmptyState>
        ) : (
          <EmptyState title="No documents yet.">
            <p class="mb-0">
              {p.canWrite
                ? 'Upload contracts, network diagrams, invoices from vendors or photos with the form above.'
                : 'A technician or an administrator can upload them.'}
            </p>
          </EmptyState>
        )
      ) : (
        <>
          <div class="table-responsive">
            <table class="table table-hover table-sm align-middle">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  {p.showAsset ? <th scope="col">Asset</th> : null}
                  <th scope="col" class="text-end">
                    Size
                  </th>
                  <th scope="col">Type</th>
                  <th scope="col">Uploaded</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((d) => (
                  <tr>
                    <td class="text-break">
                      <a href={`/documents/${d.id}/download`}>{d.filename}</a>
                    </td>
                    {p.showAsset ? (
                      <td>
                        {d.assetId ? (
                          <a href={`/assets/${d.assetId}/documents`}>{d.assetName}</a>
                        ) : (
                          <span class="text-body-secondary">Company</span>
                        )}
                      </td>
                    ) : null}
                    <td class="text-end text-nowrap">{humanSize(d.sizeBytes)}</td>
                    <td class="small text-body-secondary">{d.contentType}</td>
                    <td class="small text-nowrap">
                      {d.uploadedByName} · {formatInstant(d.createdAt, p.timeZone)}
                    </td>
                    <td class="text-end text-nowrap">
                      <a
                        class="btn btn-sm btn-outline-secondary"
                        href={`/documents/${d.id}/download`}
                        download={d.filename}
                      >
                        Download
                      </a>
                      {p.canWrite ? (
                        <form
                          method="post"
                          action={`${p.base}/${d.id}/delete`}
                          class="d-inline ms-1"
                          data-confirm={`Delete ${d.filename}? It disappears from this list; the deletion is recorded in the audit log.`}
                        >
                          <CsrfField token={p.csrf} />
                          <button class="btn btn-sm btn-outline-danger" type="submit">
                            Delete
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager base={p.base} query={query} page={q.page} pageSize={q.size} total={p.total} />
        </>
      )}
    </>
  );
}

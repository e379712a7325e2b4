import { CsrfField, Field, FormErrorSummary, PageHeader } from '../../views/components.tsx';
import type { Category } from './queries.ts';
import { FIELD_TYPES } from './schemas.ts';

const TYPE_LABEL: Record<string, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  select: 'Select (options)',
  url: 'Web address (URL)',
};

export function CategoryListPage(p: { items: Category[]; counts: Map<string, number> }) {
  return (
    <>
      <PageHeader
        title="Asset categories"
        subtitle="Each category can define extra typed fields shown on its assets."
      >
        <a class="btn btn-primary" href="/settings/categories/new">
          New category
        </a>
      </PageHeader>
      <table class="table table-sm align-middle mw-48">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Extra fields</th>
            <th scope="col" class="text-end">
              Assets
            </th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((c) => (
            <tr>
              <td class="fw-semibold">{c.name}</td>
              <td class="small">
                {c.fields.length ? (
                  c.fields.map((f) => `${f.label} (${f.type})`).join(', ')
                ) : (
                  <span class="text-body-tertiary">none</span>
                )}
              </td>
              <td class="text-end">
                <a href={`/assets?categoryId=${c.id}`}>{p.counts.get(c.id) ?? 0}</a>
              </td>
              <td class="text-end">
                <a class="btn btn-sm btn-link" href={`/settings/categories/${c.id}/edit`}>
                  Edit<span class="visually-hidden"> {c.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export const BLANK_ROWS = 3;

/** Form values: name plus rows f0_label, f0_type, f0_options, f0_key. */
export function categoryToForm(c: Category): Record<string, string> {
  const v: Record<string, string> = { name: c.name };
  for (const [i, f] of c.fields.entries()) {
    v[`f${i}_label`] = f.label;
    v[`f${i}_type`] = f.type;
    v[`f${i}_options`] = (f.options ?? []).join(', ');
    v[`f${i}_key`] = f.key;
  }
  return v;
}

export function rowsIn(values: Record<string, string | undefined>): number {
  let n = 0;
  while (values[`f${n}_label`] !== undefined || values[`f${n}_key`] !== undefined) n++;
  return n;
}

export function CategoryFormPage(p: {
  title: string;
  action: string;
  csrf: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  existingKeys: Set<string>;
}) {
  const v = p.values;
  const rows = rowsIn(v) + BLANK_ROWS;
  const fieldErrors = Object.entries(p.errors).filter(([k]) => k.startsWith('fields'));
  return (
    <>
      <PageHeader title={p.title} />
      <FormErrorSummary errors={p.errors} />
      <form method="post" action={p.action} novalidate class="mw-48">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="rows" value={String(rows)} />
        <Field
          name="name"
          label="Name"
          value={v.name}
          required
          error={p.errors.name}
          attrs={{ maxlength: 100 }}
        />
        <h2 class="h6 mt-3">Extra fields</h2>
        <p class="small text-body-secondary">
          Leave a label empty to remove that field. Select fields take their options separated by
          commas. Three empty rows are added each time you save.
        </p>
        {fieldErrors.length ? (
          <div class="alert alert-danger small">
            {fieldErrors.map(([k, m]) => (
              <div>
                {k
                  .replace(/^fields\.(\d+)/, (_s, i) => `Field ${Number(i) + 1}`)
                  .replace(/\./g, ' ')}
                : {m}
              </div>
            ))}
          </div>
        ) : null}
        <table class="table table-sm align-middle">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Type</th>
              <th scope="col">Options (select)</th>
              <th scope="col">Key</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => {
              const key = v[`f${i}_key`] ?? '';
              return (
                <tr>
                  <td>
                    <input
                      class="form-control form-control-sm"
                      name={`f${i}_label`}
                      value={v[`f${i}_label`] ?? ''}
                      aria-label={`Field ${i + 1} label`}
                      maxlength={100}
                    />
                  </td>
                  <td>
                    <select
                      class="form-select form-select-sm"
                      name={`f${i}_type`}
                      aria-label={`Field ${i + 1} type`}
                    >
                      {FIELD_TYPES.map((t) => (
                        <option value={t} selected={(v[`f${i}_type`] ?? 'text') === t}>
                          {TYPE_LABEL[t]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      class="form-control form-control-sm"
                      name={`f${i}_options`}
                      value={v[`f${i}_options`] ?? ''}
                      aria-label={`Field ${i + 1} options`}
                      placeholder="Desk, Conference"
                    />
                  </td>
                  <td>
                    {/* A saved field keeps its key: assets store their values under it. */}
                    {p.existingKeys.has(key) ? (
                      <>
                        <code>{key}</code>
                        <input type="hidden" name={`f${i}_key`} value={key} />
                      </>
                    ) : (
                      <input
                        class="form-control form-control-sm"
                        name={`f${i}_key`}
                        value={key}
                        aria-label={`Field ${i + 1} key`}
                        placeholder="from the label"
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div class="d-flex gap-2">
          <button class="btn btn-primary" type="submit">
            Save category
          </button>
          <a class="btn btn-link" href="/settings/categories">
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}

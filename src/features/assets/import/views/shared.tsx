// Pieces every step of the import shows: the company header, the step line, and the hidden fields
// that carry the CSV and the choices made so far from one step to the next.
import { CompanyHeader } from '../../../companies/views/tabs.tsx';
import type { Company } from '../../../companies/queries.ts';
import type { Mapping } from '../mapping.ts';

export const importBase = (companyId: string) => `/companies/${companyId}/assets/import`;

const STEPS = ['Upload the file', 'Match the columns', 'Preview and import'];

export function ImportHeading(p: { company: Company; step: 1 | 2 | 3 }) {
  return (
    <>
      <CompanyHeader
        company={p.company}
        active="assets"
        actions={
          <a class="btn btn-outline-secondary" href={`/companies/${p.company.id}/assets`}>
            Back to assets
          </a>
        }
      />
      <h2 class="h4 mb-1">Import assets from CSV</h2>
      <ol class="list-inline text-body-secondary small mb-3" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li
            class={`list-inline-item${i + 1 === p.step ? ' fw-semibold text-body' : ''}`}
            aria-current={i + 1 === p.step ? 'step' : undefined}
          >
            {i + 1}. {s}
            {i < STEPS.length - 1 ? ' ›' : ''}
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * The CSV text rides in a hidden textarea (escaped like any text), not in a server-side table. The
 * leading newline is the one HTML parsers drop after <textarea>, so a file starting with a blank line
 * keeps its row numbers.
 */
export function CarriedCsv(p: { csv: string; filename: string }) {
  return (
    <>
      <textarea name="csv" hidden readonly>{`\n${p.csv}`}</textarea>
      <input type="hidden" name="filename" value={p.filename} />
    </>
  );
}

export function CarriedChoices(p: {
  mapping: Mapping;
  defaultCategoryId: string;
  createLocations: boolean;
}) {
  return (
    <>
      {p.mapping.map((t, i) => (
        <input type="hidden" name={`map.${i}`} value={t} />
      ))}
      <input type="hidden" name="categoryId" value={p.defaultCategoryId} />
      {p.createLocations ? <input type="hidden" name="createLocations" value="on" /> : null}
    </>
  );
}

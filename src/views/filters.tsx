// Controls of a list's filter row (a GET form with role="search"): a select that submits on change,
// a text box, a date range and the page size. Ids are flt-<name>, so labels and tests find them.

export function FilterSelect(p: {
  name: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
}) {
  return (
    <div class="col-auto">
      <label class="form-label small mb-1" for={`flt-${p.name}`}>
        {p.label}
      </label>
      <select class="form-select" id={`flt-${p.name}`} name={p.name} data-autosubmit="true">
        {p.options.map(([v, l]) => (
          <option value={v} selected={String(p.value ?? '') === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterText(p: {
  name: string;
  label: string;
  value: string | undefined;
  placeholder: string;
  class?: string;
}) {
  return (
    <div class={p.class ?? 'col-sm-6 col-md-2'}>
      <label class="form-label small mb-1" for={`flt-${p.name}`}>
        {p.label}
      </label>
      <input
        class="form-control"
        type="search"
        id={`flt-${p.name}`}
        name={p.name}
        value={p.value}
        placeholder={p.placeholder}
      />
    </div>
  );
}

/** `from` and `to` date inputs; fromLabel says which date ("Issued from", "Received from"). */
export function FilterDateRange(p: {
  fromLabel: string;
  from: string | undefined;
  to: string | undefined;
}) {
  return (
    <>
      <div class="col-auto">
        <label class="form-label small mb-1" for="flt-from">
          {p.fromLabel}
        </label>
        <input class="form-control" type="date" id="flt-from" name="from" value={p.from ?? ''} />
      </div>
      <div class="col-auto">
        <label class="form-label small mb-1" for="flt-to">
          to
        </label>
        <input class="form-control" type="date" id="flt-to" name="to" value={p.to ?? ''} />
      </div>
    </>
  );
}

export const FilterPageSize = (p: { size: number }) => (
  <FilterSelect
    name="size"
    label="Per page"
    value={String(p.size)}
    options={[
      ['25', '25'],
      ['50', '50'],
      ['100', '100'],
    ]}
  />
);

/**
 * Under a filter row whose company text matched several companies: says so and links each (ten at
 * most) to the same list narrowed to it. `hrefFor` builds the link for one company id.
 */
export function CompanyMatches(p: {
  matches: { id: string; name: string }[];
  noun: string;
  hrefFor: (companyId: string) => string;
}) {
  if (!p.matches.length) return null;
  return (
    <p class="small mb-2">
      {p.matches.length > 10
        ? 'More than 10 companies match'
        : `${p.matches.length} companies match`}
      ; showing all of their {p.noun}. Pick one:{' '}
      {p.matches.slice(0, 10).map((c, i) => (
        <>
          {i ? ', ' : ''}
          <a href={p.hrefFor(c.id)}>{c.name}</a>
        </>
      ))}
    </p>
  );
}

// Controls of a list's filter row (a GET form with role="search"): a select that submits on change,
// a text box, a date range and the page size. Ids are flt-<name>, so labels and tests find them.

export function FilterSelect(p: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div class="col-auto">
      <label class="form-label small mb-1" for={`flt-${p.name}`}>{p.label}</label>
      <select class="form-select" id={`flt-${p.name}`} name={p.name} data-autosubmit="true">
        {p.options.map(([v, l]) => <option value={v} selected={String(p.value ?? '') === v}>{l}</option>)}
      </select>
    </div>
  );
}

export function FilterText(p: { name: string; label: string; value: string | undefined; placeholder: string; class?: string }) {
  return (
    <div class={p.class ?? 'col-sm-6 col-md-2'}>
      <label class="form-label small mb-1" for={`flt-${p.name}`}>{p.label}</label>
      <input class="form-control" type="search" id={`flt-${p.name}`} name={p.name} value={p.value} placeholder={p.placeholder} />
    </div>
  );
}

/** `from` and `to` date inputs; fromLabel says which date ("Issued from", "Received from"). */
export function FilterDateRange(p: { fromLabel: string; from: string | undefined; to: string | undefined }) {
  return (
    <>
      <div class="col-auto">
        <label class="form-label small mb-1" for="flt-from">{p.fromLabel}</label>
        <input class="form-control" type="date" id="flt-from" name="from" value={p.from ?? ''} />
      </div>
      <div class="col-auto">
        <label class="form-label small mb-1" for="flt-to">to</label>
        <input class="form-control" type="date" id="flt-to" name="to" value={p.to ?? ''} />
      </div>
    </>
  );
}

export const FilterPageSize = (p: { size: number }) => <FilterSelect name="size" label="Per page" value={String(p.size)} options={[['25', '25'], ['50', '50'], ['100', '100']]} />;

import type { FilterOptions } from "@/lib/search/filter-options";
import { format } from "@/lib/i18n";
import { searchMessages as t } from "@/lib/i18n/search.zh-CN";

/** The search box and filters: a plain GET form, so it works without JavaScript. */
export function SearchForm(props: {
  query: string;
  committee: string;
  year: string;
  column: string;
  options: FilterOptions;
}) {
  const { options } = props;
  const select = "mt-1 block w-full rounded border border-rule bg-white px-2 py-1.5 text-sm";
  return (
    <form role="search" action="/search" method="get" className="mb-6 space-y-3" aria-label={t.title}>
      <div>
        <label htmlFor="search-q" className="block text-sm font-medium">
          {t.label}
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={props.query}
            maxLength={200}
            placeholder={t.placeholder}
            aria-describedby="search-hint"
            className="min-w-0 flex-1 rounded border border-rule bg-white px-3 py-2 text-base"
          />
          <button type="submit" className="rounded bg-brand px-5 py-2 font-medium text-white hover:bg-brand-dark">
            {t.submit}
          </button>
        </div>
        <p id="search-hint" className="mt-1 text-xs text-muted">
          {t.hint}
        </p>
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="sr-only">{t.filters}</legend>
        <div>
          <label htmlFor="search-committee" className="text-sm text-muted">
            {t.committee}
          </label>
          <select id="search-committee" name="committee" defaultValue={props.committee} className={select}>
            <option value="">{t.all}</option>
            {options.committees.map((c) => (
              <option key={c.id} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="search-year" className="text-sm text-muted">
            {t.year}
          </label>
          <select id="search-year" name="year" defaultValue={props.year} className={select}>
            <option value="">{t.all}</option>
            {options.years.map((y) => (
              <option key={y} value={String(y)}>
                {format(t.yearOption, { year: y })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="search-column" className="text-sm text-muted">
            {t.column}
          </label>
          <select id="search-column" name="column" defaultValue={props.column} className={select}>
            <option value="">{t.all}</option>
            {options.columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </form>
  );
}

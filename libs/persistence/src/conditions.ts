/**
 * The WHERE conditions of a query with their parameter values: each condition added with a
 * value is given that value's own `$n`, so a filter builds its SQL without counting by hand.
 */
export class Conditions {
  readonly where: string[];
  readonly values: unknown[];

  /** `where` may already use `$1…$n` for `values` (e.g. the acting authority as `$1`). */
  constructor(where: string[] = [], values: unknown[] = []) {
    this.where = [...where];
    this.values = [...values];
  }

  /** Adds `condition(placeholder)` for `value`; a filter not given (undefined, null, '') adds nothing. */
  add(condition: (placeholder: string) => string, value: unknown): this {
    if (value === undefined || value === null || value === '') return this;
    this.values.push(value);
    this.where.push(condition(`$${this.values.length}`));
    return this;
  }

  /** Adds a condition that needs no new value (it may use the values given at construction). */
  require(condition: string): this {
    this.where.push(condition);
    return this;
  }

  get sql(): string {
    return this.where.length > 0 ? this.where.join(' AND ') : 'true';
  }
}

/** Postgres returns `numeric` as a string (it may not fit a double); the amounts Uptake stores do. */
export const numericAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

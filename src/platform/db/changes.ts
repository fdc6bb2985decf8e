import { ValidationError } from '../http/errors.ts';
import type { Db, DbOrTx } from './database.ts';

/** Runs a change in one transaction, then tells whoever caches content (the public page cache). */
export function changeRunner(db: Db, onChange: () => void) {
  return async function change<T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> {
    const result = await db.transaction(async (tx) => work(tx));
    onChange();
    return result;
  };
}

/** A unique-constraint violation (SQLSTATE 23505) becomes a form error on `field`. */
export async function uniqueOr<T>(work: () => Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // drizzle wraps the driver's error; the SQLSTATE is on it or on its cause.
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    if (code === '23505') throw new ValidationError([{ field, text: message }]);
    throw error;
  }
}

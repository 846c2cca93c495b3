import type { DerivedCheck } from './check.js';

/** A valid client message never makes the server drop the connection (the document lets clients send it). */
export const validInputKept: DerivedCheck<{ closed?: { code: number }; after: string; index?: number; seed?: number }> = {
  id: 'valid-input-kept',
  description: 'A client message valid against the document never makes the server close or drop the connection',
  judge({ closed, after, index, seed }) {
    if (!closed) return undefined;
    const where = index === undefined ? '' : ` (generated input #${index + 1}${seed === undefined ? '' : `, seed ${seed}`})`;
    return { message: `the server closed the connection (${closed.code}) after the valid ${after}${where}` };
  },
};

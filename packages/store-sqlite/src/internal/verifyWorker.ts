/**
 * The worker thread of `verifySqliteStore`: opens the file itself and verifies one range of its
 * streams (R-AUDIT-5).
 */
import { answerVerification } from '@rapport/core';
import { openToVerify, verifyRange, type RangeInput } from './verifyRange.js';

void answerVerification((input: RangeInput) => {
  const db = openToVerify(input.path);
  try {
    return verifyRange(db, input);
  } finally {
    db.close();
  }
});

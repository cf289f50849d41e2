/**
 * The worker thread of `verifyPostgresStore`: connects to the server itself and verifies one range
 * of the store's streams (R-AUDIT-5).
 */
import { answerVerification } from '@rapport/core';
import { verifyRange, withClient, type RangeInput } from './verifyRange.js';

void answerVerification((input: RangeInput) =>
  withClient(input.connectionString, (client) => verifyRange(client, input)),
);

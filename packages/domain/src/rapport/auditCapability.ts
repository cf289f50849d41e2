/**
 * The audit capability (R-AUTH-6): whole-history reads (any user's My People, prompts and
 * audiences, the projections) need a token the application grants explicitly with `grantAudit`
 * and passes to `rapport.audit(capability)`. The token cannot be forged: only the objects
 * `grantAudit` made are held to be granted.
 */

declare const auditCapabilityBrand: unique symbol;

/**
 * A grant of whole-history reads. Made only by `grantAudit`; pass it to `rapport.audit`.
 *
 * @example
 * import { grantAudit, type AuditCapability } from '@rapport/domain';
 * const capability: AuditCapability = grantAudit('nightly export');
 * capability.purpose; // 'nightly export'
 */
export interface AuditCapability {
  /** What the grant is for, as the application named it (for its own logs). */
  readonly purpose: string;
  readonly [auditCapabilityBrand]: true;
}

const granted = new WeakSet<object>();

/**
 * Grants the audit capability. Call it where the application decides who may read the whole
 * history (an administrator's console, an export job, the CLI, which opens the store itself), and
 * hand the token only to that code.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, grantAudit } from '@rapport/domain';
 * const rapport = createRapport({ store: createInMemoryEventStore() });
 * const audit = rapport.audit(grantAudit('support console'));
 * (await audit.myPeople('acme', 'ann'))._tag; // 'Left': organization acme does not exist yet
 */
export const grantAudit = (purpose: string): AuditCapability => {
  const capability = Object.freeze({ purpose }) as AuditCapability;
  granted.add(capability);
  return capability;
};

/**
 * Whether a value is a capability `grantAudit` made (an object of the same shape is not).
 *
 * @example
 * import { grantAudit, type AuditCapability } from '@rapport/domain';
 * import { isGrantedAudit } from './auditCapability.js';
 * isGrantedAudit(grantAudit('export')); // true
 * isGrantedAudit({ purpose: 'export' } as unknown as AuditCapability); // false
 * isGrantedAudit(undefined); // false
 */
export const isGrantedAudit = (capability: unknown): capability is AuditCapability =>
  typeof capability === 'object' && capability !== null && granted.has(capability);

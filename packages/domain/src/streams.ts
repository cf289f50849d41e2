/**
 * Stream names, the consistency boundaries of the domain: one stream per organization (members,
 * roles, settings), one per contact (every copy of that contact), one per project or deal.
 */

/**
 * The stream of an organization: its members, roles and settings.
 *
 * @example
 * import { organizationStream } from '@rapport/domain';
 * organizationStream('acme'); // 'org-acme'
 */
export const organizationStream = (orgId: string): string => `org-${orgId}`;

/**
 * The stream of a contact within an organization: every user's copy and the team copy.
 *
 * @example
 * import { contactStream } from '@rapport/domain';
 * contactStream('acme', 'c1'); // 'contact-acme/c1'
 */
export const contactStream = (orgId: string, contactId: string): string => `contact-${orgId}/${contactId}`;

/**
 * The stream of a project or a deal within an organization.
 *
 * @example
 * import { engagementStream } from '@rapport/domain';
 * engagementStream('acme', 'd1'); // 'engagement-acme/d1'
 */
export const engagementStream = (orgId: string, engagementId: string): string =>
  `engagement-${orgId}/${engagementId}`;

import { describe, expect, it } from 'vitest';
import type { RecordedDomainEvent } from '../events.js';
import type { CopyRef } from '../contact/model.js';
import type { CopyDocument } from '../projections/documents.js';
import { RelationshipProjections } from '../projections/relationships.js';
import { AudienceMembership } from './membership.js';

/** Projections that count how many copies the membership reads. */
class CountingProjections extends RelationshipProjections {
  reads = 0;
  override copies(orgId: string, owner: CopyRef): ReadonlyMap<string, CopyDocument> {
    const copies = super.copies(orgId, owner);
    this.reads += copies.size;
    return copies;
  }
  override copy(orgId: string, owner: CopyRef, contactId: string): CopyDocument | undefined {
    this.reads += 1;
    return super.copy(orgId, owner, contactId);
  }
}

let position = 0;
const recorded = (type: string, data: Record<string, unknown>): RecordedDomainEvent =>
  ({
    id: `e${++position}`,
    type,
    data,
    schemaVersion: 1,
    actor: 'ann',
    recordedAt: '2026-11-23T09:00:00.000Z',
    correlationId: 'k',
    causationId: null,
    streamId: 's',
    streamVersion: 1,
    globalPosition: position,
    previousHash: null,
    hash: 'h',
  }) as RecordedDomainEvent;

/** Ann's My People with `count` contacts, two audiences, and the reads of one stage change. */
const readsOfOneChange = (count: number): number => {
  const projections = new CountingProjections();
  const membership = new AudienceMembership();
  const feed = (event: RecordedDomainEvent) => {
    projections.apply(event);
    membership.apply(event, projections);
  };
  feed(recorded('OrganizationCreated', { orgId: 'acme', name: 'Acme', createdBy: 'ann' }));
  feed(recorded('MemberAdded', { orgId: 'acme', userId: 'ann', role: 'administrator' }));
  const ann = { owner: 'user', userId: 'ann' };
  for (let i = 0; i < count; i += 1)
    feed(
      recorded('ContactAdded', {
        orgId: 'acme',
        contactId: `c${i}`,
        copy: ann,
        kind: 'person',
        name: `C ${i}`,
      }),
    );
  feed(
    recorded('AudienceDefined', {
      orgId: 'acme',
      audience: {
        audienceId: 'vips',
        name: 'VIPs',
        owner: ann,
        filter: { op: 'tags', match: 'any', tags: ['VIP'] },
      },
    }),
  );
  projections.reads = 0;
  feed(recorded('StageSet', { orgId: 'acme', contactId: 'c0', copy: ann, stage: 'lead', previous: null }));
  expect(membership.members('acme', ann as CopyRef, 'leads')).toEqual([]);
  feed(
    recorded('SegmentSet', {
      orgId: 'acme',
      contactId: 'c0',
      copy: ann,
      segment: 'customer',
      segmentKind: 'business',
      previous: null,
    }),
  );
  expect(membership.members('acme', ann as CopyRef, 'leads')).toEqual(['c0']);
  return projections.reads;
};

describe('membership kept event by event', () => {
  it('R-AUD-3: the work of one event does not grow with the number of contacts', () => {
    const small = readsOfOneChange(5);
    const large = readsOfOneChange(2000);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});

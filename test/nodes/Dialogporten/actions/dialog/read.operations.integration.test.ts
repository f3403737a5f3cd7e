import { NodeOperationError } from 'n8n-workflow';

import {
	BAKERY,
	DEMO_RESOURCE,
	MESSAGES_RESOURCE,
	NodeHarness,
	OLA,
	dialogBody,
	dialogLocator,
	failureOf,
} from '../../support/harness';

const SEARCH = 'V1ServiceOwnerDialogsQueriesSearch_Dialog';
const EU_SEARCH = 'V1EndUserDialogsQueriesSearch_Dialog';

describe('Dialog search, get, lookup and the notification check', () => {
	const h = new NodeHarness();
	const ids: string[] = [];
	beforeAll(async () => {
		await h.start({ seedDialogs: 40 });
		// Five dialogs of one external reference, created one after the other.
		for (let i = 0; i < 5; i++) {
			ids.push(
				await h.local.dialogs.create(
					dialogBody({
						externalReference: 'paging',
						status: i % 2 ? 'Completed' : 'InProgress',
						createdAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
						updatedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
					}),
				),
			);
		}
	});
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	describe('search', () => {
		it('returns all results over several pages, following continuationToken', async () => {
			h.local.stats.reset();
			const out = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { externalReference: 'paging' },
				options: { pageSize: 2 },
				simplify: false,
			});
			expect(out.map((item) => item.json.id).sort()).toEqual([...ids].sort());
			expect(h.local.stats.operations(SEARCH)).toBe(3);
			expect(
				out.every(
					(item, index) =>
						item.pairedItem && (item.pairedItem as { item: number }).item === 0 && index >= 0,
				),
			).toBe(true);
		});

		it('stops at the limit, paging as needed', async () => {
			h.local.stats.reset();
			const out = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: false,
				limit: 3,
				filters: { externalReference: 'paging' },
				options: { pageSize: 2 },
			});
			expect(out).toHaveLength(3);
			expect(h.local.stats.operations(SEARCH)).toBe(2);
		});

		it('filters by status (repeated keys), dates and sorts by created time', async () => {
			const out = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: {
					externalReference: 'paging',
					status: ['InProgress'],
					party: BAKERY,
					serviceResource: DEMO_RESOURCE,
					createdAfter: '2026-01-01T12:00:00Z',
				},
				sort: { values: [{ field: 'createdAt', direction: 'asc' }] },
			});
			expect(out.map((item) => item.json.id)).toEqual([ids[2], ids[4]]);
			const descending = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { externalReference: 'paging', status: ['InProgress', 'Completed'] },
				sort: { values: [{ field: 'createdAt', direction: 'desc' }] },
			});
			expect(descending.map((item) => item.json.id)).toEqual([...ids].reverse());
		});

		it('interprets a date without offset in the workflow time zone and sends it with one', async () => {
			// n8n's default time zone is America/New_York: 20:00 there on 2 January is 01:00 UTC on 3 January.
			const local = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { externalReference: 'paging', createdBefore: '2026-01-02T20:00:00' },
			});
			expect(local.map((item) => item.json.id).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
			const utc = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { externalReference: 'paging', createdBefore: '2026-01-02T20:00:00Z' },
			});
			expect(utc.map((item) => item.json.id).sort()).toEqual([ids[0], ids[1]].sort());
		});

		it('searches as an end user, only within the parties the system user may represent', async () => {
			h.local.stats.reset();
			const out = await h.run('systemUser', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { serviceResource: `${DEMO_RESOURCE},${MESSAGES_RESOURCE}` },
				simplify: true,
				outputLanguage: 'en',
			});
			const ownerView = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { party: BAKERY, serviceResource: `${DEMO_RESOURCE},${MESSAGES_RESOURCE}` },
			});
			expect(out.map((item) => item.json.id).sort()).toEqual(
				ownerView.map((item) => item.json.id).sort(),
			);
			expect(new Set(out.map((item) => item.json.party))).toEqual(new Set([BAKERY]));
			expect(out.map((item) => item.json.id)).toEqual(expect.arrayContaining(ids));
			expect(typeof (out[0].json.content as { title: unknown }).title).toBe('string');
			expect(h.local.stats.operations(EU_SEARCH)).toBe(1);

			const archived = await h.run('systemUser', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { systemLabel: ['Archive'], org: 'ttd' },
			});
			for (const item of archived)
				expect((item.json.endUserContext as { systemLabels: string[] }).systemLabels).toContain(
					'Archive',
				);
		});

		it('takes Parties as organization numbers as well as URNs', async () => {
			const search = (party: string) =>
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'search',
					returnAll: true,
					filters: { party, serviceResource: DEMO_RESOURCE },
				});
			const byUrn = await search(BAKERY);
			expect(byUrn.length).toBeGreaterThan(0);
			const byNumber = await search(BAKERY.split(':').pop()!);
			expect(byNumber.map((item) => item.json.id)).toEqual(byUrn.map((item) => item.json.id));
		});

		it('free-text search finds a dialog by its title', async () => {
			const out = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { search: 'Testsak', searchLanguageCode: 'nb', externalReference: 'paging' },
			});
			expect(out).toHaveLength(5);
		});

		it('rejects an unknown status, a malformed party and a bad date before any request', async () => {
			const before = h.local.stats.requests('/dialogporten');
			const status = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'search',
					filters: { status: ['Open'] },
				}),
			);
			expect(status).toBeInstanceOf(NodeOperationError);
			expect(status.message).toBe('Status filter "Open" is not one of the allowed values');
			const party = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'search',
					filters: { party: 'urn:altinn:person:identifier-no:123' },
				}),
			);
			expect(party.message).toContain('is not a valid party URN');
			const date = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'search',
					filters: { createdAfter: 'yesterday' },
				}),
			);
			expect(date.message).toBe('Created After "yesterday" is not a valid date and time');
			expect(h.local.stats.requests('/dialogporten')).toBe(before);
		});
	});

	describe('get', () => {
		it('gets one dialog in full as an end user, with a dialog token and localized texts in the chosen language', async () => {
			const [item] = await h.run('systemUser', {
				resource: 'dialog',
				operation: 'get',
				dialogId: dialogLocator(ids[0]),
				simplify: true,
				outputLanguage: 'en',
			});
			expect(item.json).toMatchObject({
				id: ids[0],
				party: BAKERY,
				content: { title: 'Test case' },
				dialogToken: expect.any(String),
			});
			const [raw] = await h.run('systemUser', {
				resource: 'dialog',
				operation: 'get',
				dialogId: dialogLocator(ids[0]),
				simplify: false,
			});
			expect((raw.json.content as { title: { value: unknown[] } }).title.value).toHaveLength(2);
		});

		it('accepts the dialog as a URL that contains its ID', async () => {
			const [item] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'get',
				dialogId: { __rl: true, mode: 'url', value: `https://af.altinn.no/inbox/${ids[1]}` },
			});
			expect(item.json.id).toBe(ids[1]);
		});

		it('gets a dialog as the service owner on behalf of an end user', async () => {
			const [item] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'get',
				dialogId: dialogLocator(ids[0]),
				endUserId: OLA,
			});
			expect(item.json).toMatchObject({ id: ids[0], serviceOwnerContext: expect.any(Object) });
		});
	});

	describe('lookup', () => {
		it('finds a dialog by instance reference in both APIs', async () => {
			const [owner] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'lookup',
				instanceRef: `urn:altinn:dialog-id:${ids[3]}`,
			});
			expect(owner.json).toMatchObject({ dialogId: ids[3], party: BAKERY });
			const [user] = await h.run('systemUser', {
				resource: 'dialog',
				operation: 'lookup',
				instanceRef: `urn:altinn:dialog-id:${ids[3]}`,
				simplify: true,
				outputLanguage: 'nb',
			});
			expect(user.json).toMatchObject({ dialogId: ids[3], title: 'Testsak' });
		});

		it('rejects an unknown reference form before sending', async () => {
			const error = await failureOf(
				h.run('serviceOwner', { resource: 'dialog', operation: 'lookup', instanceRef: 'case-17' }),
			);
			expect(error).toBeInstanceOf(NodeOperationError);
		});
	});

	it('checks a notification condition (internal endpoint)', async () => {
		const [item] = await h.run('serviceOwner', {
			resource: 'dialog',
			operation: 'shouldSendNotification',
			dialogId: dialogLocator(ids[0]),
			conditionType: 'NotExists',
			activityType: 'TransmissionOpened',
		});
		expect(item.json).toEqual({ dialogId: ids[0], sendNotification: true });
	});

	it('refuses an operation the chosen API does not have', async () => {
		const error = await failureOf(h.run('systemUser', { resource: 'dialog', operation: 'create' }));
		expect(error.message).toBe(
			'The operation "create" of "dialog" is not available in the end user API',
		);
	});
});

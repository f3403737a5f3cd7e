import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	BAKERY,
	NodeHarness,
	OLA,
	dialogBody,
	dialogLocator,
	failureOf,
} from '../../support/harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Labels: end-user system labels, service-owner labels, end-user contexts', () => {
	const h = new NodeHarness();
	const created: string[] = [];
	beforeAll(async () => {
		await h.start({ seedDialogs: 0 });
		for (let i = 0; i < 3; i++)
			created.push(await h.local.dialogs.create(dialogBody({ externalReference: `label-${i}` })));
	});
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	describe('end user', () => {
		it('archives a dialog with the latest end-user context revision, then moves it back to the inbox', async () => {
			const id = created[0];
			const before = h.local.dialogs.get(id)!.endUserContextRevision;
			const [archived] = await h.run('systemUser', {
				resource: 'label',
				operation: 'setSystemLabels',
				dialogId: dialogLocator(id),
				addLabels: ['Archive'],
				ifMatch: 'latest',
			});
			expect(archived.json).toMatchObject({
				dialogId: id,
				addLabels: ['Archive'],
				endUserContextRevision: expect.stringMatching(UUID),
			});
			expect(archived.json.endUserContextRevision).not.toBe(before);
			expect(h.local.dialogs.get(id)!.systemLabels).toEqual(['Archive']);

			await h.run('systemUser', {
				resource: 'label',
				operation: 'setSystemLabels',
				dialogId: dialogLocator(id),
				removeLabels: ['Archive'],
				ifMatch: 'revision',
				revision: String(archived.json.endUserContextRevision),
			});
			expect(h.local.dialogs.get(id)!.systemLabels).toEqual(['Default']);

			const log = await h.run('systemUser', {
				resource: 'label',
				operation: 'getLabelLog',
				dialogId: dialogLocator(id),
			});
			expect(log.map((item) => [item.json.name, item.json.action])).toEqual(
				expect.arrayContaining([['Archive', 'set']]),
			);
		});

		it('explains a 412 for a stale end-user context revision', async () => {
			const id = created[1];
			const stale = h.local.dialogs.get(id)!.endUserContextRevision;
			await h.run('systemUser', {
				resource: 'label',
				operation: 'setSystemLabels',
				dialogId: dialogLocator(id),
				addLabels: ['MarkedAsUnopened'],
			});
			const error = await failureOf(
				h.run('systemUser', {
					resource: 'label',
					operation: 'setSystemLabels',
					dialogId: dialogLocator(id),
					addLabels: ['Bin'],
					ifMatch: 'revision',
					revision: stale,
				}),
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('412');
		});

		it('bulk-sets labels on several dialogs, given as a list', async () => {
			const [item] = await h.run('systemUser', {
				resource: 'label',
				operation: 'bulkSetSystemLabels',
				dialogs: `${created[1]}, ${created[2]}`,
				addLabels: ['Bin'],
			});
			expect(item.json).toEqual({
				dialogIds: [created[1], created[2]],
				addLabels: ['Bin'],
				updated: 2,
			});
			expect(h.local.dialogs.get(created[2])!.systemLabels).toContain('Bin');
		});

		it('bulk-sets with per-dialog revisions from an expression, failing as a whole on a stale one', async () => {
			const fresh = h.local.dialogs.get(created[2])!.endUserContextRevision;
			const dialogs = [
				{ dialogId: created[2], endUserContextRevision: fresh },
				{ dialogId: created[1], endUserContextRevision: '0193b2c4-5d6e-4f80-9a1b-2c3d4e5f6a7b' },
			];
			const error = await failureOf(
				h.run(
					'systemUser',
					{
						resource: 'label',
						operation: 'bulkSetSystemLabels',
						dialogs: '={{ $json.dialogs }}',
						removeLabels: ['Bin'],
					},
					{ items: [{ json: { dialogs } }] },
				),
			);
			expect(error.httpCode).toBe('412');
			expect(h.local.dialogs.get(created[2])!.systemLabels).toContain('Bin');
		});

		it('needs at least one label and valid dialog IDs', async () => {
			const none = await failureOf(
				h.run('systemUser', {
					resource: 'label',
					operation: 'setSystemLabels',
					dialogId: dialogLocator(created[0]),
				}),
			);
			expect(none).toBeInstanceOf(NodeOperationError);
			expect(none.message).toBe('Choose at least one label to add or remove');
			const bad = await failureOf(
				h.run('systemUser', {
					resource: 'label',
					operation: 'bulkSetSystemLabels',
					dialogs: 'abc',
					addLabels: ['Bin'],
				}),
			);
			expect(bad.message).toBe('Dialog 1 ID "abc" is not a valid UUID');
		});
	});

	describe('service owner', () => {
		it('sets an end user’s system labels on their behalf, with the end-user context revision read first', async () => {
			const id = await h.local.dialogs.create(dialogBody({ party: OLA }));
			const [item] = await h.run('serviceOwner', {
				resource: 'label',
				operation: 'setSystemLabels',
				dialogId: dialogLocator(id),
				enduserId: OLA,
				addLabels: ['Archive'],
				ifMatch: 'latest',
			});
			expect(item.json.endUserContextRevision).toBe(
				h.local.dialogs.get(id)!.endUserContextRevision,
			);
			expect(h.local.dialogs.get(id)!.systemLabels).toEqual(['Archive']);
			await h.run('serviceOwner', {
				resource: 'label',
				operation: 'bulkSetSystemLabels',
				dialogs: [id],
				enduserId: OLA,
				removeLabels: ['Archive'],
			});
			expect(h.local.dialogs.get(id)!.systemLabels).toEqual(['Default']);
		});

		it('lists end-user contexts of a party, all pages', async () => {
			h.local.stats.reset();
			const out = await h.run('serviceOwner', {
				resource: 'label',
				operation: 'searchEndUserContexts',
				parties: BAKERY,
				returnAll: true,
				filters: { pageSize: 2 },
			});
			expect(out.map((item) => item.json.dialogId)).toEqual(expect.arrayContaining(created));
			expect(out[0].json).toMatchObject({
				endUserContextRevision: expect.stringMatching(UUID),
				systemLabels: expect.any(Array),
			});
			expect(
				h.local.stats.operations(
					'V1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContext',
				),
			).toBeGreaterThanOrEqual(2);
			const binned = await h.run('serviceOwner', {
				resource: 'label',
				operation: 'searchEndUserContexts',
				parties: BAKERY,
				returnAll: true,
				filters: { label: ['Bin'] },
			});
			expect(binned.map((item) => item.json.dialogId)).toEqual(
				expect.arrayContaining([created[1], created[2]]),
			);
			expect(binned.map((item) => item.json.dialogId)).not.toContain(created[0]);
		});

		it('adds, lists and removes service owner labels with the service-owner context revision', async () => {
			const id = created[0];
			const [added] = await h.run('serviceOwner', {
				resource: 'label',
				operation: 'addServiceOwnerLabel',
				dialogId: dialogLocator(id),
				label: 'priority:high',
				ifMatch: 'latest',
			});
			expect(added.json).toMatchObject({
				dialogId: id,
				label: 'priority:high',
				serviceOwnerContextRevision: h.local.dialogs.get(id)!.serviceOwnerContextRevision,
			});
			const listed = await h.run('serviceOwner', {
				resource: 'label',
				operation: 'getServiceOwnerLabels',
				dialogId: dialogLocator(id),
			});
			expect(listed.map((item) => item.json)).toEqual([{ dialogId: id, value: 'priority:high' }]);
			const found = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { serviceOwnerLabels: 'priority:*' },
			});
			expect(found.map((item) => item.json.id)).toEqual([id]);
			const [removed] = await h.run('serviceOwner', {
				resource: 'label',
				operation: 'removeServiceOwnerLabel',
				dialogId: dialogLocator(id),
				label: 'priority:high',
				ifMatch: 'latest',
			});
			expect(removed.json).toMatchObject({ removed: true });
			expect(
				await h.run('serviceOwner', {
					resource: 'label',
					operation: 'getServiceOwnerLabels',
					dialogId: dialogLocator(id),
				}),
			).toEqual([]);
		});

		it('maps removing a label that is not there to a 404', async () => {
			const error = await failureOf(
				h.run('serviceOwner', {
					resource: 'label',
					operation: 'removeServiceOwnerLabel',
					dialogId: dialogLocator(created[0]),
					label: 'missing',
				}),
			);
			expect(error.httpCode).toBe('404');
		});
	});
});

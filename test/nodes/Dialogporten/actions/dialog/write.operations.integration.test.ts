import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	BAKERY,
	DEMO_RESOURCE,
	NodeHarness,
	dialogBody,
	dialogLocator,
	failureOf,
	partyLocator,
} from '../../support/harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Dialog create, update, patch, delete, restore, purge, freeze (service owner)', () => {
	const h = new NodeHarness();
	beforeAll(async () => await h.start({ seedDialogs: 5 }));
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	const create = async (overrides: Record<string, unknown> = {}) =>
		await h.local.dialogs.create(dialogBody(overrides));

	describe('create', () => {
		it('creates a dialog from fields and returns its ID and revision (the Etag)', async () => {
			const [item] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'create',
				specifyBody: 'fields',
				party: partyLocator(BAKERY),
				serviceResource: DEMO_RESOURCE,
				title: 'Søknad om løyve',
				textLanguage: 'nb',
				status: 'RequiresAttention',
				additionalFields: {
					summary: 'Til behandling',
					additionalInfo: 'Les **dette**',
					additionalInfoMarkdown: true,
					externalReference: 'case-17',
					progress: 40,
					dueAt: '2030-01-31T08:00:00Z',
					searchTags: 'alpha, beta',
					serviceOwnerLabels: 'priority:high',
					idempotentKey: 'fields-1',
				},
				guiActions: {
					values: [
						{
							action: 'read',
							title: 'Åpne',
							url: 'https://example.com/case/17',
							priority: 'Primary',
							httpMethod: 'GET',
						},
					],
				},
				apiActions: {
					values: [
						{
							action: 'read',
							name: 'getCase',
							url: 'https://example.com/api/case/17',
							httpMethod: 'GET',
							version: 'v1',
						},
					],
				},
				attachments: {
					values: [
						{
							displayName: 'Vedtak',
							url: 'https://example.com/files/17.pdf',
							mediaType: 'application/pdf',
							consumerType: 'Gui',
						},
					],
				},
			});
			expect(item.json.id).toMatch(UUID);
			expect(item.json.revision).toMatch(UUID);
			expect(item.pairedItem).toEqual({ item: 0 });
			const stored = h.local.dialogs.get(String(item.json.id))!;
			expect(stored.revision).toBe(item.json.revision);
			expect(stored.status).toBe('RequiresAttention');
			expect(stored.party).toBe(BAKERY);
			expect(stored.externalReference).toBe('case-17');
			expect(stored.serviceOwnerLabels).toEqual(['priority:high']);

			const [read] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'get',
				dialogId: dialogLocator(String(item.json.id)),
				simplify: true,
				outputLanguage: 'nb',
			});
			expect(read.json).toMatchObject({
				id: item.json.id,
				progress: 40,
				dueAt: '2030-01-31T08:00:00.000Z',
				content: {
					title: 'Søknad om løyve',
					summary: 'Til behandling',
					additionalInfo: 'Les **dette**',
					additionalInfoMediaType: 'text/markdown',
				},
				searchTags: [{ value: 'alpha' }, { value: 'beta' }],
				guiActions: [
					expect.objectContaining({
						action: 'read',
						url: 'https://example.com/case/17',
						title: 'Åpne',
					}),
				],
				apiActions: [
					expect.objectContaining({
						name: 'getCase',
						endpoints: [
							expect.objectContaining({ url: 'https://example.com/api/case/17', version: 'v1' }),
						],
					}),
				],
				attachments: [expect.objectContaining({ displayName: 'Vedtak' })],
			});
		});

		it('creates from raw JSON, and a reused idempotent key is a 409 with the reason', async () => {
			const body = JSON.stringify(dialogBody({ idempotentKey: 'json-key-1' }));
			const [first] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'create',
				specifyBody: 'json',
				dialogJson: body,
			});
			expect(first.json.id).toMatch(UUID);
			const error = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'create',
					specifyBody: 'json',
					dialogJson: body,
				}),
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('409');
			expect(error.message).toMatch(/^Conflict/);
			expect(`${error.message}\n${error.description}`).toContain('json-key-1');
			expect(error.description).toContain('idempotent key');
		});

		it('returns the created dialog in full when asked', async () => {
			const [item] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'create',
				specifyBody: 'json',
				dialogJson: JSON.stringify(dialogBody()),
				returnDialog: true,
				simplify: true,
				outputLanguage: 'en',
			});
			expect(item.json).toMatchObject({
				party: BAKERY,
				serviceResource: DEMO_RESOURCE,
				content: { title: 'Test case' },
				revision: expect.stringMatching(UUID),
			});
		});

		it('takes an organization number as the party of a raw JSON body', async () => {
			const [item] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'create',
				specifyBody: 'json',
				dialogJson: JSON.stringify(dialogBody({ party: BAKERY.split(':').pop() })),
				returnDialog: true,
			});
			expect(item.json.party).toBe(BAKERY);
		});

		it('rejects a malformed party URN and an unknown status before sending anything', async () => {
			const before = h.local.stats.requests('/dialogporten');
			const badParty = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'create',
					party: partyLocator('urn:altinn:organization:identifier-no:123'),
					serviceResource: DEMO_RESOURCE,
					title: 'x',
				}),
			);
			expect(badParty).toBeInstanceOf(NodeOperationError);
			expect(badParty.message).toContain('is not a valid party URN');
			const badStatus = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'create',
					specifyBody: 'json',
					dialogJson: JSON.stringify(dialogBody({ status: 'Finished' })),
				}),
			);
			expect(badStatus.message).toBe('status "Finished" is not one of the allowed values');
			const badJson = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'create',
					specifyBody: 'json',
					dialogJson: '{"party": ',
				}),
			);
			expect(badJson.message).toBe('Dialog (JSON) is not valid JSON');
			expect(h.local.stats.requests('/dialogporten')).toBe(before);
		});

		it('accepts an organization number for the party and processes every input item with its own values', async () => {
			const out = await h.run(
				'serviceOwner',
				{
					resource: 'dialog',
					operation: 'create',
					party: { __rl: true, mode: 'number', value: '310000051' },
					serviceResource: DEMO_RESOURCE,
					title: '={{ $json.title }}',
				},
				{ items: [{ json: { title: 'Første' } }, { json: { title: 'Andre' } }] },
			);
			expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			const titles = out.map((item) => h.local.dialogs.get(String(item.json.id))!.party);
			expect(titles).toEqual([BAKERY, BAKERY]);
		});
	});

	describe('update (PUT)', () => {
		it('changes the given fields, keeps the rest, and sends the revision it read', async () => {
			const id = await create({
				externalReference: 'keep-me',
				content: {
					title: {
						mediaType: 'text/plain',
						value: [
							{ languageCode: 'nb', value: 'Gammel' },
							{ languageCode: 'en', value: 'Old' },
						],
					},
				},
			});
			const before = h.local.dialogs.get(id)!.revision;
			const [item] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'update',
				dialogId: dialogLocator(id),
				textLanguage: 'nb',
				updateFields: { title: 'Ny tittel', status: 'Completed', summary: 'Ferdig' },
				ifMatch: 'latest',
			});
			expect(item.json).toMatchObject({ id, updated: true });
			expect(item.json.revision).not.toBe(before);
			const [read] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'get',
				dialogId: dialogLocator(id),
				simplify: false,
			});
			const dialog = read.json as {
				status: string;
				externalReference: string;
				content: { title: { value: Array<{ languageCode: string; value: string }> } };
			};
			expect(dialog.status).toBe('Completed');
			expect(dialog.externalReference).toBe('keep-me');
			expect(dialog.content.title.value).toEqual(
				expect.arrayContaining([
					{ languageCode: 'en', value: 'Old' },
					{ languageCode: 'nb', value: 'Ny tittel' },
				]),
			);
		});

		it('replaces the dialog with a complete JSON body', async () => {
			const id = await create();
			const body = {
				status: 'Awaiting',
				isApiOnly: false,
				externalReference: 'from-json',
				content: {
					title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'JSON' }] },
				},
			};
			await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'update',
				dialogId: dialogLocator(id),
				specifyBody: 'json',
				dialogJson: JSON.stringify(body),
			});
			expect(h.local.dialogs.get(id)).toMatchObject({
				status: 'Awaiting',
				externalReference: 'from-json',
			});
		});

		it('fails with an explained 412 when the given revision is stale, and changes nothing', async () => {
			const id = await create();
			const stale = h.local.dialogs.get(id)!.revision;
			await h.local.dialogs.patch(id, [{ op: 'add', path: '/progress', value: 10 }]);
			const error = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'update',
					dialogId: dialogLocator(id),
					updateFields: { status: 'Completed' },
					ifMatch: 'revision',
					revision: stale,
				}),
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('412');
			expect(error.message).toMatch(/^Revision mismatch/);
			expect(error.description).toContain('Get the dialog again');
			expect(error.description).toContain(`The revision sent with If-Match was ${stale}.`);
			expect(h.local.dialogs.get(id)!.status).toBe('InProgress');
		});
	});

	describe('patch', () => {
		it('applies operations from the form, parsing JSON values, and returns the new revision', async () => {
			const id = await create();
			const [item] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'patch',
				dialogId: dialogLocator(id),
				operations: {
					values: [
						{ op: 'replace', path: '/status', value: 'Completed' },
						{ op: 'add', path: '/progress', value: '100' },
						{ op: 'add', path: '/extendedStatus', value: 'urn:my:status:approved' },
					],
				},
			});
			const stored = h.local.dialogs.get(id)!;
			expect(item.json).toEqual({ id, revision: stored.revision, patched: true });
			expect(stored).toMatchObject({
				status: 'Completed',
				progress: 100,
				extendedStatus: 'urn:my:status:approved',
			});
		});

		it('sends If-Match with the latest revision read first, and a raw JSON Patch', async () => {
			const id = await create();
			await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'patch',
				dialogId: dialogLocator(id),
				specifyPatch: 'json',
				patchJson: '[{"op":"replace","path":"/status","value":"Awaiting"}]',
				ifMatch: 'latest',
			});
			expect(h.local.dialogs.get(id)!.status).toBe('Awaiting');
		});

		it('explains a 412 from a stale revision', async () => {
			const id = await create();
			const stale = h.local.dialogs.get(id)!.revision;
			await h.local.dialogs.patch(id, [{ op: 'add', path: '/progress', value: 5 }]);
			const error = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'patch',
					dialogId: dialogLocator(id),
					operations: { values: [{ op: 'replace', path: '/status', value: 'Completed' }] },
					ifMatch: 'revision',
					revision: stale,
				}),
			);
			expect(error.httpCode).toBe('412');
			expect(error.message).toMatch(/^Revision mismatch/);
		});

		it('rejects an invalid JSON Patch and a non-UUID dialog ID before any request', async () => {
			const id = await create();
			const before = h.local.stats.requests('/dialogporten');
			const invalid = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'patch',
					dialogId: dialogLocator(id),
					specifyPatch: 'json',
					patchJson: '[{"op":"set","path":"/status","value":"Completed"}]',
				}),
			);
			expect(invalid).toBeInstanceOf(NodeOperationError);
			expect(invalid.message).toContain('has an invalid "op"');
			const badId = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'patch',
					dialogId: dialogLocator('42'),
					specifyPatch: 'json',
					patchJson: '[{"op":"remove","path":"/progress"}]',
				}),
			);
			expect(badId.message).toBe('Dialog ID "42" is not a valid UUID');
			expect(h.local.stats.requests('/dialogporten')).toBe(before);
		});
	});

	describe('delete, restore, purge, freeze', () => {
		it('soft-deletes: end users get 410 Gone, the service owner can still find and restore it', async () => {
			const id = await create();
			const [deleted] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'delete',
				dialogId: dialogLocator(id),
				ifMatch: 'latest',
			});
			expect(deleted.json).toMatchObject({
				id,
				deleted: true,
				revision: expect.stringMatching(UUID),
			});

			const gone = await failureOf(
				h.run('systemUser', { resource: 'dialog', operation: 'get', dialogId: dialogLocator(id) }),
			);
			expect(gone).toBeInstanceOf(NodeApiError);
			expect(gone.httpCode).toBe('410');
			expect(gone.message).toBe('Gone: the dialog has been deleted');

			const found = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				filters: { deleted: 'Only', externalReference: '' },
			});
			expect(found.map((item) => item.json.id)).toContain(id);

			const [restored] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'restore',
				dialogId: dialogLocator(id),
			});
			expect(restored.json).toMatchObject({ id, restored: true });
			const [back] = await h.run('systemUser', {
				resource: 'dialog',
				operation: 'get',
				dialogId: dialogLocator(id),
			});
			expect(back.json.id).toBe(id);
		});

		it('purges for good', async () => {
			const id = await create();
			const [purged] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'purge',
				dialogId: dialogLocator(id),
			});
			expect(purged.json).toMatchObject({ id, purged: true });
			expect(h.local.dialogs.get(id)).toBeUndefined();
			const error = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'get',
					dialogId: dialogLocator(id),
				}),
			);
			expect(error.httpCode).toBe('404');
		});

		it('freezes, after which the service owner can no longer change the dialog', async () => {
			const id = await create();
			const [frozen] = await h.run('serviceOwner', {
				resource: 'dialog',
				operation: 'freeze',
				dialogId: dialogLocator(id),
			});
			expect(frozen.json).toMatchObject({ id, frozen: true });
			const error = await failureOf(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'patch',
					dialogId: dialogLocator(id),
					operations: { values: [{ op: 'replace', path: '/status', value: 'Completed' }] },
				}),
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('403');
		});

		it('keeps going with an error item per failing input when continue on fail is on', async () => {
			const id = await create();
			const out = await h.run(
				'serviceOwner',
				{
					resource: 'dialog',
					operation: 'delete',
					dialogId: '={{ { __rl: true, mode: "id", value: $json.id } }}',
				},
				{
					items: [
						{ json: { id: 'not-a-uuid' } },
						{ json: { id } },
						{ json: { id: '0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' } },
					],
					continueOnFail: true,
				},
			);
			expect(out).toHaveLength(3);
			expect(out[0].json.error).toBe('Dialog ID "not-a-uuid" is not a valid UUID');
			expect(out[1].json).toMatchObject({ id, deleted: true });
			expect(out[2].json).toMatchObject({ httpCode: '404' });
			expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		});
	});
});

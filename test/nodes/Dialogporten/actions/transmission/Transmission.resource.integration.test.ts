import { NodeApiError } from 'n8n-workflow';

import { maskinportenCredential, SERVICE_OWNER_SCOPES } from '../../../../support/credentials';
import { NodeHarness, dialogBody, dialogLocator, failureOf } from '../../support/harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Transmission: create and update (service owner), get many and get (both APIs)', () => {
	const h = new NodeHarness();
	let dialogId: string;
	let transmissionId: string;
	beforeAll(async () => {
		await h.start({ seedDialogs: 0 });
		dialogId = await h.local.dialogs.create(dialogBody());
		h.addCredential(
			'maskinportenApi',
			maskinportenCredential(h.local, 'serviceOwner', {
				scopes: `${SERVICE_OWNER_SCOPES} digdir:dialogporten.serviceprovider.changetransmissions`,
			}),
			'transmissionEditor',
		);
	});
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	it('creates a transmission from fields with an attachment and an idempotent key', async () => {
		const [item] = await h.run('serviceOwner', {
			resource: 'transmission',
			operation: 'create',
			dialogId: dialogLocator(dialogId),
			transmissionType: 'Decision',
			senderActorType: 'ServiceOwner',
			title: 'Vedtak i saken',
			textLanguage: 'nb',
			additionalFields: {
				summary: 'Søknaden er innvilget',
				idempotentKey: 'decision-1',
				externalReference: 'v-1',
			},
			attachments: {
				values: [
					{
						displayName: 'Vedtaksbrev',
						url: 'https://example.com/vedtak.pdf',
						mediaType: 'application/pdf',
						consumerType: 'Gui',
					},
				],
			},
			ifMatch: 'latest',
		});
		transmissionId = String(item.json.id);
		expect(item.json).toMatchObject({
			id: expect.stringMatching(UUID),
			dialogId,
			revision: h.local.dialogs.get(dialogId)!.revision,
		});
	});

	it('refuses the same idempotent key twice with a 409', async () => {
		const error = await failureOf(
			h.run('serviceOwner', {
				resource: 'transmission',
				operation: 'create',
				dialogId: dialogLocator(dialogId),
				title: 'Igjen',
				additionalFields: { idempotentKey: 'decision-1' },
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('409');
	});

	it('lists and gets the transmission in both APIs, texts simplified', async () => {
		const user = await h.run('systemUser', {
			resource: 'transmission',
			operation: 'getMany',
			dialogId: dialogLocator(dialogId),
			simplify: true,
			outputLanguage: 'nb',
		});
		const decision = user.find((item) => item.json.id === transmissionId)!;
		expect(decision.json).toMatchObject({
			dialogId,
			type: 'Decision',
			content: { title: 'Vedtak i saken', summary: 'Søknaden er innvilget' },
		});
		const [one] = await h.run('systemUser', {
			resource: 'transmission',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
			transmissionId,
			simplify: true,
			outputLanguage: 'en',
		});
		expect((one.json.attachments as Array<{ displayName: string }>)[0].displayName).toBe(
			'Vedtaksbrev',
		);
		const owner = await h.run('serviceOwner', {
			resource: 'transmission',
			operation: 'getMany',
			dialogId: dialogLocator(dialogId),
		});
		expect(owner.map((item) => item.json.id)).toContain(transmissionId);
		const [ownerOne] = await h.run('serviceOwner', {
			resource: 'transmission',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
			transmissionId,
		});
		expect(ownerOne.json).toMatchObject({ id: transmissionId, idempotentKey: 'decision-1' });
	});

	it('needs the changetransmissions scope to replace a transmission, and says so', async () => {
		const error = await failureOf(
			h.run('serviceOwner', {
				resource: 'transmission',
				operation: 'update',
				dialogId: dialogLocator(dialogId),
				transmissionId,
				title: 'x',
			}),
		);
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('digdir:dialogporten.serviceprovider.changetransmissions');
	});

	it('replaces a transmission (PUT) from JSON and from fields', async () => {
		const [fromFields] = await h.runAs('transmissionEditor', 'serviceowner', {
			resource: 'transmission',
			operation: 'update',
			dialogId: dialogLocator(dialogId),
			transmissionId,
			transmissionType: 'Decision',
			title: 'Vedtak i saken (rettet)',
			textLanguage: 'nb',
			additionalFields: { isSilentUpdate: true, idempotentKey: 'decision-1' },
		});
		expect(fromFields.json).toMatchObject({
			id: transmissionId,
			dialogId,
			updated: true,
			revision: expect.stringMatching(UUID),
		});
		const [read] = await h.run('serviceOwner', {
			resource: 'transmission',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
			transmissionId,
			simplify: true,
			outputLanguage: 'nb',
		});
		expect((read.json.content as { title: string }).title).toBe('Vedtak i saken (rettet)');

		const body = {
			type: 'Information',
			isSilentUpdate: false,
			sender: { actorType: 'ServiceOwner' },
			content: {
				title: {
					mediaType: 'text/plain',
					value: [{ languageCode: 'nb', value: 'Til orientering' }],
				},
			},
		};
		await h.runAs('transmissionEditor', 'serviceowner', {
			resource: 'transmission',
			operation: 'update',
			dialogId: dialogLocator(dialogId),
			transmissionId,
			specifyBody: 'json',
			transmissionJson: JSON.stringify(body),
		});
		const [again] = await h.run('serviceOwner', {
			resource: 'transmission',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
			transmissionId,
		});
		expect(again.json.type).toBe('Information');
	});

	it('explains a 412 when creating with a stale revision', async () => {
		const stale = h.local.dialogs.get(dialogId)!.revision;
		await h.local.dialogs.addActivity(dialogId, 'Information', 'endret');
		const error = await failureOf(
			h.run('serviceOwner', {
				resource: 'transmission',
				operation: 'create',
				dialogId: dialogLocator(dialogId),
				title: 'For sent',
				ifMatch: 'revision',
				revision: stale,
			}),
		);
		expect(error.httpCode).toBe('412');
		expect(error.message).toMatch(/^Revision mismatch/);
	});
});

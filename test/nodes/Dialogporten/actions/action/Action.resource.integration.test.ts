import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	maskinportenCredential,
	SERVICE_OWNER_SCOPES,
	SYSTEM_USER_SCOPES,
} from '../../../../support/credentials';
import { BAKERY, NodeHarness, dialogBody, dialogLocator, failureOf } from '../../support/harness';

const FRONT_CHANNEL = 'application/vnd.dialogporten.frontchannelembed-url;type=text/markdown';

describe('Action: list, execute API actions against the correspondence system, fetch content', () => {
	const h = new NodeHarness();
	let seeded: string[];
	let contentUrl: (id: string) => string;
	beforeAll(async () => {
		await h.start({ seedDialogs: 60 });
		const bakeryDialogs = await h.run('systemUser', {
			resource: 'dialog',
			operation: 'search',
			returnAll: true,
			filters: { party: BAKERY },
		});
		seeded = bakeryDialogs.map((item) => String(item.json.id));
		expect(seeded.length).toBeGreaterThanOrEqual(9);
		contentUrl = (id) => `${h.local.urls.correspondence}/correspondence/${id}/content`;
		h.addCredential(
			'maskinportenApi',
			maskinportenCredential(h.local, 'systemUser', {
				scopes: `${SYSTEM_USER_SCOPES} altinn:correspondence.read altinn:correspondence.write`,
			}),
			'correspondenceUser',
		);
		h.addCredential(
			'maskinportenApi',
			maskinportenCredential(h.local, 'serviceOwner', {
				scopes: `${SERVICE_OWNER_SCOPES} altinn:correspondence.read`,
			}),
			'correspondenceOwner',
		);
	});
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	const activities = (id: string) =>
		h.local.dialogs.get(id)!.details.activities.map((activity) => activity.type);

	it('lists GUI and API actions with their URLs, titles in the chosen language', async () => {
		const out = await h.run('systemUser', {
			resource: 'action',
			operation: 'getMany',
			dialogId: dialogLocator(seeded[0]),
			outputLanguage: 'en',
		});
		expect(out.map((item) => [item.json.kind, item.json.action])).toEqual([
			['api', 'read'],
			['api', 'confirm'],
			['gui', 'read'],
			['gui', 'confirm'],
		]);
		expect(out[1].json).toMatchObject({
			dialogId: seeded[0],
			name: 'confirm',
			endpoints: [
				expect.objectContaining({ httpMethod: 'POST', url: expect.stringContaining('/confirm') }),
			],
		});
		expect(out[3].json).toMatchObject({
			title: 'Confirm',
			prompt: 'Do you want to confirm the message?',
			url: expect.stringContaining('/confirm'),
		});
		const guiOnly = await h.run('systemUser', {
			resource: 'action',
			operation: 'getMany',
			dialogId: dialogLocator(seeded[0]),
			actionTypes: 'gui',
		});
		expect(guiOnly).toHaveLength(2);
	});

	it('reads the content with the dialog token, and confirms the message read (POST), recorded as an activity', async () => {
		const id = seeded[0];
		const [content] = await h.run('systemUser', {
			resource: 'action',
			operation: 'execute',
			dialogId: dialogLocator(id),
			actionId: 'getContent',
			actionAuth: 'dialogToken',
		});
		expect(content.json).toMatchObject({
			correspondenceId: id,
			recipient: BAKERY,
			status: 'Published',
		});
		expect(content.pairedItem).toEqual({ item: 0 });

		const [confirmed] = await h.run('systemUser', {
			resource: 'action',
			operation: 'execute',
			dialogId: dialogLocator(id),
			actionId: 'confirm',
			actionAuth: 'dialogToken',
		});
		expect(confirmed.json).toMatchObject({
			correspondenceId: id,
			status: 'Confirmed',
			confirmedAt: expect.any(String),
		});
		expect(activities(id)).toContain('CorrespondenceConfirmed');
	});

	it('sends the credential’s own token when it has the scopes the endpoint needs', async () => {
		const id = seeded[1];
		const [content] = await h.runAs('correspondenceUser', 'enduser', {
			resource: 'action',
			operation: 'execute',
			dialogId: dialogLocator(id),
			actionId: 'read',
			actionAuth: 'credential',
		});
		expect(content.json.correspondenceId).toBe(id);
		const [owner] = await h.runAs('correspondenceOwner', 'serviceowner', {
			resource: 'action',
			operation: 'execute',
			dialogId: dialogLocator(id),
			actionId: 'getContent',
			actionAuth: 'credential',
		});
		expect(owner.json.correspondenceId).toBe(id);
		const [confirmed] = await h.runAs(
			'correspondenceUser',
			'enduser',
			{
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(id),
				actionId: 'confirm',
				endpointId: 'v1',
				requestBody: 'itemJson',
				actionAuth: 'credential',
			},
			{ items: [{ json: { note: 'lest' } }] },
		);
		expect(confirmed.json.status).toBe('Confirmed');
	});

	it('reports the service owner system’s 403 and 401 by its host, not as Dialogporten', async () => {
		const id = seeded[2];
		const forbidden = await failureOf(
			h.run('systemUser', {
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(id),
				actionId: 'getContent',
				actionAuth: 'credential',
			}),
		);
		expect(forbidden).toBeInstanceOf(NodeApiError);
		expect(forbidden.httpCode).toBe('403');
		expect(forbidden.message).toBe(
			`${new URL(h.local.baseUrl).host} refused the request (403): the token lacks the access it needs (scope, party or action)`,
		);
		const anonymous = await failureOf(
			h.run('systemUser', {
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(id),
				actionId: 'getContent',
				actionAuth: 'none',
			}),
		);
		expect(anonymous.httpCode).toBe('401');
		expect(activities(id)).not.toContain('CorrespondenceConfirmed');
	});

	it('outputs a GUI action’s URL and details instead of calling it', async () => {
		const id = seeded[3];
		const before = h.local.stats.requests('/platform/correspondence');
		const [gui] = await h.run(
			'systemUser',
			{
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(id),
				actionId: '={{ $json.guiActionId }}',
				outputLanguage: 'nb',
			},
			{
				items: [{ json: { guiActionId: h.local.dialogs.get(id)!.details.guiActions[1].id } }],
			},
		);
		expect(gui.json).toMatchObject({
			kind: 'gui',
			action: 'confirm',
			httpMethod: 'POST',
			title: 'Bekreft',
			executed: false,
			url: expect.stringContaining(`/correspondence/${id}/confirm`),
		});
		expect(h.local.stats.requests('/platform/correspondence')).toBe(before);
	});

	it('outputs the response as a binary file when asked', async () => {
		const [file] = await h.run('systemUser', {
			resource: 'action',
			operation: 'execute',
			dialogId: dialogLocator(seeded[3]),
			actionId: 'getContent',
			actionAuth: 'dialogToken',
			responseFormat: 'binary',
			binaryPropertyName: 'content',
		});
		expect(file.json).toMatchObject({
			statusCode: 200,
			mimeType: 'application/json',
			fileName: 'content',
		});
		const buffer = Buffer.from(file.binary!.content.data, 'base64');
		expect(JSON.parse(buffer.toString('utf8'))).toMatchObject({ correspondenceId: seeded[3] });
	});

	it('rejects an unknown action or endpoint, naming the ones there are, before calling anything', async () => {
		const before = h.local.stats.requests('/platform/correspondence');
		const action = await failureOf(
			h.run('systemUser', {
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(seeded[0]),
				actionId: 'delete',
			}),
		);
		expect(action).toBeInstanceOf(NodeOperationError);
		expect(action.message).toBe('The dialog has no action "delete"');
		expect(action.description).toBe('Its actions: getContent, confirm, read, confirm.');
		const endpoint = await failureOf(
			h.run('systemUser', {
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(seeded[0]),
				actionId: 'confirm',
				endpointId: 'v9',
			}),
		);
		expect(endpoint.message).toBe('The action has no endpoint "v9"');
		const noToken = await failureOf(
			h.run('serviceOwner', {
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(seeded[0]),
				actionId: 'confirm',
				actionAuth: 'dialogToken',
			}),
		);
		expect(noToken.message).toBe('Dialog tokens are only issued to end users');
		expect(h.local.stats.requests('/platform/correspondence')).toBe(before);
	});

	describe('fetch content', () => {
		let ownDialog: string;
		beforeAll(async () => {
			ownDialog = await h.local.dialogs.create(
				dialogBody({
					content: {
						title: {
							mediaType: 'text/plain',
							value: [{ languageCode: 'nb', value: 'Med innhold' }],
						},
						mainContentReference: {
							mediaType: FRONT_CHANNEL,
							value: [
								{ languageCode: 'nb', value: contentUrl(seeded[4]) },
								{ languageCode: 'en', value: contentUrl(seeded[5]) },
							],
						},
					},
					transmissions: [
						{
							type: 'Information',
							sender: { actorType: 'ServiceOwner' },
							createdAt: new Date().toISOString(),
							content: {
								title: {
									mediaType: 'text/plain',
									value: [{ languageCode: 'nb', value: 'Melding' }],
								},
								contentReference: {
									mediaType: FRONT_CHANNEL,
									value: [{ languageCode: 'nb', value: contentUrl(seeded[6]) }],
								},
							},
						},
					],
				}),
			);
		});

		it('fetches the main content in the chosen language', async () => {
			const [nb] = await h.runAs('correspondenceUser', 'enduser', {
				resource: 'action',
				operation: 'fetchContent',
				dialogId: dialogLocator(ownDialog),
				contentSource: 'mainContentReference',
				outputLanguage: 'nb',
			});
			expect(nb.json.correspondenceId).toBe(seeded[4]);
			const [en] = await h.runAs('correspondenceUser', 'enduser', {
				resource: 'action',
				operation: 'fetchContent',
				dialogId: dialogLocator(ownDialog),
				contentSource: 'mainContentReference',
				outputLanguage: 'en',
			});
			expect(en.json.correspondenceId).toBe(seeded[5]);
		});

		it('fetches a transmission’s content and an attachment (by file name or ID)', async () => {
			const transmissionId = h.local.dialogs.get(ownDialog)!.details.transmissions[0].id;
			const [transmission] = await h.runAs('correspondenceUser', 'enduser', {
				resource: 'action',
				operation: 'fetchContent',
				dialogId: dialogLocator(ownDialog),
				contentSource: 'transmissionContentReference',
				transmissionId,
			});
			expect(transmission.json.correspondenceId).toBe(seeded[6]);

			const seed = h.local.dialogs.get(seeded[7])!.details.attachments[0];
			const [byName] = await h.run('systemUser', {
				resource: 'action',
				operation: 'fetchContent',
				dialogId: dialogLocator(seeded[7]),
				contentSource: 'attachment',
				attachmentId: seed.name!,
				actionAuth: 'dialogToken',
			});
			expect(byName.json.correspondenceId).toBe(seeded[7]);
			const [asText] = await h.run('systemUser', {
				resource: 'action',
				operation: 'fetchContent',
				dialogId: dialogLocator(seeded[7]),
				contentSource: 'attachment',
				attachmentId: seed.id,
				actionAuth: 'dialogToken',
				responseFormat: 'text',
			});
			expect(JSON.parse(String(asText.json.data)).correspondenceId).toBe(seeded[7]);
		});

		it('fetches any content URL, and explains a dialog without main content', async () => {
			const [item] = await h.run('systemUser', {
				resource: 'action',
				operation: 'fetchContent',
				dialogId: dialogLocator(seeded[8]),
				contentSource: 'url',
				contentUrl: contentUrl(seeded[8]),
				actionAuth: 'dialogToken',
			});
			expect(item.json).toMatchObject({ correspondenceId: seeded[8] });
			const error = await failureOf(
				h.run('systemUser', {
					resource: 'action',
					operation: 'fetchContent',
					dialogId: dialogLocator(seeded[8]),
					contentSource: 'mainContentReference',
				}),
			);
			expect(error.message).toBe('The dialog has no main content reference');
		});
	});
});

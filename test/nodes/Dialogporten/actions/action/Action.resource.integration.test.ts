import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	maskinportenCredential,
	SERVICE_OWNER_SCOPES,
	SYSTEM_USER_SCOPES,
} from '../../../../support/credentials';
import {
	getActionEndpoints,
	getActions,
} from '../../../../../nodes/Dialogporten/methods/loadOptions';
import { RecordingSystem } from '../../../../support/recording-system';
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

	it('an action and endpoint picked from one dialog’s list work for every item’s dialog', async () => {
		const [first, second] = [seeded[9], seeded[8]];
		const picked = h.runtime.loadOptionsContext(
			h.node,
			{
				api: 'enduser',
				authentication: 'maskinportenApi',
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(first),
			},
			{ maskinportenApi: 'systemUser' },
		);
		const actions = await getActions.call(picked);
		const confirm = actions.find((a) => a.name === 'API: confirm (POST)')!.value as string;
		const endpoints = await getActionEndpoints.call(
			h.runtime.loadOptionsContext(
				h.node,
				{
					api: 'enduser',
					authentication: 'maskinportenApi',
					resource: 'action',
					operation: 'execute',
					dialogId: dialogLocator(first),
					actionId: confirm,
				},
				{ maskinportenApi: 'systemUser' },
			),
		);
		const v1 = endpoints.find((e) => e.name === 'v1')!.value as string;
		const out = await h.run(
			'systemUser',
			{
				resource: 'action',
				operation: 'execute',
				dialogId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				actionId: confirm,
				endpointId: v1,
				actionAuth: 'dialogToken',
			},
			{ items: [{ json: { id: first } }, { json: { id: second } }] },
		);
		expect(out.map((item) => [item.json.correspondenceId, item.json.status])).toEqual([
			[first, 'Confirmed'],
			[second, 'Confirmed'],
		]);
		expect(activities(second)).toContain('CorrespondenceConfirmed');
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
		expect(forbidden.description).toContain(
			'The token of your credential was sent. If the endpoint expects the dialog token, set Send Token to "Dialog Token"',
		);
		expect(forbidden.message).not.toMatch(/Dialogporten/);
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
		expect(anonymous.description).toContain('No token was sent. Set Send Token to "Dialog Token"');
		expect(activities(id)).not.toContain('CorrespondenceConfirmed');
	});

	it('sends the dialog token by default in node version 2; version 1 keeps the credential token', async () => {
		const id = seeded[2];
		const confirm = {
			resource: 'action',
			operation: 'execute',
			dialogId: dialogLocator(id),
			actionId: 'confirm',
		};
		const saved = await failureOf(h.run('systemUser', confirm, { typeVersion: 1 }));
		expect(saved.httpCode).toBe('403');
		const [confirmed] = await h.run('systemUser', confirm, { typeVersion: 2 });
		expect(confirmed.json).toMatchObject({ correspondenceId: id, status: 'Confirmed' });
		const [content] = await h.run(
			'systemUser',
			{ ...confirm, actionId: 'getContent', actionAuth: 'auto' },
			{ typeVersion: 1 },
		);
		expect(content.json).toMatchObject({ correspondenceId: id });
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
		const [byName] = await h.run('systemUser', {
			resource: 'action',
			operation: 'execute',
			dialogId: dialogLocator(id),
			actionId: 'gui:confirm',
		});
		expect(byName.json).toMatchObject({ kind: 'gui', action: 'confirm', executed: false });
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

	it('refuses a malformed custom JSON body before reading the dialog', async () => {
		const before = h.local.stats.requests();
		const error = await failureOf(
			h.run('systemUser', {
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(seeded[0]),
				actionId: 'confirm',
				requestBody: 'json',
				jsonBody: '{"read": true',
			}),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/JSON Body/);
		expect(h.local.stats.requests()).toBe(before);
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

	describe('the credential token goes only to trusted hosts', () => {
		const elsewhere = new RecordingSystem();
		const further = new RecordingSystem();
		let elsewhereUrl: string;
		let furtherUrl: string;
		let dialog: string;
		const apiAction = (name: string, url: string) => ({
			action: 'read',
			name,
			endpoints: [{ url, httpMethod: 'GET' }],
		});
		beforeAll(async () => {
			elsewhereUrl = await elsewhere.start();
			furtherUrl = await further.start();
			elsewhere.redirectTo = `${furtherUrl}/landed`;
			dialog = await h.local.dialogs.create(
				dialogBody({
					apiActions: [
						apiAction('elsewhere', `${elsewhereUrl}/api/content`),
						apiAction('redirecting', `${elsewhereUrl}/redirect`),
						apiAction('spaced', `${h.local.baseUrl}/platform/correspondence/x`),
					],
				}),
			);
			// Dialogporten keeps a URL as .NET's URI parser accepts it; the stand-in validates more
			// strictly, so the stored value is written directly: a line break inside the host.
			h.local.dialogs.get(dialog)!.details.apiActions[2].endpoints[0].url =
				`http://127.0.0.1\n.evil.example/x`;
		});
		afterAll(async () => {
			await elsewhere.stop();
			await further.stop();
		});
		beforeEach(() => {
			elsewhere.received.length = 0;
			further.received.length = 0;
		});
		const execute = (actionId: string, extra: Record<string, unknown> = {}) =>
			h.run('systemUser', {
				resource: 'action',
				operation: 'execute',
				dialogId: dialogLocator(dialog),
				actionId,
				actionAuth: 'credential',
				...extra,
			});

		it('refuses a host the dialog names that is not trusted, before sending anything', async () => {
			const error = await failureOf(execute('elsewhere'));
			const host = new URL(elsewhereUrl).host;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(
				`The credential token is not sent to ${host}: it is not an allowed host`,
			);
			expect(error.description).toBe(
				`Allowed hosts: ${new URL(h.local.baseUrl).host}. If ${host} should receive the token (it carries every scope of the credential), add it to "Trusted Hosts"; otherwise choose "Send Token: Dialog Token" or "None".`,
			);
			expect(elsewhere.received).toEqual([]);
		});

		it('sends it to a host the user trusts', async () => {
			const [out] = await execute('elsewhere', { trustedHosts: new URL(elsewhereUrl).host });
			expect(out.json).toMatchObject({ ok: true });
			expect(elsewhere.received).toHaveLength(1);
			expect(elsewhere.received[0].headers.authorization).toMatch(/^Bearer eyJ/);
		});

		it('does not follow a redirect to a host that is not trusted, and follows one that is', async () => {
			const trusted = new URL(elsewhereUrl).host;
			const error = await failureOf(execute('redirecting', { trustedHosts: trusted }));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(
				`${trusted} redirected the request: The credential token is not sent to ${new URL(furtherUrl).host}: it is not an allowed host`,
			);
			expect(further.received).toEqual([]);

			const [out] = await execute('redirecting', {
				trustedHosts: `${trusted}, ${new URL(furtherUrl).host}`,
			});
			expect(out.json).toMatchObject({ ok: true });
			expect(further.received.map((r) => [r.path, r.headers.authorization?.slice(0, 10)])).toEqual([
				['/landed', 'Bearer eyJ'],
			]);
		});

		it('leaves the dialog token mode as it was: the dialog token goes to the endpoint', async () => {
			const [out] = await execute('elsewhere', { actionAuth: 'dialogToken' });
			expect(out.json).toMatchObject({ ok: true });
			expect(elsewhere.received).toHaveLength(1);
		});

		it('refuses a URL with a line break instead of letting the URL parser drop it', async () => {
			for (const actionAuth of ['credential', 'none']) {
				const error = await failureOf(execute('spaced', { actionAuth }));
				expect(error).toBeInstanceOf(NodeOperationError);
				expect(error.message).toBe(
					'The URL of the action "spaced" contains whitespace or a control character (U+000A at position 17), so it is not called',
				);
			}
		});

		it('refuses a malformed trusted host before anything is sent', async () => {
			const error = await failureOf(execute('elsewhere', { trustedHosts: 'https://x.example/' }));
			expect(error.message).toBe('"https://x.example/" in Trusted Hosts is not a host name');
			expect(elsewhere.received).toEqual([]);
		});
	});
});

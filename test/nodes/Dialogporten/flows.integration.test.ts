// The two flows the README shows, node run after node run as in a workflow: a person signed in
// with ID-porten (parties → search → get → confirm read), and a service owner (create → add a
// transmission → patch the status).
import { NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { idPortenCredential, ID_PORTEN_SCOPES } from '../../support/credentials';
import { BAKERY, DEMO_RESOURCE, NodeHarness, OLA, failureOf } from './support/harness';

const fromItem = (expression: string) => `={{ ${expression} }}`;

describe('workflows', () => {
	const h = new NodeHarness();
	beforeAll(async () => {
		await h.start({ seedDialogs: 60 });
		for (const exchange of [false, true]) {
			const tokens = await h.local.idporten.login({ scope: ID_PORTEN_SCOPES });
			h.addCredential(
				'idPortenOAuth2Api',
				idPortenCredential(h.local, {
					oauthTokenData: tokens as never,
					exchangeToAltinn: exchange,
				}),
				exchange ? 'idPortenExchange' : 'idPorten',
			);
		}
	});
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	for (const credential of ['idPorten', 'idPortenExchange']) {
		it(`a person (${credential === 'idPorten' ? 'ID-porten token' : 'exchanged Altinn token'}): parties → search → get → confirm read`, async () => {
			const parties = await h.runAs(credential, 'enduser', {
				resource: 'party',
				operation: 'getMany',
				filters: { partyType: 'Organization' },
			});
			expect(parties.map((item) => item.json.party)).toEqual([BAKERY]);

			const dialogs = await h.runAs(
				credential,
				'enduser',
				{
					resource: 'dialog',
					operation: 'search',
					returnAll: false,
					limit: 1,
					filters: {
						party: fromItem('$json.party'),
						serviceResource: DEMO_RESOURCE,
						status: ['InProgress', 'RequiresAttention', 'Awaiting'],
					},
					simplify: true,
					outputLanguage: 'en',
				},
				{ items: parties },
			);
			expect(dialogs).toHaveLength(1);
			expect(dialogs[0].json.party).toBe(BAKERY);

			const [dialog] = await h.runAs(
				credential,
				'enduser',
				{
					resource: 'dialog',
					operation: 'get',
					dialogId: fromItem('$json.id'),
					simplify: true,
					outputLanguage: 'en',
				},
				{ items: dialogs },
			);
			expect(dialog.json).toMatchObject({
				id: dialogs[0].json.id,
				content: { title: expect.stringMatching(/no\. \d+$/) },
			});

			const [confirmed] = await h.runAs(
				credential,
				'enduser',
				{
					resource: 'action',
					operation: 'execute',
					dialogId: fromItem('$json.id'),
					actionId: 'confirm',
					actionAuth: 'dialogToken',
				},
				{ items: [dialog] as INodeExecutionData[] },
			);
			expect(confirmed.json).toMatchObject({
				correspondenceId: dialog.json.id,
				status: 'Confirmed',
			});
			const activity = h.local.dialogs
				.get(String(dialog.json.id))!
				.details.activities.find((a) => a.type === 'CorrespondenceConfirmed');
			expect(activity?.performedBy).toMatchObject({
				actorType: 'PartyRepresentative',
				actorId: OLA,
			});
		});
	}

	it('a person’s parties: all by default, or up to a limit', async () => {
		const all = await h.runAs('idPorten', 'enduser', { resource: 'party', operation: 'getMany' });
		expect(all.length).toBeGreaterThan(1);
		const limited = await h.runAs('idPorten', 'enduser', {
			resource: 'party',
			operation: 'getMany',
			returnAll: false,
			limit: 1,
		});
		expect(limited.map((item) => item.json.party)).toEqual([all[0].json.party]);
	});

	it('refuses the service owner API with an ID-porten credential before sending anything', async () => {
		const before = h.local.stats.requests();
		await expect(
			h.runAs('idPorten', 'serviceowner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: false,
				limit: 1,
			}),
		).rejects.toThrow(
			'This credential is an ID-porten (person) login; service owner operations need a Maskinporten credential with the Client or Supplier grant',
		);
		expect(h.local.stats.requests()).toBe(before);
	});

	it('refuses a Maskinporten grant that does not fit the API, naming the grant and the fix', async () => {
		const before = h.local.stats.requests();
		const onEndUser = await failureOf(
			h.runAs('serviceOwner', 'enduser', { resource: 'party', operation: 'getMany' }),
		);
		expect(onEndUser).toBeInstanceOf(NodeOperationError);
		expect(onEndUser.message).toBe(
			'This credential is a service-owner (client) grant; the End User API needs a system user or ID-porten',
		);
		expect(onEndUser.description).toContain('Grant Type is System User');
		const onServiceOwner = await failureOf(
			h.runAs('systemUser', 'serviceowner', {
				resource: 'dialog',
				operation: 'search',
				returnAll: false,
				limit: 1,
			}),
		);
		expect(onServiceOwner.message).toBe(
			'This credential is a system user grant; service owner operations need the Client or Supplier grant',
		);
		expect(h.local.stats.requests()).toBe(before);
	});

	it('maps API errors the same way through ID-porten (410 for a deleted dialog, 404 for an unknown one)', async () => {
		const id = await h.local.dialogs.create({
			serviceResource: DEMO_RESOURCE,
			party: BAKERY,
			isApiOnly: false,
			content: {
				title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Slettes' }] },
			},
		});
		await h.run('serviceOwner', {
			resource: 'dialog',
			operation: 'delete',
			dialogId: { __rl: true, mode: 'id', value: id },
		});
		for (const credential of ['idPorten', 'idPortenExchange']) {
			const gone = await h.runAs(
				credential,
				'enduser',
				{ resource: 'dialog', operation: 'get', dialogId: { __rl: true, mode: 'id', value: id } },
				{ continueOnFail: true },
			);
			expect(gone[0].json).toMatchObject({
				error: 'Gone: the dialog has been deleted',
				httpCode: '410',
			});
			const unknown = await h.runAs(
				credential,
				'enduser',
				{
					resource: 'dialog',
					operation: 'get',
					dialogId: { __rl: true, mode: 'id', value: '0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b' },
				},
				{ continueOnFail: true },
			);
			expect(unknown[0].json.httpCode).toBe('404');
		}
	});

	it('version 2, as the node creator adds it (no API selector): the operation names its API', async () => {
		const v2 = { typeVersion: 2 };
		const [created] = await h.run(
			'serviceOwner',
			{
				api: 'enduser',
				resource: 'dialog',
				operation: 'create',
				party: { __rl: true, mode: 'id', value: BAKERY },
				serviceResource: DEMO_RESOURCE,
				title: 'Versjon 2',
				status: 'InProgress',
			},
			v2,
		);
		const id = String(created.json.id);
		expect(h.local.dialogs.get(id)?.party).toBe(BAKERY);
		const [asOwner] = await h.run(
			'serviceOwner',
			{
				resource: 'dialog',
				operation: 'getAsServiceOwner',
				dialogId: { __rl: true, mode: 'id', value: id },
				simplify: true,
				outputLanguage: 'nb',
			},
			v2,
		);
		expect(asOwner.json.id).toBe(id);
		const [asPerson] = await h.runAs(
			'idPorten',
			'serviceowner',
			{
				resource: 'dialog',
				operation: 'get',
				dialogId: { __rl: true, mode: 'id', value: id },
				simplify: true,
				outputLanguage: 'nb',
			},
			v2,
		);
		expect(asPerson.json.id).toBe(id);
		await expect(
			h.runAs(
				'idPorten',
				'enduser',
				{ resource: 'dialog', operation: 'purge', dialogId: { __rl: true, mode: 'id', value: id } },
				v2,
			),
		).rejects.toThrow(/This credential is an ID-porten \(person\) login/);
	});

	it('a service owner: create → add a transmission → patch status to Completed', async () => {
		const [created] = await h.run('serviceOwner', {
			resource: 'dialog',
			operation: 'create',
			party: { __rl: true, mode: 'id', value: BAKERY },
			serviceResource: DEMO_RESOURCE,
			title: 'Søknad om skjenkebevilling',
			status: 'InProgress',
			additionalFields: { idempotentKey: 'flow-1', externalReference: 'sak-2026-17' },
		});
		const [sent] = await h.run(
			'serviceOwner',
			{
				resource: 'transmission',
				operation: 'create',
				dialogId: fromItem('$json.id'),
				transmissionType: 'Decision',
				title: 'Vedtak: innvilget',
				ifMatch: 'revision',
				revision: fromItem('$json.revision'),
			},
			{ items: [created] },
		);
		const [patched] = await h.run(
			'serviceOwner',
			{
				resource: 'dialog',
				operation: 'patch',
				dialogId: fromItem('$json.dialogId'),
				operations: { values: [{ op: 'replace', path: '/status', value: 'Completed' }] },
				ifMatch: 'revision',
				revision: fromItem('$json.revision'),
			},
			{ items: [sent] },
		);
		const stored = h.local.dialogs.get(String(created.json.id))!;
		expect(patched.json).toEqual({ id: created.json.id, revision: stored.revision, patched: true });
		expect(stored.status).toBe('Completed');
		expect(stored.details.transmissions.map((t) => t.type)).toEqual(['Decision']);

		const [seen] = await h.runAs('idPorten', 'enduser', {
			resource: 'dialog',
			operation: 'get',
			dialogId: { __rl: true, mode: 'id', value: String(created.json.id) },
			simplify: true,
			outputLanguage: 'nb',
		});
		expect(seen.json).toMatchObject({
			status: 'Completed',
			content: { title: 'Søknad om skjenkebevilling' },
		});
	});
});

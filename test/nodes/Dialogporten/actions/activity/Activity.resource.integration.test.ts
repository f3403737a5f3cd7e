import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { NodeHarness, OLA, dialogBody, dialogLocator, failureOf } from '../../support/harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Activity: create (service owner), get many and get (both APIs)', () => {
	const h = new NodeHarness();
	let dialogId: string;
	beforeAll(async () => {
		await h.start({ seedDialogs: 0 });
		dialogId = await h.local.dialogs.create(dialogBody());
	});
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	it('creates an Information activity with a description and returns its ID and the new dialog revision', async () => {
		const [item] = await h.run('serviceOwner', {
			resource: 'activity',
			operation: 'create',
			dialogId: dialogLocator(dialogId),
			activityType: 'Information',
			performedByActorType: 'ServiceOwner',
			description: 'Saken er mottatt',
			textLanguage: 'nb',
			ifMatch: 'latest',
		});
		expect(item.json).toMatchObject({
			id: expect.stringMatching(UUID),
			dialogId,
			revision: h.local.dialogs.get(dialogId)!.revision,
		});
	});

	it('creates an activity performed by a party representative from JSON', async () => {
		const body = {
			type: 'FormSubmitted',
			performedBy: { actorType: 'PartyRepresentative', actorId: OLA },
		};
		const [item] = await h.run('serviceOwner', {
			resource: 'activity',
			operation: 'create',
			dialogId: dialogLocator(dialogId),
			specifyBody: 'json',
			activityJson: JSON.stringify(body),
		});
		expect(item.json.id).toMatch(UUID);
	});

	it('lists and gets activities in both APIs', async () => {
		const owner = await h.run('serviceOwner', {
			resource: 'activity',
			operation: 'getMany',
			dialogId: dialogLocator(dialogId),
		});
		expect(owner.map((item) => item.json.type)).toEqual(
			expect.arrayContaining(['Information', 'FormSubmitted']),
		);
		expect(owner.every((item) => item.json.dialogId === dialogId)).toBe(true);

		const user = await h.run('systemUser', {
			resource: 'activity',
			operation: 'getMany',
			dialogId: dialogLocator(dialogId),
			simplify: true,
			outputLanguage: 'nb',
		});
		const information = user.find((item) => item.json.type === 'Information')!;
		expect(information.json.description).toBe('Saken er mottatt');

		const [one] = await h.run('systemUser', {
			resource: 'activity',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
			activityId: String(information.json.id),
		});
		expect(one.json).toMatchObject({
			id: information.json.id,
			performedBy: { actorType: 'ServiceOwner' },
		});
		const [ownerOne] = await h.run('serviceOwner', {
			resource: 'activity',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
			activityId: String(information.json.id),
		});
		expect(ownerOne.json.id).toBe(information.json.id);
	});

	it('rejects an unknown activity type in JSON and a party representative without ID or name, before sending', async () => {
		const before = h.local.stats.requests('/dialogporten');
		const type = await failureOf(
			h.run('serviceOwner', {
				resource: 'activity',
				operation: 'create',
				dialogId: dialogLocator(dialogId),
				specifyBody: 'json',
				activityJson: '{"type":"Paid","performedBy":{"actorType":"ServiceOwner"}}',
			}),
		);
		expect(type).toBeInstanceOf(NodeOperationError);
		expect(type.message).toBe('type "Paid" is not one of the allowed values');
		const actor = await failureOf(
			h.run('serviceOwner', {
				resource: 'activity',
				operation: 'create',
				dialogId: dialogLocator(dialogId),
				activityType: 'FormSaved',
				performedByActorType: 'PartyRepresentative',
			}),
		);
		expect(actor.message).toBe('A party representative needs an actor ID or a name');
		expect(h.local.stats.requests('/dialogporten')).toBe(before);
	});

	it('maps a 404 for an unknown activity', async () => {
		const error = await failureOf(
			h.run('systemUser', {
				resource: 'activity',
				operation: 'get',
				dialogId: dialogLocator(dialogId),
				activityId: '0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b',
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
	});
});

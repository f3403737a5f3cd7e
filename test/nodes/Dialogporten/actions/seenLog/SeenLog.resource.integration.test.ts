import { NodeHarness, dialogBody, dialogLocator } from '../../support/harness';

describe('Seen log: get many and get (both APIs)', () => {
	const h = new NodeHarness();
	let dialogId: string;
	beforeAll(async () => {
		await h.start({ seedDialogs: 0 });
		dialogId = await h.local.dialogs.create(dialogBody());
	});
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	it('records the end user reading the dialog, visible to both APIs', async () => {
		await h.run('systemUser', {
			resource: 'dialog',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
		});
		const user = await h.run('systemUser', {
			resource: 'seenLog',
			operation: 'getMany',
			dialogId: dialogLocator(dialogId),
		});
		expect(user).toHaveLength(1);
		expect(user[0].json).toMatchObject({
			dialogId,
			seenAt: expect.any(String),
			seenBy: expect.objectContaining({ actorType: 'PartyRepresentative' }),
		});
		const [one] = await h.run('systemUser', {
			resource: 'seenLog',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
			seenLogId: String(user[0].json.id),
		});
		expect(one.json.id).toBe(user[0].json.id);
		const owner = await h.run('serviceOwner', {
			resource: 'seenLog',
			operation: 'getMany',
			dialogId: dialogLocator(dialogId),
		});
		expect(owner.map((item) => item.json.id)).toEqual([user[0].json.id]);
		const [ownerOne] = await h.run('serviceOwner', {
			resource: 'seenLog',
			operation: 'get',
			dialogId: dialogLocator(dialogId),
			seenLogId: String(user[0].json.id),
		});
		expect(ownerOne.json.id).toBe(user[0].json.id);
	});
});

import { NodeHarness } from '../../support/harness';
import { flattenParties } from '../../../../../nodes/Dialogporten/actions/party/getMany.operation';

describe('Party → Get Many', () => {
	const h = new NodeHarness();
	beforeAll(async () => await h.start({ seedDialogs: 0 }));
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	it('lists the parties the system user may represent, one item per party', async () => {
		const out = await h.run('systemUser', { resource: 'party', operation: 'getMany' });
		expect(out.map((item) => item.json.party)).toEqual([
			'urn:altinn:organization:identifier-no:310000051',
		]);
		expect(out[0].json).toMatchObject({ name: 'BAKERIET ÅS AS', partyType: 'Organization' });
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	it('outputs all parties in one item when asked, and filters by type and text', async () => {
		const [single] = await h.run('systemUser', {
			resource: 'party',
			operation: 'getMany',
			output: 'single',
		});
		expect((single.json.authorizedParties as unknown[]).length).toBe(1);
		const none = await h.run('systemUser', {
			resource: 'party',
			operation: 'getMany',
			filters: { partyType: 'Person' },
		});
		expect(none).toEqual([]);
		const byName = await h.run('systemUser', {
			resource: 'party',
			operation: 'getMany',
			filters: { query: 'bakeriet' },
		});
		expect(byName).toHaveLength(1);
	});
});

describe('flattenParties', () => {
	const parent = {
		party: 'urn:altinn:organization:identifier-no:310000051',
		name: 'PARENT',
		subParties: [{ party: 'urn:altinn:organization:identifier-no:310000086', name: 'CHILD' }],
	};
	it('lifts sub-units next to their parent, naming the parent', () => {
		expect(flattenParties([parent] as never, true)).toEqual([
			{ party: parent.party, name: 'PARENT' },
			{
				party: 'urn:altinn:organization:identifier-no:310000086',
				name: 'CHILD',
				parentParty: parent.party,
			},
		]);
	});
	it('keeps the API shape when not flattening', () => {
		expect(flattenParties([parent] as never, false)).toEqual([parent]);
	});
});

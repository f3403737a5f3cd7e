import { NodeOperationError } from 'n8n-workflow';

import { BAKERY, NodeHarness, failureOf } from '../../support/harness';

describe('Service Resource → Get Many (end user)', () => {
	const h = new NodeHarness();
	beforeAll(async () => await h.start({ seedDialogs: 0 }));
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	it('lists the services the user is authorized for, with names in the chosen language', async () => {
		const out = await h.run('systemUser', {
			resource: 'serviceResource',
			operation: 'getMany',
			parties: BAKERY,
			simplify: true,
			outputLanguage: 'en',
		});
		const ids = out.map((item) => (item.json.serviceResource as { id: string }).id);
		expect(ids).toEqual(expect.arrayContaining(['urn:altinn:resource:ttd-dialogporten-demo']));
		const demo = out.find(
			(item) =>
				(item.json.serviceResource as { id: string }).id ===
				'urn:altinn:resource:ttd-dialogporten-demo',
		)!;
		expect((demo.json.serviceResource as { name: string }).name).toBe('Dialogporten demo service');
	});

	it('rejects a malformed party filter', async () => {
		const error = await failureOf(
			h.run('systemUser', { resource: 'serviceResource', operation: 'getMany', parties: 'bakery' }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
	});
});

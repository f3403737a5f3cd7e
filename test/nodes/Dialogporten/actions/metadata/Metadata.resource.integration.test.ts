import { NodeHarness } from '../../support/harness';

describe('Metadata (anonymous)', () => {
	const h = new NodeHarness();
	beforeAll(async () => await h.start({ seedDialogs: 0 }));
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	it('gets the search limits without a token', async () => {
		const before = h.local.stats.maskinportenGrants();
		const [item] = await h.run('serviceOwner', { resource: 'metadata', operation: 'getLimits' });
		expect(item.json).toMatchObject({
			endUserSearch: { maxPartyFilterValues: expect.any(Number) },
			serviceOwnerSearch: expect.any(Object),
		});
		expect(h.local.stats.maskinportenGrants()).toBe(before);
	});

	it('lists all service resources, one item each, names localized', async () => {
		const out = await h.run('systemUser', {
			resource: 'metadata',
			operation: 'getServiceResources',
			simplify: true,
			outputLanguage: 'nb',
		});
		const demo = out.find(
			(item) =>
				(item.json.serviceResource as { id: string }).id ===
				'urn:altinn:resource:ttd-dialogporten-demo',
		);
		expect((demo!.json.serviceResource as { name: string }).name).toBe('Dialogporten demotjeneste');
		expect(out.length).toBeGreaterThanOrEqual(3);
	});

	it('gets the dialog token keys and issuer metadata', async () => {
		const [jwks] = await h.run('systemUser', { resource: 'metadata', operation: 'getJwks' });
		expect((jwks.json.keys as Array<{ kty: string }>)[0]).toMatchObject({
			kty: expect.any(String),
			kid: expect.any(String),
		});
		const [issuer] = await h.run('systemUser', {
			resource: 'metadata',
			operation: 'getAuthorizationServer',
		});
		expect(issuer.json).toMatchObject({
			issuer: expect.any(String),
			jwks_uri: expect.stringContaining('/.well-known/jwks.json'),
		});
	});
});

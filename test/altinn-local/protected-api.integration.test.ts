// The scope-protected API: any method and path under /protected-api/{scope}/, answered only for a
// valid token carrying that scope; it names the token's issuer and caller and never echoes the token.
import {
	altinnSystemUserToken,
	fixtures,
	serviceOwnerToken,
	start,
	systemUserToken,
	type AltinnLocal,
} from './support';

let local: AltinnLocal;

beforeAll(async () => {
	local = await start({ seedDialogs: 0 });
});
afterAll(() => local.stop());

const call = (url: string, token?: string, init: RequestInit = {}) =>
	fetch(url, {
		...init,
		headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
	});

it('answers any method and path for a token with the scope named in the path', async () => {
	const token = await serviceOwnerToken(local, 'digdir:dialogporten.serviceprovider');
	const url = `${local.urls.protectedApi}/digdir:dialogporten.serviceprovider/v2/things/42?x=1&y=two`;
	const got = await call(url, token);
	expect(got.status).toBe(200);
	const body = (await got.json()) as Record<string, unknown>;
	expect(body).toEqual({
		method: 'GET',
		path: '/v2/things/42',
		query: { x: '1', y: 'two' },
		caller: {
			issuer: 'maskinporten',
			origin: 'maskinporten',
			clientId: fixtures.serviceOwnerClient.clientId,
			consumerOrg: fixtures.organizations.serviceOwner.orgNumber,
			scopes: ['digdir:dialogporten.serviceprovider'],
		},
	});
	expect(JSON.stringify(body)).not.toContain(token);

	const posted = await call(
		`${local.urls.protectedApi}/digdir:dialogporten.serviceprovider`,
		token,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ hello: 'world' }),
		},
	);
	expect(posted.status).toBe(200);
	expect(await posted.json()).toMatchObject({
		method: 'POST',
		path: '/',
		body: { hello: 'world' },
	});
	expect(local.stats.requests('/protected-api')).toBe(2);
});

it('names the system user and the issuer of an exchanged Altinn token', async () => {
	const token = await altinnSystemUserToken(local);
	const got = await call(`${local.urls.protectedApi}/digdir:dialogporten/inbox`, token);
	expect(got.status).toBe(200);
	expect(((await got.json()) as { caller: unknown }).caller).toMatchObject({
		issuer: 'altinn',
		origin: 'maskinporten',
		clientId: fixtures.systemUserClient.clientId,
		systemUserId: fixtures.systemUsers.bakery.id,
		systemUserOwnerOrg: fixtures.systemUsers.bakery.ownerOrg,
	});
});

it('refuses a missing, malformed, revoked or expired token with 401, a missing scope with 403', async () => {
	const scope = 'digdir:dialogporten';
	const url = `${local.urls.protectedApi}/${scope}/x`;
	const missing = await call(url);
	expect(missing.status).toBe(401);
	expect(missing.headers.get('www-authenticate')).toBe(`Bearer scope="${scope}"`);
	expect((await call(url, 'not-a-token')).status).toBe(401);

	const token = await systemUserToken(local);
	expect((await call(url, token)).status).toBe(200);
	local.tokens.revoke(token);
	const revoked = await call(url, token);
	expect(revoked.status).toBe(401);
	expect(revoked.headers.get('www-authenticate')).toContain('error="invalid_token"');

	const other = await serviceOwnerToken(local, 'digdir:dialogporten.serviceprovider');
	const forbidden = await call(url, other);
	expect(forbidden.status).toBe(403);
	expect(forbidden.headers.get('www-authenticate')).toBe(
		`Bearer scope="${scope}", error="insufficient_scope", error_description="The token lacks the scope ${scope}"`,
	);
	expect(await forbidden.text()).toBe('');

	const shortLived = await start({ seedDialogs: 0, tokenLifetimeSeconds: { maskinporten: 1 } });
	try {
		const expiring = await systemUserToken(shortLived);
		await new Promise((resolve) => setTimeout(resolve, 2100));
		const expired = await call(`${shortLived.urls.protectedApi}/${scope}`, expiring);
		expect(expired.status).toBe(401);
		expect(expired.headers.get('www-authenticate')).toContain('The token is expired');
	} finally {
		await shortLived.stop();
	}
});

it('takes a scope with a slash when it is percent-encoded in the path', async () => {
	const person = await local.idporten.login({
		pid: fixtures.persons.ola.pid,
		scope: 'openid digdir:dialogporten altinn:portal/enduser',
	});
	const got = await call(
		`${local.urls.protectedApi}/${encodeURIComponent('altinn:portal/enduser')}/me`,
		person.access_token,
	);
	expect(got.status).toBe(200);
	expect(((await got.json()) as { caller: unknown }).caller).toMatchObject({
		issuer: 'idporten',
		pid: fixtures.persons.ola.pid,
	});
});

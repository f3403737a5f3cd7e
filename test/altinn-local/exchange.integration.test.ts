// Altinn token exchange: raw or JSON-quoted body, claims, lifetimes, and the 401/403 cases.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
	decodeJwt,
	fixtures,
	serviceOwnerToken,
	start,
	systemUserToken,
	type AltinnLocal,
} from './support';

let local: AltinnLocal;
beforeAll(async () => {
	local = await start({ seedDialogs: 0, tokenLifetimeSeconds: { exchange: 900 } });
});
afterAll(() => local.stop());

const get = (url: string, token?: string, accept?: string) =>
	fetch(url, {
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(accept ? { accept } : {}),
		},
	});

describe('Maskinporten exchange', () => {
	it('returns the raw JWT as text by default and a JSON string with Accept: application/json', async () => {
		const token = await serviceOwnerToken(local);
		const raw = await get(local.urls.exchange.maskinporten, token);
		expect(raw.status).toBe(200);
		expect(raw.headers.get('content-type')).toMatch(/^text\/plain/);
		const rawText = await raw.text();
		expect(rawText).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);

		const quoted = await get(local.urls.exchange.maskinporten, token, 'application/json');
		expect(quoted.headers.get('content-type')).toMatch(/^application\/json/);
		const quotedText = await quoted.text();
		expect(quotedText.startsWith('"eyJ')).toBe(true);
		expect(JSON.parse(quotedText)).toMatch(/^eyJ/);
	});

	it('copies the Maskinporten claims, adds the Altinn ones, and is signed by the platform issuer', async () => {
		const token = await serviceOwnerToken(local);
		const altinn = await (await get(local.urls.exchange.maskinporten, token)).text();
		const jwks = createRemoteJWKSet(
			new URL(
				`${local.urls.platform}/authentication/api/v1/openid/.well-known/openid-configuration/jwks`,
			),
		);
		const { payload } = await jwtVerify(altinn, jwks, {
			issuer: `${local.urls.platform}/authentication/api/v1/openid/`,
		});
		const original = decodeJwt(token);
		expect(payload.scope).toBe(original.scope);
		expect(payload.consumer).toEqual(original.consumer);
		expect(payload.client_id).toBe(original.client_id);
		expect(payload.aud).toBeUndefined();
		expect(payload.client_amr).toBeUndefined();
		expect(payload['urn:altinn:org']).toBe('ttd');
		expect(payload['urn:altinn:orgNumber']).toBe(fixtures.organizations.serviceOwner.orgNumber);
		expect(payload['urn:altinn:authenticatemethod']).toBe('maskinporten');
		expect((payload.exp as number) - (payload.iat as number)).toBe(900);
		expect(local.stats.exchanges('maskinporten')).toBeGreaterThan(0);
	});

	it('keeps the system user in the exchanged token', async () => {
		const token = await systemUserToken(local);
		const altinn = await (await get(local.urls.exchange.maskinporten, token)).text();
		expect(decodeJwt(altinn).authorization_details).toEqual(decodeJwt(token).authorization_details);
		expect(decodeJwt(altinn)['urn:altinn:org']).toBeUndefined();
	});

	it('answers 401 without a token, with a revoked token, and with a token from another issuer', async () => {
		expect((await get(local.urls.exchange.maskinporten)).status).toBe(401);
		const token = await serviceOwnerToken(local);
		local.tokens.revoke(token);
		expect((await get(local.urls.exchange.maskinporten, token)).status).toBe(401);
		const fresh = await serviceOwnerToken(local);
		expect((await get(local.urls.exchange.idporten, fresh)).status).toBe(401);
		expect((await get(local.urls.exchange.maskinporten, `${fresh.slice(0, -4)}AAAA`)).status).toBe(
			401,
		);
	});

	it('answers 400 for an unknown provider and 410 for the enterprise-user header', async () => {
		const token = await serviceOwnerToken(local);
		expect(
			(await get(`${local.urls.platform}/authentication/api/v1/exchange/facebook`, token)).status,
		).toBe(400);
		const res = await fetch(local.urls.exchange.maskinporten, {
			headers: { authorization: `Bearer ${token}`, 'x-altinn-enterpriseuser-authentication': 'x' },
		});
		expect(res.status).toBe(410);
	});
});

// Altinn's token checks allow the clock skew Altinn configures (ASP.NET's ClockSkew, applied to
// `exp` and `nbf`; every check requires `exp`): Dialogporten 2 s, the token exchange 10 s, Altinn
// Events none. Tokens here come from an issuer whose clock is some seconds off.
import { fixtures, signAs, start, type AltinnLocal } from './support';

const { organizations, persons } = fixtures;
const consumer = {
	authority: 'iso6523-actorid-upis',
	ID: `0192:${organizations.serviceOwner.orgNumber}`,
};

let local: AltinnLocal;
beforeAll(async () => {
	local = await start({ seedDialogs: 3 });
});
afterAll(() => local.stop());

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function status(url: string, token: string): Promise<number> {
	const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
	await res.arrayBuffer();
	return res.status;
}

describe('Dialogporten: 2 seconds', () => {
	const search = () => `${local.urls.dialogporten}/api/v1/serviceowner/dialogs?limit=1`;
	const serviceOwner = (times: Record<string, number | undefined>) =>
		signAs(local, 'maskinporten', {
			scope: 'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search',
			client_id: fixtures.serviceOwnerClient.clientId,
			consumer,
			iat: nowSeconds(),
			...times,
		});

	it('accepts a token that becomes valid 1 s from now, refuses one 5 s from now', async () => {
		const now = nowSeconds();
		expect(await status(search(), await serviceOwner({ nbf: now + 1, exp: now + 60 }))).toBe(200);
		expect(await status(search(), await serviceOwner({ nbf: now + 5, exp: now + 60 }))).toBe(401);
	});

	it('refuses a token expired 5 s ago and a token without exp', async () => {
		expect(await status(search(), await serviceOwner({ exp: nowSeconds() - 5 }))).toBe(401);
		expect(await status(search(), await serviceOwner({ exp: undefined }))).toBe(401);
	});
});

describe('token exchange: 10 seconds', () => {
	it('exchanges a Maskinporten token expired 5 s ago, not one expired 15 s ago or without exp', async () => {
		const token = (exp: number | undefined) =>
			signAs(local, 'maskinporten', {
				scope: 'altinn:serviceowner',
				client_id: fixtures.serviceOwnerClient.clientId,
				consumer,
				iat: nowSeconds() - 60,
				exp,
			});
		const url = local.urls.exchange.maskinporten;
		expect(await status(url, await token(nowSeconds() - 5))).toBe(200);
		expect(await status(url, await token(nowSeconds() - 15))).toBe(401);
		expect(await status(url, await token(undefined))).toBe(401);
	});

	it('exchanges an ID-porten token that becomes valid 5 s from now, not 15 s from now', async () => {
		const token = (nbf: number) =>
			signAs(local, 'idporten', {
				scope: 'openid altinn:portal/enduser',
				client_id: fixtures.idPortenClient.clientId,
				pid: persons.ola.pid,
				acr: 'idporten-loa-substantial',
				consumer,
				iat: nowSeconds(),
				nbf,
				exp: nowSeconds() + 120,
			});
		const url = local.urls.exchange.idporten;
		expect(await status(url, await token(nowSeconds() + 5))).toBe(200);
		expect(await status(url, await token(nowSeconds() + 15))).toBe(401);
	});
});

describe('Altinn Events: none', () => {
	const subscriptions = () => `${local.urls.events}/subscriptions`;
	const altinnToken = (times: Record<string, number | undefined>) =>
		signAs(local, 'altinn', {
			scope: 'altinn:serviceowner altinn:events.subscribe',
			client_id: fixtures.serviceOwnerClient.clientId,
			consumer,
			'urn:altinn:org': 'ttd',
			'urn:altinn:orgNumber': organizations.serviceOwner.orgNumber,
			'urn:altinn:authenticatemethod': 'maskinporten',
			'urn:altinn:authlevel': 3,
			iat: nowSeconds(),
			...times,
		});

	it('accepts a current token; refuses one expired 1 s ago, one valid from 3 s from now, one without exp', async () => {
		const now = nowSeconds();
		expect(await status(subscriptions(), await altinnToken({ exp: now + 60 }))).toBe(200);
		expect(await status(subscriptions(), await altinnToken({ exp: now - 1 }))).toBe(401);
		expect(await status(subscriptions(), await altinnToken({ nbf: now + 3, exp: now + 60 }))).toBe(
			401,
		);
		expect(await status(subscriptions(), await altinnToken({ exp: undefined }))).toBe(401);
	});
});

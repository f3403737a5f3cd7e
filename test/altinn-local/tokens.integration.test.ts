// The record of issued tokens: every token the stand-in hands out, of every issuer, is listed once,
// so a test can look for each of them where none may appear (n8n's logs and execution data).
import { decodeJwt, fixtures, serviceOwnerToken, start, type AltinnLocal } from './support';

let local: AltinnLocal;
beforeAll(async () => {
	local = await start({ seedDialogs: 5 });
});
afterAll(() => local.stop());

it('lists the Maskinporten, ID-porten, exchanged and dialog tokens it issued, with their kind and client', async () => {
	const before = local.tokens.issued().length;
	const maskinporten = await serviceOwnerToken(local);
	const idporten = await local.idporten.login({
		scope: 'openid digdir:dialogporten altinn:portal/enduser',
	});
	const exchanged = await (
		await fetch(local.urls.exchange.idporten, {
			headers: { authorization: `Bearer ${idporten.access_token}` },
		})
	).text();
	const asOla = { headers: { authorization: `Bearer ${idporten.access_token}` } };
	const party = encodeURIComponent(fixtures.orgUrn(fixtures.organizations.bakery.orgNumber));
	const found = (await (
		await fetch(`${local.urls.dialogporten}/api/v1/enduser/dialogs?party=${party}`, asOla)
	).json()) as { items: Array<{ id: string }> };
	const dialog = (await (
		await fetch(`${local.urls.dialogporten}/api/v1/enduser/dialogs/${found.items[0].id}`, asOla)
	).json()) as { dialogToken: string };

	const issued = local.tokens.issued().slice(before);
	const find = (token: string) => issued.filter((t) => t.token === token);
	expect(find(maskinporten)).toEqual([
		expect.objectContaining({
			kind: 'maskinporten',
			clientId: fixtures.serviceOwnerClient.clientId,
		}),
	]);
	expect(find(idporten.access_token)).toEqual([
		expect.objectContaining({ kind: 'idporten', clientId: fixtures.idPortenClient.clientId }),
	]);
	expect(find(idporten.id_token)).toEqual([expect.objectContaining({ kind: 'idporten' })]);
	expect(find(idporten.refresh_token)).toEqual([
		expect.objectContaining({
			kind: 'idporten-refresh',
			clientId: fixtures.idPortenClient.clientId,
		}),
	]);
	expect(find(exchanged)).toEqual([expect.objectContaining({ kind: 'altinn' })]);
	expect(find(dialog.dialogToken)).toEqual([expect.objectContaining({ kind: 'dialogporten' })]);
	expect(decodeJwt(exchanged).iss).toBe(local.urls.platform + '/authentication/api/v1/openid/');
	for (const t of issued) expect(t.issuedAt).toBeLessThanOrEqual(Date.now());
	expect(local.tokens.issued('idporten-refresh').map((t) => t.token)).toContain(
		idporten.refresh_token,
	);
	expect(local.tokens.issued('maskinporten').map((t) => t.token)).not.toContain(
		idporten.access_token,
	);
});

it('hands out a copy: changing it changes nothing in the stand-in', async () => {
	await serviceOwnerToken(local);
	const list = local.tokens.issued();
	const count = list.length;
	list.length = 0;
	expect(local.tokens.issued()).toHaveLength(count);
});

it('counts ID-porten token responses by grant type', async () => {
	const codes = local.stats.idportenTokens('authorization_code');
	const refreshes = local.stats.idportenTokens('refresh_token');
	const total = local.stats.idportenTokens();
	const first = await local.idporten.login();
	const res = await fetch(local.urls.idporten.token, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			authorization: `Basic ${Buffer.from(`${fixtures.idPortenClient.clientId}:${fixtures.idPortenClient.clientSecret}`).toString('base64')}`,
		},
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
		}).toString(),
	});
	expect(res.status).toBe(200);
	// A refused refresh (the token was rotated away) is not counted.
	const again = await fetch(local.urls.idporten.token, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			authorization: `Basic ${Buffer.from(`${fixtures.idPortenClient.clientId}:${fixtures.idPortenClient.clientSecret}`).toString('base64')}`,
		},
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
		}).toString(),
	});
	expect(again.status).toBe(400);
	expect(local.stats.idportenTokens('authorization_code')).toBe(codes + 1);
	expect(local.stats.idportenTokens('refresh_token')).toBe(refreshes + 1);
	expect(local.stats.idportenTokens()).toBe(total + 2);
});

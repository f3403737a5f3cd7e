// The correspondence-style system behind the seed dialogs' actions: dialog tokens and access
// tokens, party authorization, and confirmation recorded as a dialog activity with its events.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { fixtures, serviceOwnerToken, start, systemUserToken, type AltinnLocal } from './support';

const bakery = `urn:altinn:organization:identifier-no:${fixtures.organizations.bakery.orgNumber}`;

let local: AltinnLocal;
let systemUser: string;
let dialogId: string;
let otherDialogId: string;
let dialogToken: string;
let endpoints: { content: string; confirm: string };

beforeAll(async () => {
	local = await start({ seedDialogs: 40 });
	systemUser = await systemUserToken(
		local,
		fixtures.organizations.bakery.orgNumber,
		undefined,
		'digdir:dialogporten altinn:correspondence.read altinn:correspondence.write',
	);
	const page = (await (
		await fetch(`${local.urls.dialogporten}/api/v1/enduser/dialogs?limit=2`, {
			headers: { authorization: `Bearer ${systemUser}` },
		})
	).json()) as { items: Array<{ id: string }> };
	[dialogId, otherDialogId] = page.items.map((i) => i.id);
	const dialog = (await (
		await fetch(`${local.urls.dialogporten}/api/v1/enduser/dialogs/${dialogId}`, {
			headers: { authorization: `Bearer ${systemUser}` },
		})
	).json()) as {
		dialogToken: string;
		apiActions: Array<{ action: string; endpoints: Array<{ url: string; httpMethod: string }> }>;
	};
	dialogToken = dialog.dialogToken;
	endpoints = {
		content: dialog.apiActions.find((a) => a.action === 'read')!.endpoints[0].url,
		confirm: dialog.apiActions.find((a) => a.action === 'confirm')!.endpoints[0].url,
	};
});
afterAll(() => local.stop());

const call = (url: string, token?: string, method = 'GET') =>
	fetch(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

it('points the seed dialogs’ API actions at the correspondence system', () => {
	expect(endpoints.content).toBe(`${local.urls.correspondence}/correspondence/${dialogId}/content`);
	expect(endpoints.confirm).toBe(`${local.urls.correspondence}/correspondence/${dialogId}/confirm`);
});

it('issues dialog tokens that verify against Dialogporten’s JWKS', async () => {
	const jwks = createRemoteJWKSet(
		new URL(`${local.urls.dialogporten}/api/v1/.well-known/jwks.json`),
	);
	const issuer = (
		(await (
			await fetch(`${local.urls.dialogporten}/api/v1/.well-known/oauth-authorization-server`)
		).json()) as { issuer: string }
	).issuer;
	const { payload, protectedHeader } = await jwtVerify(dialogToken, jwks, { issuer });
	expect(protectedHeader.alg).toBe('EdDSA');
	expect(payload).toMatchObject({
		i: dialogId,
		p: bakery,
		c: `urn:altinn:systemuser:uuid:${fixtures.systemUsers.bakery.id}`,
	});
	expect(String(payload.a).split(';')).toEqual(expect.arrayContaining(['read', 'confirm']));
});

it('serves the content with the dialog token, and not for another dialog', async () => {
	const res = await call(endpoints.content, dialogToken);
	expect(res.status).toBe(200);
	expect(await res.json()).toMatchObject({
		correspondenceId: dialogId,
		recipient: bakery,
		status: 'Published',
	});
	expect(
		(
			await call(
				`${local.urls.correspondence}/correspondence/${otherDialogId}/content`,
				dialogToken,
			)
		).status,
	).toBe(403);
	expect((await call(endpoints.content)).status).toBe(401);
	expect((await call(endpoints.content, `${dialogToken.slice(0, -3)}abc`)).status).toBe(401);
	expect(
		(
			await call(
				`${local.urls.correspondence}/correspondence/01900000-0000-7000-8000-000000000000/content`,
				dialogToken,
			)
		).status,
	).toBe(404);
});

it('serves the content with an access token that has altinn:correspondence.read for the party', async () => {
	expect((await call(endpoints.content, systemUser)).status).toBe(200);
	const withoutScope = await systemUserToken(local);
	expect((await call(endpoints.content, withoutScope)).status).toBe(403);
	const otherParty = await systemUserToken(
		local,
		fixtures.organizations.accountant.orgNumber,
		'kunde-4711',
		'digdir:dialogporten altinn:correspondence.read',
	);
	expect((await call(endpoints.content, otherParty)).status).toBe(403);
	const owner = await serviceOwnerToken(local, 'altinn:correspondence.read');
	expect((await call(endpoints.content, owner)).status).toBe(200);
});

it('records a CorrespondenceConfirmed activity on confirm, once, with its events', async () => {
	const before = local.stats.eventsPublished(
		'dialogporten.dialog.activity.correspondence-confirmed.v1',
	);
	const res = await call(endpoints.confirm, dialogToken, 'POST');
	expect(res.status).toBe(200);
	expect(await res.json()).toMatchObject({ status: 'Confirmed', confirmedAt: expect.any(String) });
	expect((await call(endpoints.confirm, dialogToken, 'POST')).status).toBe(200);
	const confirmed = local.dialogs
		.get(dialogId)!
		.details.activities.filter((a) => a.type === 'CorrespondenceConfirmed');
	expect(confirmed).toHaveLength(1);
	expect(confirmed[0].performedBy).toMatchObject({
		actorType: 'PartyRepresentative',
		actorId: `urn:altinn:systemuser:uuid:${fixtures.systemUsers.bakery.id}`,
	});
	expect(
		local.stats.eventsPublished('dialogporten.dialog.activity.correspondence-confirmed.v1'),
	).toBe(before + 1);
	const activities = (await (
		await fetch(`${local.urls.dialogporten}/api/v1/enduser/dialogs/${dialogId}/activities`, {
			headers: { authorization: `Bearer ${systemUser}` },
		})
	).json()) as Array<{ type: string }>;
	expect(activities.map((a) => a.type)).toContain('CorrespondenceConfirmed');
});

it('confirms with an access token that has altinn:correspondence.write, not with read only', async () => {
	const readOnly = await systemUserToken(
		local,
		fixtures.organizations.bakery.orgNumber,
		undefined,
		'digdir:dialogporten altinn:correspondence.read',
	);
	expect(
		(
			await call(
				`${local.urls.correspondence}/correspondence/${otherDialogId}/confirm`,
				readOnly,
				'POST',
			)
		).status,
	).toBe(403);
	expect(
		(
			await call(
				`${local.urls.correspondence}/correspondence/${otherDialogId}/confirm`,
				systemUser,
				'POST',
			)
		).status,
	).toBe(200);
});

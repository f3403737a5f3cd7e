// Shared helpers for the stand-in's own tests.
import { randomUUID } from 'node:crypto';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import {
	createGrant,
	fixtures,
	startAltinnLocal,
	type AltinnLocal,
	type AltinnLocalOptions,
	type GrantOptions,
} from '../../altinn-local';

export { fixtures, createGrant, decodeJwt };
export type { AltinnLocal };

export async function start(options: AltinnLocalOptions = {}): Promise<AltinnLocal> {
	return startAltinnLocal({ port: 0, seedDialogs: 20, ...options });
}

export const SO_SCOPES =
	'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search digdir:dialogporten.serviceprovider.changetransmissions altinn:serviceowner altinn:events.subscribe';

/**
 * A token signed with the key of one of the stand-in's issuers, carrying exactly `claims` (plus
 * `iss`, `jti`): a token as that issuer would issue it with its clock some seconds off.
 */
export async function signAs(
	local: AltinnLocal,
	issuer: 'maskinporten' | 'idporten' | 'altinn',
	claims: Record<string, unknown>,
): Promise<string> {
	const jwk = fixtures.issuerKeys[issuer];
	const iss = {
		maskinporten: local.urls.maskinporten.issuer,
		idporten: local.urls.idporten.issuer,
		altinn: `${local.urls.platform}/authentication/api/v1/openid/`,
	}[issuer];
	return new SignJWT({ iss, jti: randomUUID(), ...claims })
		.setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT' })
		.sign(await importJWK(jwk, jwk.alg));
}

export async function postGrant(
	local: AltinnLocal,
	assertion: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
	const res = await fetch(local.urls.maskinporten.token, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
			assertion,
		}).toString(),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function grant(
	local: AltinnLocal,
	client: fixtures.MaskinportenClient,
	options: Omit<GrantOptions, 'issuer'>,
) {
	return postGrant(
		local,
		await createGrant(client, { issuer: local.urls.maskinporten.issuer, ...options }),
	);
}

export async function serviceOwnerToken(
	local: AltinnLocal,
	scope = SO_SCOPES,
	client: fixtures.MaskinportenClient = fixtures.serviceOwnerClient,
): Promise<string> {
	return (await local.tokens.maskinporten(client, { scope })).access_token;
}

export async function systemUserToken(
	local: AltinnLocal,
	org = fixtures.organizations.bakery.orgNumber,
	externalRef?: string,
	scope = 'digdir:dialogporten',
): Promise<string> {
	return (
		await local.tokens.maskinporten(fixtures.systemUserClient, {
			scope,
			systemUserOrg: org,
			externalRef,
		})
	).access_token;
}

export interface Received {
	body: Record<string, unknown>;
	headers: Record<string, string | string[] | undefined>;
	path: string;
}

/** A local webhook receiver that records every POST and answers with `status(request)` (default 200). */
export async function webhookReceiver(status: (r: Received, index: number) => number = () => 200) {
	const { createServer } = await import('node:http');
	const received: Received[] = [];
	let answer = status;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const r: Received = {
				body: JSON.parse(Buffer.concat(chunks).toString() || '{}'),
				headers: req.headers,
				path: req.url ?? '',
			};
			received.push(r);
			res.statusCode = answer(r, received.length - 1);
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as { port: number }).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		events: () => received.filter((r) => r.body.type !== 'platform.events.validatesubscription'),
		answer(fn: (r: Received, index: number) => number) {
			answer = fn;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** An Altinn token (exchanged) for the service owner, with the scopes Events needs. */
export async function altinnServiceOwnerToken(local: AltinnLocal): Promise<string> {
	const mp = await serviceOwnerToken(
		local,
		'altinn:events.subscribe altinn:serviceowner digdir:dialogporten.serviceprovider',
	);
	const res = await fetch(local.urls.exchange.maskinporten, {
		headers: { authorization: `Bearer ${mp}` },
	});
	return res.text();
}

export async function altinnSystemUserToken(
	local: AltinnLocal,
	org = fixtures.organizations.bakery.orgNumber,
): Promise<string> {
	const mp = await systemUserToken(
		local,
		org,
		undefined,
		'digdir:dialogporten altinn:events.subscribe',
	);
	const res = await fetch(local.urls.exchange.maskinporten, {
		headers: { authorization: `Bearer ${mp}` },
	});
	return res.text();
}

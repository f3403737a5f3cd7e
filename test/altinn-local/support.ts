// Shared helpers for the stand-in's own tests.
import { decodeJwt } from 'jose';
import { createGrant, fixtures, startAltinnLocal, type AltinnLocal, type AltinnLocalOptions, type GrantOptions } from '../../altinn-local';

export { fixtures, createGrant, decodeJwt };
export type { AltinnLocal };

export async function start(options: AltinnLocalOptions = {}): Promise<AltinnLocal> {
	return startAltinnLocal({ port: 0, seedDialogs: 20, ...options });
}

export const SO_SCOPES = 'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search digdir:dialogporten.serviceprovider.changetransmissions altinn:serviceowner altinn:events.subscribe';

export async function postGrant(local: AltinnLocal, assertion: string): Promise<{ status: number; body: Record<string, unknown> }> {
	const res = await fetch(local.urls.maskinporten.token, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function grant(local: AltinnLocal, client: fixtures.MaskinportenClient, options: Omit<GrantOptions, 'issuer'>) {
	return postGrant(local, await createGrant(client, { issuer: local.urls.maskinporten.issuer, ...options }));
}

export async function serviceOwnerToken(local: AltinnLocal, scope = SO_SCOPES, client: fixtures.MaskinportenClient = fixtures.serviceOwnerClient): Promise<string> {
	return (await local.tokens.maskinporten(client, { scope })).access_token;
}

export async function systemUserToken(local: AltinnLocal, org = fixtures.organizations.bakery.orgNumber, externalRef?: string, scope = 'digdir:dialogporten'): Promise<string> {
	return (await local.tokens.maskinporten(fixtures.systemUserClient, { scope, systemUserOrg: org, externalRef })).access_token;
}

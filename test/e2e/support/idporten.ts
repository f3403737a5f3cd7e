/**
 * ID-porten in a real n8n: the credential as a person fills it in, n8n's OAuth2 flow as the
 * editor's "Connect my account" runs it against the stand-in, and the Dialogporten node acting as
 * the person.
 */
import type { AltinnLocal } from '../../../altinn-local';
import { idPortenClient, resources } from '../../../altinn-local/fixtures';
import type { N8nInstance } from '../harness';
import { idPortenCredential } from '../../support/credentials';
import { ours } from './harness';
import { without, type SavedCredential } from './n8n-api';

/**
 * ID-porten credential data as a person fills in the form: n8n derives the hidden authUrl,
 * accessTokenUrl and grantType from the credential's definition (and its public API refuses them).
 */
export function idPortenForm(
	local: AltinnLocal,
	options: Parameters<typeof idPortenCredential>[1],
): Record<string, unknown> {
	return without(idPortenCredential(local, options), ['authUrl', 'accessTokenUrl', 'grantType']);
}

/** n8n's OAuth2 callback, which the stand-in must know as a redirect URI of the fixture client. */
export const oauthCallbackUrl = (n8n: N8nInstance) =>
	`${n8n.baseUrl}/rest/oauth2-credential/callback`;

export interface Consent {
	authorizeUrl: URL;
	callbackStatus: number;
	callbackPage: string;
}

/**
 * n8n's OAuth2 flow as the editor's "Connect my account" runs it: ask n8n for the authorization
 * URL, open it (the stand-in's login page), consent as `pid`, and hand the redirect to n8n's
 * callback with the browser's cookies (or, with `otherBrowser`, without them).
 */
export async function connectAccount(
	n8n: N8nInstance,
	local: AltinnLocal,
	credential: SavedCredential,
	pid: string,
	options: { otherBrowser?: boolean } = {},
): Promise<Consent> {
	const authorizeUrl = new URL(
		await n8n.rest<string>('GET', `oauth2-credential/auth?id=${credential.id}`),
	);
	const page = await fetch(authorizeUrl, { redirect: 'manual' });
	const html = await page.text();
	if (page.status !== 200)
		throw new Error(`the authorization URL answered ${page.status}: ${html.slice(0, 300)}`);
	const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
	if (!requestId) throw new Error(`no login form at the authorization URL: ${html.slice(0, 300)}`);
	const consent = await fetch(`${local.baseUrl}/idporten/authorize/consent`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ request_id: requestId, pid, decision: 'approve' }).toString(),
	});
	const location = consent.headers.get('location');
	if (consent.status !== 302 || !location)
		throw new Error(`consent answered ${consent.status} ${await consent.text()}`);
	const callback = options.otherBrowser
		? await fetch(location, { redirect: 'manual' }).then(async (r) => ({
				status: r.status,
				text: await r.text(),
			}))
		: await n8n.sessionFetch('GET', location);
	return { authorizeUrl, callbackStatus: callback.status, callbackPage: callback.text };
}

/** Decoded claims of a JWT (test-side reading of tokens the stand-in issued). */
export const claimsOf = (token: string) =>
	JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
		exp: number;
		iat: number;
		scope?: string;
	};

/** The latest ID-porten access token a stand-in issued to the fixture client (id tokens carry no client_id). */
export const latestIdPortenAccessToken = (local: AltinnLocal) =>
	local.tokens
		.issued('idporten')
		.filter((t) => t.clientId === idPortenClient.clientId)
		.at(-1)!;

/** A Dialogporten node on the end-user API, signed in with an ID-porten credential. */
export const idPortenNode = (credential: SavedCredential, parameters: Record<string, unknown>) => ({
	type: ours('dialogporten'),
	typeVersion: 1,
	parameters: { api: 'enduser', authentication: 'idPortenOAuth2Api', ...parameters },
	credentials: { idPortenOAuth2Api: credential },
});

/** Parties the person may act for, then up to three dialogs of the demo service for each. */
export const partiesThenSearch = (credential: SavedCredential) => [
	{ name: 'Parties', ...idPortenNode(credential, { resource: 'party', operation: 'getMany' }) },
	{
		name: 'Search',
		...idPortenNode(credential, {
			resource: 'dialog',
			operation: 'search',
			returnAll: false,
			limit: 3,
			filters: { party: '={{ $json.party }}', serviceResource: resources.demo.urn },
		}),
	},
];

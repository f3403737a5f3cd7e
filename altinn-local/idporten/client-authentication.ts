// Client authentication at ID-porten's token endpoint: the client secret, sent the one way the
// client registered (client_secret_basic or client_secret_post), once per request.
import { timingSafeEqual } from 'node:crypto';
import type { IdPortenClient } from '../fixtures';
import { header, type Request, type Response } from '../http';
import { tokenError } from './responses';

export const AUTH_METHODS: Array<IdPortenClient['tokenEndpointAuthMethod']> = [
	'client_secret_basic',
	'client_secret_post',
];

/** How a token request authenticated the client: an error response, or the client and its method. */
export type ClientAuthentication =
	| { client: IdPortenClient; method: IdPortenClient['tokenEndpointAuthMethod'] }
	| { error: Response };

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Client authentication at the token endpoint: one method per request (RFC 6749 2.3), and only
 * the one the client registered (`token_endpoint_auth_method`); anything else is invalid_client.
 */
export function authenticateClient(
	req: Request,
	form: URLSearchParams,
	client: IdPortenClient,
): ClientAuthentication {
	const fail = (description: string) => ({
		error: tokenError(401, 'invalid_client', `Client authentication failed: ${description}`),
	});
	const authorization = header(req, 'authorization');
	const basic = authorization?.toLowerCase().startsWith('basic ') ? authorization : undefined;
	const postSecret = form.get('client_secret') ?? undefined;
	if (basic && postSecret !== undefined)
		return {
			error: tokenError(
				400,
				'invalid_request',
				'The client authenticated with more than one method (client_secret_basic and client_secret_post)',
			),
		};
	let method: IdPortenClient['tokenEndpointAuthMethod'];
	let clientId: string | undefined;
	let secret: string | undefined;
	if (basic) {
		method = 'client_secret_basic';
		const decoded = Buffer.from(basic.slice(6).trim(), 'base64').toString('utf8');
		const i = decoded.indexOf(':');
		if (i < 0) return fail('malformed Basic credentials');
		try {
			clientId = decodeURIComponent(decoded.slice(0, i));
			secret = decodeURIComponent(decoded.slice(i + 1));
		} catch {
			return fail('malformed Basic credentials');
		}
	} else if (postSecret !== undefined) {
		method = 'client_secret_post';
		clientId = form.get('client_id') ?? undefined;
		secret = postSecret;
	} else return fail('no client credentials');
	if (clientId !== client.clientId) return fail('unknown client');
	if (method !== client.tokenEndpointAuthMethod)
		return fail(
			`the client is registered for ${client.tokenEndpointAuthMethod}, the request used ${method}`,
		);
	if (!secret || !safeEqual(secret, client.clientSecret)) return fail('wrong client secret');
	return { client, method };
}

// A whole login over HTTP, as a browser and a client would do it: authorize, consent, code for
// tokens. For tests and the demo.
import { randomBytes } from 'node:crypto';
import { persons, type IdPortenClient } from '../fixtures';
import { ACR_VALUES, s256, type IdPortenTokenResponse } from './model';

export interface LoginOptions {
	pid?: string;
	scope?: string;
	acr?: string;
	redirectUri?: string;
}

/** Runs the whole authorization code flow over HTTP for a fixture person and returns the tokens. */
export async function login(
	baseUrl: string,
	client: IdPortenClient,
	options: LoginOptions = {},
): Promise<IdPortenTokenResponse> {
	const pid = options.pid ?? persons.ola.pid;
	const redirectUri = options.redirectUri ?? client.redirectUris[0];
	const verifier = randomBytes(32).toString('base64url');
	const state = randomBytes(8).toString('hex');
	const authorize = new URL(`${baseUrl}/idporten/authorize`);
	authorize.search = new URLSearchParams({
		client_id: client.clientId,
		redirect_uri: redirectUri,
		response_type: 'code',
		scope: options.scope ?? 'openid digdir:dialogporten',
		state,
		nonce: randomBytes(8).toString('hex'),
		code_challenge: s256(verifier),
		code_challenge_method: 'S256',
		acr_values: options.acr ?? ACR_VALUES[0],
		login_hint: pid,
	}).toString();
	const page = await fetch(authorize, { redirect: 'manual' });
	let location = page.headers.get('location');
	if (!location) {
		const requestId = page.headers.get('x-altinn-local-request-id');
		if (!requestId) throw new Error(`ID-porten login failed: ${page.status} ${await page.text()}`);
		const consent = await fetch(`${baseUrl}/idporten/authorize/consent`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ request_id: requestId, pid, decision: 'approve' }).toString(),
		});
		location = consent.headers.get('location');
	} else await page.text();
	const code = location ? new URL(location).searchParams.get('code') : null;
	if (!code) throw new Error(`ID-porten login did not return a code: ${location}`);
	const form: Record<string, string> = {
		grant_type: 'authorization_code',
		code,
		redirect_uri: redirectUri,
		code_verifier: verifier,
	};
	const headers: Record<string, string> = {
		'content-type': 'application/x-www-form-urlencoded',
	};
	// The client authenticates the way it is registered to.
	if (client.tokenEndpointAuthMethod === 'client_secret_basic')
		headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
	else Object.assign(form, { client_id: client.clientId, client_secret: client.clientSecret });
	const tokenRes = await fetch(`${baseUrl}/idporten/token`, {
		method: 'POST',
		headers,
		body: new URLSearchParams(form).toString(),
	});
	const body = (await tokenRes.json()) as IdPortenTokenResponse & { error?: string };
	if (!tokenRes.ok) throw new Error(`ID-porten token request failed: ${body.error}`);
	return body;
}

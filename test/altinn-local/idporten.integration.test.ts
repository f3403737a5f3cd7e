// ID-porten: authorization code flow with mandatory PKCE S256, state and nonce; the headless
// consent step; refresh-token rotation and lifetimes; the ID-porten token exchange.
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { decodeJwt, fixtures, start, type AltinnLocal } from './support';

const client = fixtures.idPortenClient;
const redirectUri = client.redirectUris[0];
const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;

let local: AltinnLocal;
beforeAll(async () => {
	local = await start({
		seedDialogs: 5,
		tokenLifetimeSeconds: { idporten: 60, idportenRefresh: 300 },
	});
});
afterAll(() => local.stop());

function pkce() {
	const verifier = randomBytes(32).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string | undefined>) {
	const url = new URL(local.urls.idporten.authorize);
	const defaults: Record<string, string> = {
		client_id: client.clientId,
		redirect_uri: redirectUri,
		response_type: 'code',
		scope: 'openid digdir:dialogporten',
		state: 's-123',
		nonce: 'n-456',
		code_challenge_method: 'S256',
	};
	for (const [k, v] of Object.entries({ ...defaults, ...params }))
		if (v !== undefined) url.searchParams.set(k, v);
	return url;
}

async function consent(requestId: string, pid: string, decision = 'approve') {
	return fetch(`${local.baseUrl}/idporten/authorize/consent`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ request_id: requestId, pid, decision }).toString(),
	});
}

async function codeFor(
	params: Record<string, string | undefined>,
	pid = fixtures.persons.kari.pid,
) {
	const page = await fetch(authorizeUrl(params), { redirect: 'manual' });
	expect(page.status).toBe(200);
	const html = await page.text();
	const requestId = /name="request_id" value="([^"]+)"/.exec(html)![1];
	expect(page.headers.get('x-altinn-local-request-id')).toBe(requestId);
	const res = await consent(requestId, pid);
	expect(res.status).toBe(302);
	return new URL(res.headers.get('location')!);
}

async function tokenRequest(form: Record<string, string>, auth: string | undefined = basic) {
	const res = await fetch(local.urls.idporten.token, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			...(auth ? { authorization: auth } : {}),
		},
		body: new URLSearchParams(form).toString(),
	});
	return { status: res.status, body: (await res.json()) as Record<string, string | number> };
}

describe('authorization code flow', () => {
	it('logs a person in through the consent form and issues verifiable tokens', async () => {
		const { verifier, challenge } = pkce();
		const callback = await codeFor({ code_challenge: challenge, acr_values: 'idporten-loa-high' });
		expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
		expect(callback.searchParams.get('state')).toBe('s-123');
		expect(callback.searchParams.get('iss')).toBe(local.urls.idporten.issuer);
		const tokens = await tokenRequest({
			grant_type: 'authorization_code',
			code: callback.searchParams.get('code')!,
			redirect_uri: redirectUri,
			code_verifier: verifier,
		});
		expect(tokens.status).toBe(200);
		expect(tokens.body).toMatchObject({
			token_type: 'Bearer',
			expires_in: 60,
			refresh_token_expires_in: 300,
			scope: 'openid digdir:dialogporten',
		});
		const jwks = createRemoteJWKSet(new URL(local.urls.idporten.jwks));
		const access = (
			await jwtVerify(tokens.body.access_token as string, jwks, {
				issuer: local.urls.idporten.issuer,
			})
		).payload;
		expect(access).toMatchObject({
			pid: fixtures.persons.kari.pid,
			acr: 'idporten-loa-high',
			scope: 'openid digdir:dialogporten',
			client_id: client.clientId,
		});
		const id = (
			await jwtVerify(tokens.body.id_token as string, jwks, {
				issuer: local.urls.idporten.issuer,
				audience: client.clientId,
			})
		).payload;
		expect(id).toMatchObject({ nonce: 'n-456', pid: fixtures.persons.kari.pid });

		const wellKnown = (await (await fetch(local.urls.idporten.wellKnown)).json()) as Record<
			string,
			unknown
		>;
		expect(wellKnown).toMatchObject({
			issuer: local.urls.idporten.issuer,
			code_challenge_methods_supported: ['S256'],
			token_endpoint: local.urls.idporten.token,
		});
	});

	it('requires PKCE S256, state and nonce', async () => {
		const errorOf = async (params: Record<string, string | undefined>) => {
			const res = await fetch(authorizeUrl(params), { redirect: 'manual' });
			expect(res.status).toBe(302);
			return new URL(res.headers.get('location')!).searchParams.get('error');
		};
		const { challenge } = pkce();
		expect(await errorOf({ code_challenge: undefined })).toBe('invalid_request');
		expect(await errorOf({ code_challenge: challenge, code_challenge_method: 'plain' })).toBe(
			'invalid_request',
		);
		expect(await errorOf({ code_challenge: challenge, state: undefined })).toBe('invalid_request');
		expect(await errorOf({ code_challenge: challenge, nonce: undefined })).toBe('invalid_request');
		expect(await errorOf({ code_challenge: challenge, scope: 'digdir:dialogporten' })).toBe(
			'invalid_scope',
		);
		expect(await errorOf({ code_challenge: challenge, scope: 'openid skatteetaten:secret' })).toBe(
			'invalid_scope',
		);
		expect(await errorOf({ code_challenge: challenge, response_type: 'token' })).toBe(
			'unsupported_response_type',
		);
	});

	it('never redirects to an unregistered redirect_uri', async () => {
		const res = await fetch(
			authorizeUrl({ code_challenge: pkce().challenge, redirect_uri: 'https://evil.example/cb' }),
			{ redirect: 'manual' },
		);
		expect(res.status).toBe(400);
		expect(res.headers.get('location')).toBeNull();
	});

	it('rejects a wrong code_verifier, a reused code, a wrong redirect_uri and bad client authentication', async () => {
		const { verifier, challenge } = pkce();
		const code = (await codeFor({ code_challenge: challenge })).searchParams.get('code')!;
		expect(
			(
				await tokenRequest({
					grant_type: 'authorization_code',
					code,
					redirect_uri: redirectUri,
					code_verifier: pkce().verifier,
				})
			).body.error,
		).toBe('invalid_grant');
		// The code was spent by the failed attempt.
		expect(
			(
				await tokenRequest({
					grant_type: 'authorization_code',
					code,
					redirect_uri: redirectUri,
					code_verifier: verifier,
				})
			).body.error,
		).toBe('invalid_grant');

		const second = pkce();
		const code2 = (await codeFor({ code_challenge: second.challenge })).searchParams.get('code')!;
		expect(
			(
				await tokenRequest({
					grant_type: 'authorization_code',
					code: code2,
					redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback',
					code_verifier: second.verifier,
				})
			).body.error,
		).toBe('invalid_grant');

		const bad = await tokenRequest(
			{
				grant_type: 'authorization_code',
				code: 'x',
				redirect_uri: redirectUri,
				code_verifier: verifier,
			},
			`Basic ${Buffer.from(`${client.clientId}:wrong`).toString('base64')}`,
		);
		expect(bad.status).toBe(401);
		expect(bad.body.error).toBe('invalid_client');
	});

	it('answers access_denied when the user cancels', async () => {
		const page = await fetch(authorizeUrl({ code_challenge: pkce().challenge }), {
			redirect: 'manual',
		});
		const res = await consent(
			page.headers.get('x-altinn-local-request-id')!,
			fixtures.persons.ola.pid,
			'deny',
		);
		const location = new URL(res.headers.get('location')!);
		expect(location.searchParams.get('error')).toBe('access_denied');
		expect(location.searchParams.get('state')).toBe('s-123');
	});

	it('skips the login page with auto-consent', async () => {
		local.idporten.setAutoConsent(fixtures.persons.per.pid);
		try {
			const { verifier, challenge } = pkce();
			const res = await fetch(authorizeUrl({ code_challenge: challenge }), { redirect: 'manual' });
			expect(res.status).toBe(302);
			const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
			const tokens = await tokenRequest({
				grant_type: 'authorization_code',
				code,
				redirect_uri: redirectUri,
				code_verifier: verifier,
			});
			expect(decodeJwt(tokens.body.access_token as string).pid).toBe(fixtures.persons.per.pid);
		} finally {
			local.idporten.setAutoConsent(undefined);
		}
	});
});

describe('token endpoint: only the client authentication the client registered', () => {
	async function freshCode(target = local) {
		const { verifier, challenge } = pkce();
		const { search } = authorizeUrl({ code_challenge: challenge });
		const page = await fetch(`${target.urls.idporten.authorize}${search}`, { redirect: 'manual' });
		const requestId = page.headers.get('x-altinn-local-request-id')!;
		await page.text();
		const res = await fetch(`${target.baseUrl}/idporten/authorize/consent`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				request_id: requestId,
				pid: fixtures.persons.kari.pid,
				decision: 'approve',
			}).toString(),
		});
		const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
		return {
			grant_type: 'authorization_code',
			code,
			redirect_uri: redirectUri,
			code_verifier: verifier,
		};
	}

	async function post(
		target: AltinnLocal,
		body: string,
		headers: Record<string, string>,
	): Promise<{ status: number; body: Record<string, unknown> }> {
		const res = await fetch(target.urls.idporten.token, { method: 'POST', headers, body });
		return { status: res.status, body: (await res.json()) as Record<string, unknown> };
	}
	const form = { 'content-type': 'application/x-www-form-urlencoded' };
	const secretInBody = { client_id: client.clientId, client_secret: client.clientSecret };

	it('the fixture client is registered for client_secret_basic, what the credential sends by default', () => {
		expect(client.tokenEndpointAuthMethod).toBe('client_secret_basic');
	});

	it('refuses client_secret_post from a client registered for client_secret_basic (invalid_client)', async () => {
		const res = await post(
			local,
			new URLSearchParams({ ...(await freshCode()), ...secretInBody }).toString(),
			form,
		);
		expect(res.status).toBe(401);
		expect(res.body.error).toBe('invalid_client');
		expect(res.body.error_description).toContain('client_secret_basic');
	});

	it('refuses a request that authenticates twice (Basic and client_secret in the body)', async () => {
		const res = await post(
			local,
			new URLSearchParams({ ...(await freshCode()), ...secretInBody }).toString(),
			{ ...form, authorization: basic },
		);
		expect(res.status).toBe(400);
		expect(res.body.error).toBe('invalid_request');
	});

	it('refuses a body that is not application/x-www-form-urlencoded (invalid_request)', async () => {
		const code = await freshCode();
		const asText = await post(local, new URLSearchParams(code).toString(), {
			'content-type': 'text/plain',
			authorization: basic,
		});
		expect(asText.status).toBe(400);
		expect(asText.body.error).toBe('invalid_request');
		expect(asText.body.error_description).toContain('application/x-www-form-urlencoded');
		const asJson = await post(local, JSON.stringify(code), {
			'content-type': 'application/json',
			authorization: basic,
		});
		expect(asJson.status).toBe(400);
		expect(asJson.body.error).toBe('invalid_request');
		// The code was not spent by the refused requests.
		expect(
			(await post(local, new URLSearchParams(code).toString(), { ...form, authorization: basic }))
				.status,
		).toBe(200);
	});

	it('takes the registered method from ALTINN_LOCAL_IDPORTEN_TOKEN_ENDPOINT_AUTH_METHOD, and shows it in /admin/fixtures', async () => {
		process.env.ALTINN_LOCAL_IDPORTEN_TOKEN_ENDPOINT_AUTH_METHOD = 'client_secret_post';
		let other: AltinnLocal | undefined;
		try {
			other = await start({ seedDialogs: 0 });
			const shown = (await (await fetch(`${other.urls.admin}/fixtures`)).json()) as {
				idPortenClient: { tokenEndpointAuthMethod: string };
				pki: { testCa: string };
			};
			expect(shown.idPortenClient.tokenEndpointAuthMethod).toBe('client_secret_post');
			expect(shown.pki.testCa).toBe(fixtures.pki.testCa);
			expect(
				(
					await post(other, new URLSearchParams(await freshCode(other)).toString(), {
						...form,
						authorization: basic,
					})
				).body.error,
			).toBe('invalid_client');
		} finally {
			delete process.env.ALTINN_LOCAL_IDPORTEN_TOKEN_ENDPOINT_AUTH_METHOD;
			await other?.stop();
		}
	});

	it('a client registered for client_secret_post: accepts it, refuses Basic (invalid_client)', async () => {
		const postClient = await start({
			seedDialogs: 0,
			idporten: { tokenEndpointAuthMethod: 'client_secret_post' },
		});
		try {
			const basicRes = await post(
				postClient,
				new URLSearchParams(await freshCode(postClient)).toString(),
				{ ...form, authorization: basic },
			);
			expect(basicRes.status).toBe(401);
			expect(basicRes.body.error).toBe('invalid_client');
			const postRes = await post(
				postClient,
				new URLSearchParams({ ...(await freshCode(postClient)), ...secretInBody }).toString(),
				form,
			);
			expect(postRes.status).toBe(200);
		} finally {
			await postClient.stop();
		}
	});
});

describe('refresh tokens', () => {
	it('rotates: the new refresh token works, the old one does not', async () => {
		const first = await local.idporten.login({ pid: fixtures.persons.ola.pid });
		const refreshed = await tokenRequest({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
		});
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
		expect(decodeJwt(refreshed.body.access_token as string).pid).toBe(fixtures.persons.ola.pid);
		expect(
			(await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).body
				.error,
		).toBe('invalid_grant');
		expect(
			(
				await tokenRequest({
					grant_type: 'refresh_token',
					refresh_token: refreshed.body.refresh_token as string,
				})
			).status,
		).toBe(200);
	});

	it('expires after the refresh-token lifetime of inactivity', async () => {
		const short = await start({
			seedDialogs: 0,
			tokenLifetimeSeconds: { idporten: 1, idportenRefresh: 1 },
		});
		try {
			const tokens = await short.idporten.login();
			expect(tokens.expires_in).toBe(1);
			await new Promise((r) => setTimeout(r, 1100));
			const res = await fetch(short.urls.idporten.token, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
				body: new URLSearchParams({
					grant_type: 'refresh_token',
					refresh_token: tokens.refresh_token,
				}).toString(),
			});
			expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
			// The access token has expired too: once past Dialogporten's 2 s of clock skew, it answers 401.
			await new Promise((r) => setTimeout(r, 2000));
			const api = await fetch(`${short.urls.dialogporten}/api/v1/enduser/parties`, {
				headers: { authorization: `Bearer ${tokens.access_token}` },
			});
			expect(api.status).toBe(401);
		} finally {
			await short.stop();
		}
	});

	it('stops working when revoked', async () => {
		const tokens = await local.idporten.login();
		local.tokens.revoke(tokens.refresh_token);
		expect(
			(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }))
				.body.error,
		).toBe('invalid_grant');
	});
});

describe('ID-porten token exchange and use', () => {
	it('answers 403 for a token without an altinn: scope', async () => {
		const tokens = await local.idporten.login({ scope: 'openid digdir:dialogporten' });
		const res = await fetch(local.urls.exchange.idporten, {
			headers: { authorization: `Bearer ${tokens.access_token}` },
		});
		expect(res.status).toBe(403);
	});

	it('exchanges a token with an altinn: scope, keeping its expiry', async () => {
		const tokens = await local.idporten.login({
			scope: 'openid digdir:dialogporten altinn:portal/enduser',
		});
		const res = await fetch(local.urls.exchange.idporten, {
			headers: { authorization: `Bearer ${tokens.access_token}` },
		});
		expect(res.status).toBe(200);
		const altinn = decodeJwt(await res.text());
		const original = decodeJwt(tokens.access_token);
		expect(altinn.exp).toBe(original.exp);
		expect(altinn['urn:altinn:userid']).toBe(fixtures.persons.ola.userId);
		expect(altinn['urn:altinn:authlevel']).toBe(3);
		expect(altinn.sub).toBeUndefined();
		expect(altinn.pid).toBe(fixtures.persons.ola.pid);
	});

	it('is accepted by Dialogporten, raw and exchanged', async () => {
		const tokens = await local.idporten.login({
			scope: 'openid digdir:dialogporten altinn:portal/enduser',
		});
		const altinn = await (
			await fetch(local.urls.exchange.idporten, {
				headers: { authorization: `Bearer ${tokens.access_token}` },
			})
		).text();
		for (const token of [tokens.access_token, altinn]) {
			const res = await fetch(`${local.urls.dialogporten}/api/v1/enduser/parties`, {
				headers: { authorization: `Bearer ${token}` },
			});
			expect(res.status).toBe(200);
		}
	});
});

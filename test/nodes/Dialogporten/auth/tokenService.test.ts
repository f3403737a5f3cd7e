import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { parseMaskinportenCredential } from '../../../../nodes/Dialogporten/auth/maskinporten';
import { TokenService } from '../../../../nodes/Dialogporten/auth/tokenService';
import { rsaMaterial, type RsaMaterial } from './keyMaterial';

let rsa: RsaMaterial;
beforeAll(() => {
	rsa = rsaMaterial('kid-1');
});

class Clock {
	time = 1_700_000_000_000;
	now = () => this.time;
	advance(ms: number) {
		this.time += ms;
	}
}

function unsignedJwt(claims: Record<string, unknown>): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
}

/**
 * Maskinporten and the Altinn exchange as one fake transport. Maskinporten tokens live
 * `mpLifetime` seconds; Altinn tokens live `altinnLifetime` seconds from the exchange.
 */
function altinn(clock: Clock, options: { mpLifetime?: number; altinnLifetime?: number } = {}) {
	const state = {
		grants: 0,
		exchanges: 0,
		exchangedWith: [] as string[],
		rejectMaskinportenTokens: new Set<string>(),
		hold: undefined as Promise<void> | undefined,
	};
	const http = async (request: IHttpRequestOptions) => {
		if (request.url.endsWith('/token')) {
			state.grants++;
			if (state.hold) await state.hold;
			const body = {
				access_token: `mp-${state.grants}`,
				expires_in: options.mpLifetime ?? 120,
				token_type: 'Bearer',
			};
			return { statusCode: 200, body: JSON.stringify(body), headers: {} };
		}
		state.exchanges++;
		const bearer = String((request.headers as Record<string, string>).Authorization).replace(
			'Bearer ',
			'',
		);
		state.exchangedWith.push(bearer);
		if (state.rejectMaskinportenTokens.has(bearer))
			return { statusCode: 401, body: '', headers: {} };
		const iat = Math.floor(clock.now() / 1000);
		const token = unsignedJwt({
			n: state.exchanges,
			iat,
			exp: iat + (options.altinnLifetime ?? 1800),
		});
		return { statusCode: 200, body: JSON.stringify(token), headers: {} };
	};
	return { state, http };
}

function credential(overrides: ICredentialDataDecryptedObject = {}) {
	return parseMaskinportenCredential({
		environment: 'test',
		clientId: 'client-1',
		grantType: 'client',
		scopes: 'digdir:dialogporten.serviceprovider',
		keyType: 'jwk',
		privateJwk: JSON.stringify(rsa.jwk),
		...overrides,
	});
}

describe('TokenService (Maskinporten)', () => {
	it('sends one grant for M executions × K concurrent items within a lifetime', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock, { mpLifetime: 120 });
		const config = credential();
		for (let execution = 0; execution < 10; execution++) {
			const tokens = await Promise.all(
				Array.from({ length: 25 }, async () => await service.maskinportenAccessToken(http, config)),
			);
			expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['mp-1']));
			clock.advance(8_000);
		}
		expect(state.grants).toBe(1);
		expect(service.counters.grants).toBe(1);
	});

	it('renews ahead of expiry: a 120 s token is replaced after 90 s', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock, { mpLifetime: 120 });
		const config = credential();
		await service.maskinportenAccessToken(http, config);
		clock.advance(89_999);
		expect((await service.maskinportenAccessToken(http, config)).token).toBe('mp-1');
		clock.advance(1);
		expect((await service.maskinportenAccessToken(http, config)).token).toBe('mp-2');
		expect(state.grants).toBe(2);
	});

	it('keeps credentials that differ apart and shares identical ones', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock);
		await service.maskinportenAccessToken(http, credential());
		await service.maskinportenAccessToken(http, credential()); // same configuration, parsed again
		await service.maskinportenAccessToken(
			http,
			credential({ scopes: 'digdir:dialogporten.serviceprovider.search' }),
		);
		expect(state.grants).toBe(2);
	});

	it('replaces a token an API refused exactly once for many concurrent refusals', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock);
		const config = credential();
		const first = await service.maskinportenAccessToken(http, config);
		const retried = await Promise.all(
			Array.from(
				{ length: 20 },
				async () => await service.maskinportenAccessToken(http, config, first.token),
			),
		);
		expect(new Set(retried.map((t) => t.token))).toEqual(new Set(['mp-2']));
		expect(state.grants).toBe(2);
	});
});

describe('TokenService (Altinn exchange)', () => {
	it('caches the Altinn token by its own exp and re-exchanges with the still-fresh Maskinporten token', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		// Maskinporten token lives 10 minutes, the Altinn token 2 minutes.
		const { state, http } = altinn(clock, { mpLifetime: 600, altinnLifetime: 120 });
		const config = credential({ exchangeToAltinn: true });
		const first = await service.maskinportenAccessToken(http, config);
		clock.advance(89_000);
		expect((await service.maskinportenAccessToken(http, config)).token).toBe(first.token);
		clock.advance(1_000); // the Altinn token is inside its 30 s margin
		const second = await service.maskinportenAccessToken(http, config);
		expect(second.token).not.toBe(first.token);
		expect(state.exchanges).toBe(2);
		expect(state.grants).toBe(1);
		expect(state.exchangedWith).toEqual(['mp-1', 'mp-1']);
	});

	it('caches a long-lived Altinn token beyond the Maskinporten token it came from', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock, { mpLifetime: 120, altinnLifetime: 1800 });
		const config = credential({ exchangeToAltinn: true });
		const first = await service.maskinportenAccessToken(http, config);
		clock.advance(20 * 60_000);
		expect((await service.maskinportenAccessToken(http, config)).token).toBe(first.token);
		expect(state).toMatchObject({ grants: 1, exchanges: 1 });
	});

	it('gets a new Maskinporten token once when the exchange rejects the cached one', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock, { mpLifetime: 600, altinnLifetime: 120 });
		const config = credential({ exchangeToAltinn: true });
		await service.maskinportenAccessToken(http, config);
		state.rejectMaskinportenTokens.add('mp-1');
		clock.advance(100_000);
		await service.maskinportenAccessToken(http, config);
		expect(state.exchangedWith).toEqual(['mp-1', 'mp-1', 'mp-2']);
		expect(state.grants).toBe(2);
	});

	it('reports the exchange refusal when the new Maskinporten token is rejected too', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock);
		state.rejectMaskinportenTokens.add('mp-1').add('mp-2');
		await expect(
			service.maskinportenAccessToken(http, credential({ exchangeToAltinn: true })),
		).rejects.toThrow('The Altinn token exchange rejected the Maskinporten token (HTTP 401)');
		expect(state).toMatchObject({ grants: 2, exchanges: 2 });
	});

	it('re-exchanges once when an API refuses the Altinn token, keeping the Maskinporten token', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock, { mpLifetime: 600 });
		const config = credential({ exchangeToAltinn: true });
		const first = await service.maskinportenAccessToken(http, config);
		const renewed = await Promise.all(
			Array.from(
				{ length: 10 },
				async () => await service.maskinportenAccessToken(http, config, first.token),
			),
		);
		expect(new Set(renewed.map((t) => t.token)).size).toBe(1);
		expect(renewed[0].token).not.toBe(first.token);
		expect(state).toMatchObject({ grants: 1, exchanges: 2 });
	});

	it('keeps exchanged and plain tokens of one client apart', async () => {
		const clock = new Clock();
		const service = new TokenService(clock.now);
		const { state, http } = altinn(clock);
		const plain = await service.maskinportenAccessToken(http, credential());
		const exchanged = await service.maskinportenAccessToken(
			http,
			credential({ exchangeToAltinn: true }),
		);
		expect(plain.token).toBe('mp-1');
		expect(exchanged.token).not.toBe('mp-1');
		// The exchange reused the cached Maskinporten token.
		expect(state).toMatchObject({ grants: 1, exchanges: 1 });
	});
});

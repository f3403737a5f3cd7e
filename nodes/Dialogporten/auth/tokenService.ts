/**
 * The one place tokens are obtained and cached. Everything a credential or node needs goes through
 * a TokenService: Maskinporten tokens (one grant per cache key and token lifetime in this process),
 * Altinn tokens exchanged from them (cached by their own `exp`, re-exchanged from the cached
 * Maskinporten token while that is fresh), and Altinn tokens exchanged from ID-porten tokens. The
 * process-wide instance lives in state.ts.
 */
import type { HttpRequest } from './http';
import { exchangeForAltinnToken } from './exchange';
import type { MaskinportenConfig } from './maskinporten';
import { requestMaskinportenToken } from './maskinportenToken';
import {
	TokenCache,
	type CachedToken,
	type Clock,
	type FetchedToken,
	type Random,
} from './tokenCache';

export interface TokenServiceCounters {
	/** Grants sent to Maskinporten. */
	grants: number;
	/** Calls to the Altinn token exchange. */
	exchanges: number;
}

/**
 * How long one request to Maskinporten or the Altinn exchange may take. n8n's HTTP helper waits
 * forever by default, and every item of every execution waiting on a token would wait with it.
 */
export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

export class TokenService {
	readonly maskinporten: TokenCache;
	readonly altinn: TokenCache;
	readonly counters: TokenServiceCounters = { grants: 0, exchanges: 0 };
	/** The bound on one token request (shorter in tests of a token endpoint that never answers). */
	requestTimeoutMs = TOKEN_REQUEST_TIMEOUT_MS;

	constructor(
		readonly now: Clock = () => Date.now(),
		random: Random = Math.random,
	) {
		this.maskinporten = new TokenCache(now, random);
		this.altinn = new TokenCache(now, random);
	}

	/**
	 * The token to send for a Maskinporten credential: the Maskinporten token, or the Altinn token
	 * exchanged from it. `rejected` is a token an API refused; it is dropped and never returned.
	 */
	async maskinportenAccessToken(
		untimed: HttpRequest,
		config: MaskinportenConfig,
		rejected?: string,
	): Promise<CachedToken> {
		const http: HttpRequest = async (options) =>
			await untimed({ timeout: this.requestTimeoutMs, ...options });
		if (!config.exchange) {
			return await this.maskinporten.obtain(
				config.maskinportenKey,
				async () => await this.grant(http, config),
				rejected,
			);
		}
		return await this.altinn.obtain(
			config.cacheKey,
			async () => await this.exchangeMaskinporten(http, config),
			rejected,
		);
	}

	/** A fresh token for this configuration if this process holds one. */
	freshToken(config: MaskinportenConfig): CachedToken | undefined {
		return (config.exchange ? this.altinn : this.maskinporten).fresh(config.cacheKey);
	}

	/** Takes over a token another process persisted, unless it is due for renewal here. */
	adoptToken(config: MaskinportenConfig, entry: CachedToken): boolean {
		return (config.exchange ? this.altinn : this.maskinporten).adopt(config.cacheKey, entry);
	}

	private async grant(http: HttpRequest, config: MaskinportenConfig): Promise<FetchedToken> {
		this.counters.grants++;
		return await requestMaskinportenToken(http, config, this.now);
	}

	private async exchangeMaskinporten(
		http: HttpRequest,
		config: MaskinportenConfig,
	): Promise<FetchedToken> {
		const key = config.maskinportenKey;
		const source = await this.maskinporten.obtain(key, async () => await this.grant(http, config));
		this.counters.exchanges++;
		let result = await exchangeForAltinnToken(
			http,
			config.exchangeUrl,
			source.token,
			'Maskinporten',
			this.now,
		);
		if (!result.ok && result.status === 401) {
			// Altinn did not accept the Maskinporten token: get a new one once and exchange again.
			const renewed = await this.maskinporten.obtain(
				key,
				async () => await this.grant(http, config),
				source.token,
			);
			this.counters.exchanges++;
			result = await exchangeForAltinnToken(
				http,
				config.exchangeUrl,
				renewed.token,
				'Maskinporten',
				this.now,
			);
		}
		if (!result.ok) throw result.error;
		return result.token;
	}

	/**
	 * An Altinn token exchanged from an ID-porten token. `exchange` performs the call (through n8n's
	 * OAuth2 handling); the result is cached under `key` until its own `exp` minus the margin.
	 */
	async idPortenAltinnToken(
		key: string,
		exchange: () => Promise<FetchedToken>,
		rejected?: string,
	): Promise<CachedToken> {
		return await this.altinn.obtain(
			key,
			async () => {
				this.counters.exchanges++;
				return await exchange();
			},
			rejected,
		);
	}
}

/**
 * A per-process token cache with single flight per key. A token is handed out only while it has
 * more than its refresh margin left (max(10 s, min(30 s, lifetime / 4))), so callers refresh ahead
 * of expiry and never send an expired token. Concurrent callers of one key share one in-flight
 * fetch. A caller that saw a token rejected passes it back as `rejected`: the entry is dropped only
 * if it still holds that token, so when many requests hit the same 401 exactly one refresh happens
 * and the others reuse its result.
 *
 * Tokens other n8n processes obtained (persisted in the credential, see `adopt`) are renewed later
 * than the process that obtained them renews its own: in queue mode every process sees the same
 * refresh time, and if all renewed at that moment each would send a grant. The process that made
 * the grant renews at the refresh time and saves the new token; the others keep the old one a
 * little longer (a random share of the margin above the 10 s minimum) and then find the new token
 * in the credential. Only if nobody renewed by then does one of them renew.
 */

export interface CachedToken {
	token: string;
	/** Milliseconds since the epoch. */
	expiresAt: number;
	/** When the token stops being handed out (expiresAt minus the refresh margin). */
	refreshAt: number;
	/** When the request that produced the token was started. */
	obtainedAt: number;
}

export interface FetchedToken {
	token: string;
	expiresAt: number;
	/** Start of the token's lifetime; defaults to the time the fetch started. */
	issuedAt?: number;
}

export const MIN_REFRESH_MARGIN_MS = 10_000;
export const MAX_REFRESH_MARGIN_MS = 30_000;

export function refreshMargin(lifetimeMs: number): number {
	return Math.max(MIN_REFRESH_MARGIN_MS, Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 4));
}

export type Clock = () => number;

/** A number in [0, 1), like Math.random. */
export type Random = () => number;

/**
 * How long after its refresh time a process keeps a token another process obtained: between half
 * and all of the margin above MIN_REFRESH_MARGIN_MS (10–20 s for tokens of 2 minutes or more;
 * none for tokens of 40 s or less), so it is still renewed at least 10 s before it expires.
 */
export function adoptedRenewalDelay(token: CachedToken, random: Random): number {
	const spare = token.expiresAt - token.refreshAt - MIN_REFRESH_MARGIN_MS;
	return spare > 0 ? (spare * (1 + random())) / 2 : 0;
}

/** A cached token and the moment this process stops handing it out. */
type Entry = CachedToken & { renewAt: number };

export class TokenCache {
	private readonly entries = new Map<string, Entry>();
	private readonly inFlight = new Map<string, Promise<CachedToken>>();

	constructor(
		private readonly now: Clock = () => Date.now(),
		private readonly random: Random = Math.random,
	) {}

	/** The cached token for `key` while this process still hands it out. */
	fresh(key: string): CachedToken | undefined {
		const entry = this.entries.get(key);
		if (entry && this.now() < entry.renewAt) return entry;
		return undefined;
	}

	/**
	 * Adopts a token obtained elsewhere (persisted in the credential by another n8n process) when
	 * the cache has nothing fresher and it is not yet due for renewal here (see
	 * adoptedRenewalDelay).
	 */
	adopt(key: string, entry: CachedToken): boolean {
		if (!(entry.refreshAt <= entry.expiresAt)) return false;
		const renewAt = entry.refreshAt + adoptedRenewalDelay(entry, this.random);
		if (!(this.now() < renewAt)) return false;
		const current = this.entries.get(key);
		if (current && current.refreshAt >= entry.refreshAt) return false;
		this.entries.set(key, { ...entry, renewAt });
		return true;
	}

	invalidate(key: string, token?: string): void {
		const entry = this.entries.get(key);
		if (entry && (token === undefined || entry.token === token)) this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}

	/**
	 * Returns a fresh token for `key`, fetching one when needed. `rejected` is a token the caller
	 * saw refused; it is never returned again.
	 */
	async obtain(
		key: string,
		fetch: () => Promise<FetchedToken>,
		rejected?: string,
	): Promise<CachedToken> {
		return await this.obtainOnce(key, fetch, rejected, false);
	}

	private async obtainOnce(
		key: string,
		fetch: () => Promise<FetchedToken>,
		rejected: string | undefined,
		joinedRejectedFetch: boolean,
	): Promise<CachedToken> {
		if (rejected) this.invalidate(key, rejected);
		const cached = this.fresh(key);
		if (cached && cached.token !== rejected) return cached;
		const pending = this.inFlight.get(key);
		if (pending) {
			const shared = await pending;
			if (shared.token !== rejected || joinedRejectedFetch) return shared;
			// The shared fetch produced the very token this caller saw refused: fetch once more.
			return await this.obtainOnce(key, fetch, rejected, true);
		}
		const started = this.now();
		const promise = (async () => {
			const fetched = await fetch();
			const issuedAt = Math.min(fetched.issuedAt ?? started, started);
			const lifetime = Math.max(0, fetched.expiresAt - issuedAt);
			const refreshAt = fetched.expiresAt - refreshMargin(lifetime);
			const entry: CachedToken = {
				token: fetched.token,
				expiresAt: fetched.expiresAt,
				refreshAt,
				obtainedAt: started,
			};
			this.entries.set(key, { ...entry, renewAt: refreshAt });
			return entry;
		})();
		this.inFlight.set(key, promise);
		try {
			return await promise;
		} finally {
			if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
		}
	}
}

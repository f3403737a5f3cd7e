/**
 * A per-process token cache with single flight per key. A token is handed out only while it has
 * more than its refresh margin left (max(10 s, min(30 s, lifetime / 4))), so callers refresh ahead
 * of expiry and never send an expired token. Concurrent callers of one key share one in-flight
 * fetch. A caller that saw a token rejected passes it back as `rejected`: the entry is dropped only
 * if it still holds that token, so when many requests hit the same 401 exactly one refresh happens
 * and the others reuse its result.
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

export class TokenCache {
	private readonly entries = new Map<string, CachedToken>();
	private readonly inFlight = new Map<string, Promise<CachedToken>>();

	constructor(private readonly now: Clock = () => Date.now()) {}

	/** The cached token for `key` if it is still ahead of its refresh margin. */
	fresh(key: string): CachedToken | undefined {
		const entry = this.entries.get(key);
		if (entry && this.now() < entry.refreshAt) return entry;
		return undefined;
	}

	/**
	 * Adopts a token obtained elsewhere (e.g. persisted by another n8n process) when it is fresh
	 * and the cache has nothing fresher.
	 */
	adopt(key: string, entry: CachedToken): boolean {
		if (!(this.now() < entry.refreshAt) || !(entry.refreshAt <= entry.expiresAt)) return false;
		const current = this.entries.get(key);
		if (current && current.refreshAt >= entry.refreshAt) return false;
		this.entries.set(key, entry);
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
			const entry: CachedToken = {
				token: fetched.token,
				expiresAt: fetched.expiresAt,
				refreshAt: fetched.expiresAt - refreshMargin(lifetime),
				obtainedAt: started,
			};
			this.entries.set(key, entry);
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

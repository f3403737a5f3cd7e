import {
	MIN_REFRESH_MARGIN_MS,
	TokenCache,
	adoptedRenewalDelay,
	refreshMargin,
	type FetchedToken,
} from '../../../../nodes/Dialogporten/auth/tokenCache';

class Clock {
	constructor(public time = 1_700_000_000_000) {}
	now = () => this.time;
	advance(ms: number) {
		this.time += ms;
	}
}

/** A token endpoint that issues numbered tokens with a fixed lifetime and can be held open. */
function issuer(clock: Clock, lifetimeMs: number) {
	const state = { issued: 0, gate: undefined as Promise<void> | undefined };
	const fetch = async (): Promise<FetchedToken> => {
		const issuedAt = clock.now();
		state.issued++;
		const token = `token-${state.issued}`;
		if (state.gate) await state.gate;
		return { token, expiresAt: issuedAt + lifetimeMs };
	};
	return { state, fetch };
}

function deferred() {
	let release!: () => void;
	const promise = new Promise<void>((resolve) => (release = resolve));
	return { promise, release };
}

describe('refreshMargin', () => {
	it('is a quarter of the lifetime, at least 10 s and at most 30 s', () => {
		expect(refreshMargin(20_000)).toBe(10_000);
		expect(refreshMargin(60_000)).toBe(15_000);
		expect(refreshMargin(120_000)).toBe(30_000);
		expect(refreshMargin(600_000)).toBe(30_000);
	});
});

describe('TokenCache', () => {
	it('serves M executions × K items inside one lifetime from one fetch', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		const { state, fetch } = issuer(clock, 120_000);
		const seen = new Set<string>();
		for (let execution = 0; execution < 20; execution++) {
			for (let item = 0; item < 50; item++) seen.add((await cache.obtain('k', fetch)).token);
			clock.advance(4_000); // 20 executions over 80 s, inside 120 s - 30 s margin
		}
		expect(state.issued).toBe(1);
		expect([...seen]).toEqual(['token-1']);
	});

	it('shares one in-flight fetch between concurrent callers of a key', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		const { state, fetch } = issuer(clock, 120_000);
		const gate = deferred();
		state.gate = gate.promise;
		const pending = Array.from({ length: 100 }, async () => await cache.obtain('k', fetch));
		await Promise.resolve();
		expect(state.issued).toBe(1);
		gate.release();
		const tokens = await Promise.all(pending);
		expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['token-1']));
		expect(state.issued).toBe(1);
	});

	it('keeps keys apart', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		const { state, fetch } = issuer(clock, 120_000);
		const [a, b] = await Promise.all([cache.obtain('a', fetch), cache.obtain('b', fetch)]);
		expect(a.token).not.toBe(b.token);
		expect(state.issued).toBe(2);
	});

	it('refreshes ahead of expiry and never hands out a token inside its margin', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		const lifetime = 120_000;
		const { state, fetch } = issuer(clock, lifetime);
		const first = await cache.obtain('k', fetch);
		expect(first.refreshAt).toBe(first.expiresAt - 30_000);

		clock.advance(lifetime - 30_000 - 1);
		expect((await cache.obtain('k', fetch)).token).toBe('token-1');
		clock.advance(1); // 30 s before expiry: refresh now
		const second = await cache.obtain('k', fetch);
		expect(second.token).toBe('token-2');
		expect(state.issued).toBe(2);

		// Walk through many lifetimes in 1 s steps: every token handed out has ≥ 10 s left.
		for (let step = 0; step < 1_000; step++) {
			const token = await cache.obtain('k', fetch);
			expect(token.expiresAt - clock.now()).toBeGreaterThanOrEqual(10_000);
			expect(token.expiresAt - clock.now()).toBeGreaterThan(refreshMargin(lifetime) - 1);
			clock.advance(1_000);
		}
		// 1 000 s at 90 s per token.
		expect(state.issued).toBe(2 + Math.floor(1_000 / 90));
	});

	it('uses a short-lived token while it has more than 10 s left', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		const { state, fetch } = issuer(clock, 20_000);
		await cache.obtain('k', fetch);
		clock.advance(9_999);
		expect((await cache.obtain('k', fetch)).token).toBe('token-1');
		clock.advance(1);
		expect((await cache.obtain('k', fetch)).token).toBe('token-2');
		expect(state.issued).toBe(2);
	});

	it('replaces a rejected token once, however many callers saw it rejected', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		const { state, fetch } = issuer(clock, 120_000);
		const first = await cache.obtain('k', fetch);
		const gate = deferred();
		state.gate = gate.promise;
		const retries = Array.from(
			{ length: 25 },
			async () => await cache.obtain('k', fetch, first.token),
		);
		gate.release();
		const renewed = await Promise.all(retries);
		expect(new Set(renewed.map((t) => t.token))).toEqual(new Set(['token-2']));
		state.gate = undefined;
		// A late caller reporting the old token gets the new one, without another fetch.
		expect((await cache.obtain('k', fetch, first.token)).token).toBe('token-2');
		expect(state.issued).toBe(2);
	});

	it('does not return a token the caller reported as rejected, even from a shared fetch', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		let calls = 0;
		const sameToken = async (): Promise<FetchedToken> => {
			calls++;
			return { token: calls === 1 ? 'stale' : `fresh-${calls}`, expiresAt: clock.now() + 120_000 };
		};
		await cache.obtain('k', sameToken);
		expect((await cache.obtain('k', sameToken, 'stale')).token).toBe('fresh-2');
	});

	it('adopts a persisted token only while it is fresh and fresher than its own', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		const now = clock.now();
		expect(
			cache.adopt('k', {
				token: 'old',
				expiresAt: now + 5_000,
				refreshAt: now - 1,
				obtainedAt: now - 100_000,
			}),
		).toBe(false);
		expect(
			cache.adopt('k', {
				token: 'p1',
				expiresAt: now + 100_000,
				refreshAt: now + 70_000,
				obtainedAt: now - 20_000,
			}),
		).toBe(true);
		expect(cache.fresh('k')?.token).toBe('p1');
		expect(
			cache.adopt('k', {
				token: 'p0',
				expiresAt: now + 50_000,
				refreshAt: now + 20_000,
				obtainedAt: now - 70_000,
			}),
		).toBe(false);
		expect(cache.fresh('k')?.token).toBe('p1');
	});

	it('renews a token another process obtained later than that process renews it', async () => {
		// Two n8n processes: A obtained the token, B took it over from the credential.
		const clock = new Clock();
		const a = new TokenCache(clock.now);
		const b = new TokenCache(clock.now, () => 0);
		const { state, fetch } = issuer(clock, 120_000);
		const t1 = await a.obtain('k', fetch);
		expect(b.adopt('k', t1)).toBe(true);
		clock.advance(t1.refreshAt - clock.now());
		// A renews at the refresh time; B still hands out the token it took over.
		expect(a.fresh('k')).toBeUndefined();
		expect(b.fresh('k')?.token).toBe('token-1');
		const t2 = await a.obtain('k', fetch);
		expect(state.issued).toBe(2);
		// B finds A's new token in the credential before its own renewal time: no grant of its own.
		clock.advance(9_999);
		expect(b.fresh('k')?.token).toBe('token-1');
		expect(b.adopt('k', t2)).toBe(true);
		expect(b.fresh('k')?.token).toBe('token-2');
		expect(state.issued).toBe(2);
	});

	it('renews a token taken over at least 10 s before it expires when nobody else did', async () => {
		const clock = new Clock();
		const now = clock.now();
		const token = {
			token: 'p',
			expiresAt: now + 120_000,
			refreshAt: now + 90_000,
			obtainedAt: now,
		};
		for (const random of [0, 0.5, 0.999999]) {
			const delay = adoptedRenewalDelay(token, () => random);
			expect(delay).toBeGreaterThanOrEqual(10_000);
			expect(token.refreshAt + delay).toBeLessThanOrEqual(token.expiresAt - MIN_REFRESH_MARGIN_MS);
		}
		const cache = new TokenCache(clock.now, () => 0.5);
		expect(cache.adopt('k', token)).toBe(true);
		clock.advance(90_000 + 15_000 - 1);
		expect(cache.fresh('k')?.token).toBe('p');
		clock.advance(1);
		expect(cache.fresh('k')).toBeUndefined();
		// The same token is not taken over again once it is due here.
		expect(cache.adopt('k', token)).toBe(false);
		// Tokens whose margin is the 10 s minimum get no extra time.
		expect(adoptedRenewalDelay({ ...token, refreshAt: token.expiresAt - 10_000 }, () => 0.9)).toBe(
			0,
		);
	});

	it('does not cache a failed fetch', async () => {
		const clock = new Clock();
		const cache = new TokenCache(clock.now);
		let calls = 0;
		const failing = async (): Promise<FetchedToken> => {
			calls++;
			if (calls === 1) throw new Error('refused');
			return { token: 'ok', expiresAt: clock.now() + 60_000 };
		};
		await expect(cache.obtain('k', failing)).rejects.toThrow('refused');
		expect((await cache.obtain('k', failing)).token).toBe('ok');
	});
});

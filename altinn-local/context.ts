// Shared state of one running stand-in: resolved options, issuers, counters, timers and the
// record of spec violations. Every service module gets the same Context.
import type { SpecValidator } from './spec';
import type { TokenService } from './tokens';

export interface TokenLifetimes {
	/** Maskinporten access tokens (`expires_in`). Default 120 s. */
	maskinporten?: number;
	/** ID-porten access tokens. Default 120 s (ID-porten's standard `access_token_lifetime`). */
	idporten?: number;
	/** ID-porten refresh-token inactivity lifetime. Default 600 s. */
	idportenRefresh?: number;
	/** ID-porten total authorization lifetime (refresh tokens stop working after it). Default 7200 s. */
	idportenAuthorization?: number;
	/** Altinn tokens exchanged from Maskinporten tokens. Default 1800 s (`JwtValidityMinutes` 30). */
	exchange?: number;
	/** Dialogporten dialog tokens. Default 600 s. */
	dialogToken?: number;
}

export interface ResolvedOptions {
	timeScale: number;
	validateSpec: boolean;
	quiet: boolean;
	lifetimes: Required<TokenLifetimes>;
}

export interface SpecViolation {
	operationId: string;
	direction: 'request' | 'response';
	message: string;
}

export class Counters {
	private readonly counts = new Map<string, number>();

	increment(name: string, key = ''): void {
		const k = `${name}\u0000${key}`;
		this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
	}

	/** Count for a name, for one key or summed over all keys. */
	get(name: string, key?: string): number {
		if (key !== undefined) return this.counts.get(`${name}\u0000${key}`) ?? 0;
		let total = 0;
		for (const [k, v] of this.counts) if (k.startsWith(`${name}\u0000`)) total += v;
		return total;
	}

	/** Sum over keys that start with a prefix (used for request counts by path prefix). */
	sumPrefix(name: string, prefix: string): number {
		let total = 0;
		for (const [k, v] of this.counts) if (k.startsWith(`${name}\u0000${prefix}`)) total += v;
		return total;
	}

	reset(): void {
		this.counts.clear();
	}
}

export class Context {
	readonly counters = new Counters();
	readonly specViolations: SpecViolation[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();
	stopped = false;

	constructor(
		public readonly baseUrl: string,
		public readonly options: ResolvedOptions,
		public readonly tokens: TokenService,
		public readonly spec: SpecValidator,
	) {}

	log(message: string): void {
		if (!this.options.quiet) process.stderr.write(`[altinn-local] ${message}\n`);
	}

	/** Seconds of modelled time → real milliseconds, scaled by `timeScale`. */
	scaled(seconds: number): number {
		return Math.max(0, Math.round(seconds * 1000 * this.options.timeScale));
	}

	/** A timer that is cleared when the stand-in stops. */
	schedule(fn: () => void, ms: number): void {
		if (this.stopped) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.stopped) fn();
		}, ms);
		timer.unref?.();
		this.timers.add(timer);
	}

	clearTimers(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}
}

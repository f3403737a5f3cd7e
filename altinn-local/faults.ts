// Fault injection: make a fraction of requests under a path prefix fail (429 with Retry-After, 503
// with Retry-After as Dialogporten declares it, 500), hang, drop the connection, or arrive late; or
// handle them and then lose the answer (`lost-response`: the write happened, the client never hears)
// or cut it off after the headers and part of the body (`truncate`: a reset mid-response); or refuse
// the bearer token as expired (`expired-token`, a 401).
// Rules are set from code, from the ALTINN_LOCAL_FAULTS environment variable (a JSON rule or array
// of rules) or through `/admin/faults`.
import { empty, text, type Response } from './http';

export type FaultKind =
	| '429'
	| '503'
	| '500'
	| 'hang'
	| 'reset'
	| 'latency'
	| 'truncate'
	| 'lost-response'
	| 'expired-token';

const FAULT_KINDS: readonly string[] = [
	'429',
	'503',
	'500',
	'hang',
	'reset',
	'latency',
	'truncate',
	'lost-response',
	'expired-token',
];

export interface FaultRule {
	kind: FaultKind;
	/** Requests whose path starts with this prefix are affected (default: every path except /admin). */
	pathPrefix?: string;
	/** Only these methods (default: all). */
	methods?: string[];
	/** Share of matching requests that get the fault, 0–1 (default 1). */
	fraction?: number;
	/** Stop after this many injected faults (default: unlimited). */
	times?: number;
	/** Retry-After for 429/503, in seconds (default 1). */
	retryAfterSeconds?: number;
	/** Added delay for `latency` (the request is then handled normally), in ms (default 100). */
	latencyMs?: number;
}

interface ActiveRule extends FaultRule {
	injected: number;
}

/** What happens to the answer of a request that is handled normally. */
export type AfterHandling = 'truncate' | 'lost-response';

export type FaultDecision =
	{ response: Response } | { delayMs: number; after?: AfterHandling } | undefined;

export function parseFaultRules(value: unknown): FaultRule[] {
	const list = Array.isArray(value) ? value : [value];
	return list.map((raw) => {
		const r = raw as FaultRule;
		if (!r || typeof r !== 'object' || !FAULT_KINDS.includes(String(r.kind))) {
			throw new Error(
				`Invalid fault rule ${JSON.stringify(raw)}: kind must be one of ${FAULT_KINDS.join(', ')}`,
			);
		}
		if (
			r.fraction !== undefined &&
			(typeof r.fraction !== 'number' || r.fraction < 0 || r.fraction > 1)
		)
			throw new Error('fraction must be between 0 and 1');
		return { ...r, kind: String(r.kind) as FaultKind };
	});
}

export class Faults {
	private rules: ActiveRule[] = [];
	injected = 0;

	/** Replaces all rules. */
	set(rules: FaultRule | FaultRule[]): void {
		this.rules = parseFaultRules(rules).map((r) => ({ ...r, injected: 0 }));
	}

	add(rule: FaultRule): void {
		this.rules.push(...parseFaultRules(rule).map((r) => ({ ...r, injected: 0 })));
	}

	clear(): void {
		this.rules = [];
	}

	list(): Array<FaultRule & { injected: number }> {
		return this.rules.map((r) => ({ ...r }));
	}

	decide(method: string, path: string): FaultDecision {
		if (path.startsWith('/admin')) return undefined;
		let delayMs = 0;
		let after: AfterHandling | undefined;
		for (const rule of this.rules) {
			if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
			if (rule.methods && !rule.methods.map((m) => m.toUpperCase()).includes(method.toUpperCase()))
				continue;
			if (rule.times !== undefined && rule.injected >= rule.times) continue;
			if (Math.random() >= (rule.fraction ?? 1)) continue;
			rule.injected++;
			this.injected++;
			const retryAfter = rule.retryAfterSeconds ?? 1;
			switch (rule.kind) {
				case 'latency':
					delayMs += rule.latencyMs ?? 100;
					continue;
				case 'truncate':
				case 'lost-response':
					after ??= rule.kind;
					continue;
				case '429':
					return {
						response: text(429, 'Too Many Requests', { 'retry-after': String(retryAfter) }),
					};
				case '503':
					// Dialogporten declares Retry-After as an RFC 1123 date.
					return {
						response: text(503, 'Service Unavailable', {
							'retry-after': new Date(Date.now() + retryAfter * 1000).toUTCString(),
						}),
					};
				case '500':
					return { response: text(500, 'Internal Server Error') };
				case 'expired-token':
					// What Altinn's JwtBearer answers when the token's exp has passed by its own clock (a
					// client whose clock is late sends a token it still thinks is fresh).
					return {
						response: empty(401, {
							'www-authenticate':
								'Bearer error="invalid_token", error_description="The token is expired"',
						}),
					};
				case 'hang':
					return { response: { ...empty(0), hang: true } };
				case 'reset':
					return { response: { ...empty(0), reset: true } };
			}
		}
		return delayMs > 0 || after ? { delayMs, ...(after ? { after } : {}) } : undefined;
	}
}

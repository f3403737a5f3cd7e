/**
 * Everything the auth code keeps for the life of the process, in one place:
 *
 * - the TokenService: the Maskinporten and Altinn token caches, each with its single-flight map
 *   of fetches in progress (Altinn tokens exchanged from Maskinporten or ID-porten tokens included),
 *   and its counters;
 * - the ID-porten token refreshes in progress (one per ID-porten token: a refresh token may be
 *   single-use);
 * - the signing keys parsed from credentials (keyed by a hash of the credential's key fields).
 *
 * `setTokenService` starts all of it afresh.
 */
import type { SigningKey } from './keys';
import { TokenService } from './tokenService';

let tokenService = new TokenService();
const idPortenRefreshes = new Map<string, Promise<unknown>>();
const signingKeys = new Map<string, SigningKey>();
const MAX_SIGNING_KEYS = 64;

/** The process-wide service every credential and node shares. */
export function getTokenService(): TokenService {
	return tokenService;
}

/**
 * Replaces the process-wide service and forgets every other piece of state above (tests use this
 * for a controlled clock and fresh counters); returns the previous service.
 */
export function setTokenService(service: TokenService): TokenService {
	const previous = tokenService;
	tokenService = service;
	idPortenRefreshes.clear();
	signingKeys.clear();
	return previous;
}

/** Runs `refresh` for the ID-porten token behind `key` unless a refresh of it is already running. */
export async function refreshIdPortenTokenOnce(
	key: string,
	refresh: () => Promise<unknown>,
): Promise<void> {
	const running = idPortenRefreshes.get(key) ?? refresh();
	idPortenRefreshes.set(key, running);
	try {
		await running;
	} finally {
		idPortenRefreshes.delete(key);
	}
}

/** The key parsed earlier from the same input (`id`), or the one `parse` returns now. */
export function signingKeyFor(id: string, parse: () => SigningKey): SigningKey {
	const known = signingKeys.get(id);
	if (known) return known;
	const key = parse();
	if (signingKeys.size >= MAX_SIGNING_KEYS) {
		signingKeys.delete(signingKeys.keys().next().value as string);
	}
	signingKeys.set(id, key);
	return key;
}

/**
 * The per-activation secret of the trigger's Altinn Events subscriptions: kept in static data only
 * as its SHA-256, and compared with what a push carries in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** SHA-256 of a secret, hex. */
export function hashSecret(secret: string): string {
	return digest(secret).toString('hex');
}

/**
 * Whether `actual` is the secret whose hash is `expectedHash`. Comparing digests makes the time
 * independent of the content and of the lengths.
 */
export function secretMatchesHash(expectedHash: string, actual: unknown): boolean {
	if (typeof actual !== 'string' || actual === '') return false;
	const expected = Buffer.from(expectedHash, 'hex');
	return expected.length === 32 && timingSafeEqual(expected, digest(actual));
}

/**
 * Checks on the values that go into a Maskinporten grant, so a typo is reported in plain words
 * before anything is sent (Maskinporten would answer with MP-110/MP-302/MP-303 and a trace id).
 */
import { UserError } from 'n8n-workflow';

const ORG_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** True when the 9-digit Norwegian organization number passes the Brønnøysund mod-11 check. */
export function isValidOrgNumber(digits: string): boolean {
	if (!/^\d{9}$/.test(digits)) return false;
	const sum = ORG_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
	const remainder = sum % 11;
	const check = remainder === 0 ? 0 : 11 - remainder;
	return check !== 10 && check === Number(digits[8]);
}

/**
 * Accepts `999888777` or the ISO 6523 form `0192:999888777` (spaces ignored) and returns the nine
 * digits.
 */
export function parseOrgNumber(value: unknown, label: string): string {
	const text =
		typeof value === 'string'
			? value.replace(/\s+/g, '')
			: typeof value === 'number'
				? String(value)
				: '';
	if (text === '') throw new UserError(`${label} is required`);
	const digits = text.startsWith('0192:') ? text.slice(5) : text;
	if (!/^\d{9}$/.test(digits)) {
		throw new UserError(
			`${label} "${text}" must be a 9-digit organization number (optionally prefixed 0192:)`,
		);
	}
	if (!isValidOrgNumber(digits)) {
		throw new UserError(
			`${label} "${digits}" is not a valid organization number (the mod-11 check digit does not match)`,
		);
	}
	return digits;
}

/** Altinn's documented charset for a system user's external reference. */
const EXTERNAL_REF = /^[a-zA-Z0-9øØæÆåÅ_-]+$/;

/** Returns the external reference, or undefined when the field is empty. */
export function parseExternalRef(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') return undefined;
	if (text.length > 255) {
		throw new UserError(
			`External Reference is ${text.length} characters long; Altinn allows at most 255`,
		);
	}
	if (!EXTERNAL_REF.test(text)) {
		const bad = [...new Set([...text].filter((c) => !EXTERNAL_REF.test(c)))]
			.map((c) => JSON.stringify(c))
			.join(', ');
		throw new UserError(
			`External Reference contains characters Altinn does not allow (${bad}); use only a-z, A-Z, 0-9, æ, ø, å, Æ, Ø, Å, _ and -`,
		);
	}
	return text;
}

/** Splits a space-separated scope list; rejects an empty list and comma-separated input. */
export function parseScopes(value: unknown): string[] {
	const text = typeof value === 'string' ? value.trim() : '';
	const scopes = text.split(/\s+/).filter((s) => s !== '');
	if (scopes.length === 0) {
		throw new UserError(
			'Scopes is empty: Maskinporten requires at least one scope (for example digdir:dialogporten.serviceprovider)',
		);
	}
	if (scopes.some((s) => s.includes(','))) {
		throw new UserError('Scopes must be separated by spaces, not commas');
	}
	return [...new Set(scopes)];
}

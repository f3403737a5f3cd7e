/**
 * Output simplification: Dialogporten sends every human-readable text as a list of translations
 * (`[{ languageCode, value }]`), often wrapped in a content value (`{ mediaType, value: [...] }`).
 * Simplified output picks one language (with fallback) and puts plain strings in their place,
 * keeping every other field as the API sent it.
 */
import type { IDataObject } from 'n8n-workflow';

export type OutputLanguage = 'nb' | 'nn' | 'en';

export const LANGUAGE_FALLBACK: Record<OutputLanguage, OutputLanguage[]> = {
	nb: ['nb', 'nn', 'en'],
	nn: ['nn', 'nb', 'en'],
	en: ['en', 'nb', 'nn'],
};

/** A translation as the generated types describe it (every schema property is optional there). */
export interface LocalizationLike {
	languageCode?: string;
	value?: string;
}

function isLocalization(value: unknown): value is LocalizationLike {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	return (
		keys.length === 2 &&
		typeof (value as LocalizationLike).languageCode === 'string' &&
		typeof (value as LocalizationLike).value === 'string'
	);
}

export function isLocalizationList(value: unknown): value is LocalizationLike[] {
	return Array.isArray(value) && value.length > 0 && value.every(isLocalization);
}

function isContentValue(
	value: unknown,
): value is { mediaType: string; value: LocalizationLike[] | null } {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	const record = value as Record<string, unknown>;
	if (typeof record.mediaType !== 'string' || !('value' in record)) return false;
	if (
		!Object.keys(record).every(
			(key) => key === 'mediaType' || key === 'value' || key === 'isAuthorized',
		)
	)
		return false;
	return (
		record.value === null ||
		isLocalizationList(record.value) ||
		(Array.isArray(record.value) && record.value.length === 0)
	);
}

/** Picks the text in `language`, falling back nb → nn → en, then whatever comes first. */
export function pickLocalized(
	list: LocalizationLike[] | null | undefined,
	language: OutputLanguage,
): string | null {
	if (!list || list.length === 0) return null;
	const normalized = (code: string | undefined) => (code ?? '').toLowerCase().split(/[-_]/)[0];
	for (const wanted of LANGUAGE_FALLBACK[language]) {
		const hit = list.find((entry) => normalized(entry.languageCode) === wanted);
		if (hit) return hit.value ?? null;
	}
	// Norwegian without a written standard ("no") reads as Bokmål for Norwegian requests.
	const norwegian = list.find((entry) => normalized(entry.languageCode) === 'no');
	if (norwegian && language !== 'en') return norwegian.value ?? null;
	return list[0].value ?? null;
}

/**
 * Replaces every localized text in `data` with a string in `language`. A content value whose
 * media type is not plain text (markdown, an embed URL) also gets a sibling `<name>MediaType`.
 */
export function simplifyLocalizations<T>(data: T, language: OutputLanguage): T {
	const walk = (value: unknown): unknown => {
		if (Array.isArray(value)) {
			if (isLocalizationList(value)) return pickLocalized(value, language);
			return value.map(walk);
		}
		if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
		const result: IDataObject = {};
		for (const [key, child] of Object.entries(value as IDataObject)) {
			if (isContentValue(child)) {
				result[key] = pickLocalized(child.value, language);
				if (child.mediaType && child.mediaType !== 'text/plain')
					result[`${key}MediaType`] = child.mediaType;
				continue;
			}
			result[key] = walk(child) as IDataObject[keyof IDataObject];
		}
		return result;
	};
	return walk(data) as T;
}

/** Builds a localized text list from a single value, as the API expects on input. */
export function localized(value: string, languageCode: string): Array<Required<LocalizationLike>> {
	return [{ languageCode, value }];
}

/** A status as a person reads it: "RequiresAttention" → "Requires attention". */
export function statusInWords(status: string): string {
	const words = status.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

// Accept-Language: which languages a caller prefers, and localized texts pruned to them.
import type { Localization } from './model';

export interface AcceptedLanguage {
	code: string;
	weight: number;
}

export function parseAcceptLanguage(header: string | undefined): AcceptedLanguage[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
			return { code: tag.trim().toLowerCase().split('-')[0], weight: q ? Number(q[1]) : 1 };
		})
		.filter((l) => l.code && l.code !== '*' && l.weight > 0)
		.sort((a, b) => b.weight - a.weight);
}

function isLocalizationArray(value: unknown): value is Localization[] {
	return (
		Array.isArray(value) &&
		value.length > 0 &&
		value.every(
			(v) =>
				v &&
				typeof v === 'object' &&
				typeof (v as Localization).languageCode === 'string' &&
				typeof (v as Localization).value === 'string' &&
				Object.keys(v).length === 2,
		)
	);
}

/**
 * Prunes every localized text to the caller's preferred language: the accepted language with the
 * highest weight that the text has is kept; a text in none of the accepted languages is returned
 * whole. (Which entries Dialogporten keeps is not specified further; this is the stand-in's choice.)
 */
export function pruneLocalizations<T>(value: T, languages: AcceptedLanguage[]): T {
	if (languages.length === 0) return value;
	const walk = (v: unknown): unknown => {
		if (isLocalizationArray(v)) {
			for (const lang of languages) {
				const match = v.filter((l) => l.languageCode.toLowerCase().split('-')[0] === lang.code);
				if (match.length) return match.slice(0, 1);
			}
			return v;
		}
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') {
			const out: Record<string, unknown> = {};
			for (const [k, x] of Object.entries(v)) out[k] = walk(x);
			return out;
		}
		return v;
	};
	return walk(value) as T;
}

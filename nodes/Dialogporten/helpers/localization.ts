/** Texts in the API's localized form: one language's value, or one language set among others. */
import type { ContentValue, Localization } from './interfaces';

export function localizedText(value: string, language: string): Localization[] {
	return [{ languageCode: language, value }];
}

export function contentValue(
	value: string,
	language: string,
	mediaType = 'text/plain',
): ContentValue {
	return { mediaType, value: localizedText(value, language) };
}

/** Sets one language's text in an existing list of translations, keeping the others. */
export function withTranslation(
	existing: Localization[] | null | undefined,
	value: string,
	language: string,
): Localization[] {
	const others = (existing ?? []).filter((entry) => entry.languageCode !== language);
	return [...others, { languageCode: language, value }];
}

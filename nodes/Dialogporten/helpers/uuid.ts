/** The one UUID pattern of the package: dialog, activity, transmission and revision IDs. */
export const UUID_PATTERN =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const WHOLE = new RegExp(`^${UUID_PATTERN}$`);
const ANYWHERE = new RegExp(UUID_PATTERN);

export function isUuid(text: string): boolean {
	return WHOLE.test(text);
}

/** The first UUID in a text (a URL, an event source), if there is one. */
export function findUuid(text: string): string | undefined {
	return ANYWHERE.exec(text)?.[0];
}

/**
 * Dialog actions and content references: finding them in a dialog, choosing an endpoint, and
 * turning the service owner's response into n8n items (JSON, text or a binary file).
 */
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type {
	AnyDialog,
	ApiAction,
	ApiActionEndpoint,
	GuiAction,
	Localization,
} from './interfaces';
import { pickLocalized, type OutputLanguage } from './simplify';
import type { InputValidator } from './validation';

export const UNAUTHORIZED_URL = 'urn:dialogporten:unauthorized';
export const EXPIRED_URL = 'urn:dialogporten:expired';

export type FoundAction = { kind: 'api'; action: ApiAction } | { kind: 'gui'; action: GuiAction };

/**
 * Finds an action by ID, then by name, then by its authorization action (e.g. "read"); "gui:<action>"
 * names a GUI action whose authorization action an API action shares.
 */
export function findAction(dialog: AnyDialog, selector: string): FoundAction | undefined {
	const wanted = selector.trim();
	const lower = wanted.toLowerCase();
	const api = (dialog.apiActions ?? []) as ApiAction[];
	const gui = (dialog.guiActions ?? []) as GuiAction[];
	const byId =
		api.find((action) => action.id === wanted) ?? gui.find((action) => action.id === wanted);
	if (byId)
		return 'endpoints' in byId
			? { kind: 'api', action: byId as ApiAction }
			: { kind: 'gui', action: byId as GuiAction };
	if (lower.startsWith('gui:')) {
		const guiAction = gui.find((action) => `gui:${action.action ?? ''}`.toLowerCase() === lower);
		return guiAction ? { kind: 'gui', action: guiAction } : undefined;
	}
	const apiByName = api.find((action) => (action.name ?? '').toLowerCase() === lower);
	if (apiByName) return { kind: 'api', action: apiByName };
	const apiByAction = api.find((action) => (action.action ?? '').toLowerCase() === lower);
	if (apiByAction) return { kind: 'api', action: apiByAction };
	const guiByAction = gui.find((action) => (action.action ?? '').toLowerCase() === lower);
	if (guiByAction) return { kind: 'gui', action: guiByAction };
	return undefined;
}

/**
 * Picks the endpoint: by ID or version when given, otherwise the first that is neither
 * deprecated nor past its sunset date (falling back to the first one).
 */
export function chooseEndpoint(
	action: ApiAction,
	selector: string,
	now = Date.now(),
): ApiActionEndpoint | undefined {
	const endpoints = (action.endpoints ?? []) as ApiActionEndpoint[];
	const wanted = selector.trim();
	if (wanted)
		return endpoints.find((endpoint) => endpoint.id === wanted || endpoint.version === wanted);
	const usable = endpoints.filter(
		(endpoint) =>
			!endpoint.deprecated && !(endpoint.sunsetAt && Date.parse(endpoint.sunsetAt) < now),
	);
	return usable[0] ?? endpoints[0];
}

export function describeAction(found: FoundAction, language: OutputLanguage): IDataObject {
	if (found.kind === 'gui') {
		const action = found.action;
		return {
			kind: 'gui',
			id: action.id,
			action: action.action,
			url: action.url,
			httpMethod: action.httpMethod,
			priority: action.priority,
			title: pickLocalized(action.title as Localization[] | null, language),
			prompt: pickLocalized(action.prompt as Localization[] | null, language),
			isAuthorized: action.isAuthorized ?? null,
			isDeleteDialogAction: action.isDeleteDialogAction,
			authorizationAttribute: action.authorizationAttribute ?? null,
		};
	}
	const action = found.action;
	return {
		kind: 'api',
		id: action.id,
		action: action.action,
		name: action.name ?? null,
		isAuthorized: action.isAuthorized ?? null,
		authorizationAttribute: action.authorizationAttribute ?? null,
		endpoints: (action.endpoints ?? []) as unknown as IDataObject[],
	};
}

/** All content URLs of a dialog, for pickers: main content, attachments, transmission content. */
export function contentReferences(
	dialog: AnyDialog,
	language: OutputLanguage,
): Array<{ name: string; url: string; kind: string; id?: string }> {
	const result: Array<{ name: string; url: string; kind: string; id?: string }> = [];
	const main = dialog.content?.mainContentReference?.value;
	if (main?.length) {
		result.push({
			name: 'Main content',
			url: pickLocalized(main, language) ?? '',
			kind: 'mainContentReference',
		});
	}
	for (const attachment of dialog.attachments ?? []) {
		const label =
			pickLocalized(attachment.displayName ?? null, language) ?? attachment.name ?? attachment.id;
		for (const url of attachment.urls ?? []) {
			result.push({
				name: `Attachment: ${label} (${url.consumerType}${url.mediaType ? `, ${url.mediaType}` : ''})`,
				url: url.url ?? '',
				kind: 'attachment',
				id: attachment.id,
			});
		}
	}
	for (const transmission of dialog.transmissions ?? []) {
		const title =
			pickLocalized(transmission.content?.title?.value ?? null, language) ?? transmission.id;
		const reference = transmission.content?.contentReference?.value;
		if (reference?.length) {
			result.push({
				name: `Transmission content: ${title}`,
				url: pickLocalized(reference, language) ?? '',
				kind: 'transmissionContentReference',
				id: transmission.id,
			});
		}
		for (const attachment of transmission.attachments ?? []) {
			const label =
				pickLocalized(attachment.displayName ?? null, language) ?? attachment.name ?? attachment.id;
			for (const url of attachment.urls ?? []) {
				result.push({
					name: `Transmission attachment: ${title} / ${label} (${url.consumerType})`,
					url: url.url ?? '',
					kind: 'attachment',
					id: attachment.id,
				});
			}
		}
	}
	return result.filter((entry) => entry.url);
}

/** Every attachment of the dialog and of its transmissions. */
export function allAttachments(dialog: AnyDialog) {
	const list = [...(dialog.attachments ?? [])];
	for (const transmission of dialog.transmissions ?? [])
		list.push(...(transmission.attachments ?? []));
	return list;
}

/** The URL of an attachment: the API (system) URL when there is one, else the first. */
export function attachmentUrl(dialog: AnyDialog, selector: string): string | undefined {
	const wanted = selector.trim().toLowerCase();
	const attachment = allAttachments(dialog).find(
		(entry) =>
			(entry.id ?? '').toLowerCase() === wanted || (entry.name ?? '').toLowerCase() === wanted,
	);
	if (!attachment) return undefined;
	const urls = attachment.urls ?? [];
	return (urls.find((url) => url.consumerType === 'Api') ?? urls[0])?.url;
}

export function assertUsableUrl(
	url: string | undefined,
	what: string,
	check: InputValidator,
): string {
	if (!url) check.fail(`${what} has no URL`);
	if (url === UNAUTHORIZED_URL) {
		check.fail(
			`You are not authorized for ${what}`,
			'Dialogporten replaced its URL with urn:dialogporten:unauthorized for this user.',
		);
	}
	if (url === EXPIRED_URL) check.fail(`${what} has expired`);
	// The URL parser drops tabs and line breaks and trims spaces without a word, which can turn
	// one host into another; such a URL is refused as written.
	const position = [...url].findIndex(
		(character) => character.codePointAt(0)! <= 0x20 || /[\p{Cc}\s]/u.test(character),
	);
	if (position >= 0) {
		const code = [...url][position].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
		check.fail(
			`The URL of ${what} contains whitespace or a control character (U+${code} at position ${position + 1}), so it is not called`,
			`The URL as the dialog gives it: ${JSON.stringify(url)}. The service owner must correct it.`,
		);
	}
	return check.url(url, `${what} URL`);
}

export type ResponseFormat = 'auto' | 'json' | 'text' | 'binary';

function fileNameOf(headers: Record<string, string>, url: string): string | undefined {
	const disposition = headers['content-disposition'] ?? '';
	const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
	if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
	const plain = /filename="?([^";]+)"?/i.exec(disposition);
	if (plain) return plain[1];
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		return last || undefined;
	} catch {
		return undefined;
	}
}

/** Turns a response body (a Buffer) into output items in the chosen format. */
export async function responseToItems(
	this: IExecuteFunctions,
	response: { body: Buffer; headers: Record<string, string>; statusCode: number },
	url: string,
	format: ResponseFormat,
	binaryProperty: string,
	extra: IDataObject,
): Promise<INodeExecutionData[]> {
	const contentType = (response.headers['content-type'] ?? '').toLowerCase();
	const text = () => response.body.toString('utf8');
	let effective = format;
	if (format === 'auto') {
		if (response.body.length === 0) effective = 'json';
		else if (contentType.includes('json')) effective = 'json';
		else if (contentType.startsWith('text/') || contentType.includes('xml')) effective = 'text';
		else effective = 'binary';
	}
	if (effective === 'binary') {
		const mimeType = contentType.split(';')[0] || undefined;
		const binaryData = await this.helpers.prepareBinaryData(
			response.body,
			fileNameOf(response.headers, url),
			mimeType,
		);
		const binary: IBinaryKeyData = { [binaryProperty]: binaryData };
		return [
			{
				json: {
					...extra,
					statusCode: response.statusCode,
					mimeType: binaryData.mimeType,
					fileName: binaryData.fileName ?? null,
					fileSize: response.body.length,
				},
				binary,
			},
		];
	}
	if (effective === 'text')
		return [{ json: { ...extra, statusCode: response.statusCode, data: text() } }];
	if (response.body.length === 0) return [{ json: { ...extra, statusCode: response.statusCode } }];
	let parsed: unknown;
	try {
		parsed = JSON.parse(text());
	} catch {
		return [{ json: { ...extra, statusCode: response.statusCode, data: text() } }];
	}
	if (Array.isArray(parsed)) {
		if (parsed.every((entry) => entry && typeof entry === 'object' && !Array.isArray(entry))) {
			return parsed.map((entry) => ({ json: entry as IDataObject }));
		}
		return [{ json: { ...extra, statusCode: response.statusCode, data: parsed as IDataObject[] } }];
	}
	if (parsed && typeof parsed === 'object') return [{ json: parsed as IDataObject }];
	return [{ json: { ...extra, statusCode: response.statusCode, data: parsed as string } }];
}

/**
 * Turns the dialog fields of Create and Update (fields.ts) into the API's body: content texts in
 * one language, GUI and API actions, attachments, and the top-level fields.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ContentValue, CreateDialogBody, UpdateDialogBody } from '../../helpers/interfaces';
import { localizedText, withTranslation } from '../../helpers/localization';
import { compact, FRONT_CHANNEL_EMBED_MARKDOWN } from '../../helpers/utils';
import {
	CONSUMER_TYPES,
	GUI_ACTION_PRIORITIES,
	HTTP_VERBS,
	type InputValidator,
} from '../../helpers/validation';

/** The entries of a multiple-value fixedCollection. */
export function fixedValues(collection: unknown): IDataObject[] {
	return ((collection as IDataObject)?.values as IDataObject[]) ?? [];
}

export function guiActionsOf(collection: unknown, language: string, check: InputValidator) {
	return fixedValues(collection).map((entry, index) =>
		compact({
			action: String(entry.action || 'read'),
			url: check.url(entry.url, `GUI action ${index + 1} URL`),
			priority: check.oneOf(
				entry.priority ?? 'Primary',
				GUI_ACTION_PRIORITIES,
				`GUI action ${index + 1} priority`,
			),
			httpMethod: check.oneOf(
				entry.httpMethod ?? 'GET',
				HTTP_VERBS,
				`GUI action ${index + 1} HTTP method`,
			),
			isDeleteDialogAction: Boolean(entry.isDeleteDialogAction),
			title: entry.title ? localizedText(String(entry.title), language) : undefined,
			authorizationAttribute: (entry.authorizationAttribute as string) || undefined,
		}),
	) as unknown as NonNullable<CreateDialogBody['guiActions']>;
}

export function apiActionsOf(collection: unknown, check: InputValidator) {
	return fixedValues(collection).map((entry, index) =>
		compact({
			action: String(entry.action || 'read'),
			name: (entry.name as string) || undefined,
			authorizationAttribute: (entry.authorizationAttribute as string) || undefined,
			endpoints: [
				compact({
					url: check.url(entry.url, `API action ${index + 1} URL`),
					httpMethod: check.oneOf(
						entry.httpMethod ?? 'GET',
						HTTP_VERBS,
						`API action ${index + 1} HTTP method`,
					),
					version: (entry.version as string) || undefined,
					documentationUrl: entry.documentationUrl
						? check.url(entry.documentationUrl, `API action ${index + 1} documentation URL`)
						: undefined,
					deprecated: false,
				}),
			],
		}),
	) as unknown as NonNullable<CreateDialogBody['apiActions']>;
}

export function attachmentsOf(collection: unknown, language: string, check: InputValidator) {
	return fixedValues(collection).map((entry, index) =>
		compact({
			displayName: entry.displayName
				? localizedText(String(entry.displayName), language)
				: undefined,
			urls: [
				compact({
					url: check.url(entry.url, `Attachment ${index + 1} URL`),
					mediaType: (entry.mediaType as string) || undefined,
					consumerType: check.oneOf(
						entry.consumerType ?? 'Gui',
						CONSUMER_TYPES,
						`Attachment ${index + 1} consumer`,
					),
				}),
			],
		}),
	) as unknown as NonNullable<CreateDialogBody['attachments']>;
}

type DialogContent = NonNullable<CreateDialogBody['content']>;

/**
 * Applies the content fields of the form to a content object (new, or the dialog's current one),
 * replacing only the translation in `language`.
 */
export function applyContentFields(
	content: Partial<DialogContent>,
	fields: IDataObject,
	language: string,
	check: InputValidator,
): Partial<DialogContent> {
	const result: Partial<DialogContent> = { ...content };
	const setText = (key: keyof DialogContent, value: unknown, mediaType = 'text/plain') => {
		if (value === undefined || value === '') return;
		const current = result[key] as ContentValue | null | undefined;
		result[key] = {
			mediaType,
			value: withTranslation(current?.value, String(value), language),
		} as never;
	};
	setText('title', fields.title);
	setText('summary', fields.summary);
	setText('senderName', fields.senderName);
	setText('nonSensitiveTitle', fields.nonSensitiveTitle);
	setText('nonSensitiveSummary', fields.nonSensitiveSummary);
	setText('extendedStatus', fields.extendedStatusText);
	setText(
		'additionalInfo',
		fields.additionalInfo,
		fields.additionalInfoMarkdown ? 'text/markdown' : 'text/plain',
	);
	if (fields.mainContentReference) {
		const url = check.url(fields.mainContentReference, 'Main Content Reference');
		setText('mainContentReference', url, FRONT_CHANNEL_EMBED_MARKDOWN);
	}
	return result;
}

/** Top-level (non-content) fields shared by create and update. */
export function scalarFields(
	fields: IDataObject,
	check: InputValidator,
	date: (name: string, label: string) => string | undefined,
): Partial<UpdateDialogBody> {
	return compact({
		extendedStatus: (fields.extendedStatus as string) || undefined,
		externalReference: (fields.externalReference as string) || undefined,
		process: (fields.process as string) || undefined,
		precedingProcess: (fields.precedingProcess as string) || undefined,
		progress: fields.progress ? check.integer(fields.progress, 'Progress', 1, 100) : undefined,
		dueAt: date('dueAt', 'Due At'),
		expiresAt: date('expiresAt', 'Expires At'),
		isApiOnly: typeof fields.isApiOnly === 'boolean' ? fields.isApiOnly : undefined,
		searchTags: fields.searchTags
			? check.list(fields.searchTags).map((value) => ({ value }))
			: undefined,
	} as IDataObject) as Partial<UpdateDialogBody>;
}

/** The GUI actions, API actions and attachments given in the form, as the API's lists. */
export function dialogListsOf(
	this: IExecuteFunctions,
	itemIndex: number,
	language: string,
	check: InputValidator,
) {
	return {
		guiActions: guiActionsOf(this.getNodeParameter('guiActions', itemIndex, {}), language, check),
		apiActions: apiActionsOf(this.getNodeParameter('apiActions', itemIndex, {}), check),
		attachments: attachmentsOf(
			this.getNodeParameter('attachments', itemIndex, {}),
			language,
			check,
		),
	};
}
